/**
 * Reply intent: sure rules first (match-intent-rules.ts), the trained model for the rest. The LLM
 * fallback is wired by the conversations service: it asks the model provider only when
 * `needsReview` is true and a model is configured.
 */
import type { WinkModelJson } from './compile-intent-model.js';
import { compileIntentModel, intentModelOdds } from './compile-intent-model.js';
import type { Intent } from './intent.js';
import { INTENTS } from './intent.js';
import { intentFeatures } from './intent-features.js';
// The trained model is data: produced by scripts/train-intent.ts from data-files/replies/intent-train.jsonl.
import intentModel from './intent-model.json' with { type: 'json' };
import { matchIntentRules } from './match-intent-rules.js';
import type { TokenizedReply } from './tokenize-reply.js';
import { tokenizeReply } from './tokenize-reply.js';

/** Below this confidence a classification should be confirmed by the LLM (when one is configured) or a person. */
export const LOW_CONFIDENCE = 0.6;

/**
 * wink's odds are one-vs-rest log2 ratios summed over every feature, so short texts with many
 * character n-grams get huge margins. Dividing by this temperature before the softmax makes the
 * model's confidence track its accuracy (chosen by 5-fold cross-validation on the training file;
 * see docs/guides/replies.md).
 */
export const MODEL_TEMPERATURE = 16;

export interface ClassifyIntentOptions {
  /** Confidence under which `needsReview` is set; default LOW_CONFIDENCE. */
  lowConfidence?: number;
  /** A reply already tokenized by tokenizeReply (classifyReply shares one tokenization). */
  tokenized?: TokenizedReply;
}

export interface IntentResult {
  intent: Intent;
  /** 0..1: a rule's fixed confidence, or the model's probability for the chosen intent. */
  confidence: number;
  source: 'rules' | 'model';
  /** Probability per intent (for a rule: its confidence, the rest shared evenly). */
  scores: Record<Intent, number>;
  /** confidence < lowConfidence: ask the LLM or a person before acting on anything but an opt-out. */
  needsReview: boolean;
  /** The rule that decided, when source is 'rules'. */
  rule?: string;
}

// Compiled once at module load (~15 ms): see compile-intent-model.ts for why not wink's own predict.
const compiledModel = compileIntentModel(intentModel as unknown as WinkModelJson);

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function ruleScores(intent: Intent, confidence: number): Record<Intent, number> {
  const rest = round((1 - confidence) / (INTENTS.length - 1));
  const scores = {} as Record<Intent, number>;
  for (const i of INTENTS) scores[i] = i === intent ? confidence : rest;
  return scores;
}

/** Runs the model alone (no rules): what scripts/evaluate-intent.ts reports as "model only". */
export function predictIntentWithModel(reply: TokenizedReply): { intent: Intent; confidence: number; scores: Record<Intent, number> } {
  const features = intentFeatures(reply);
  const odds = intentModelOdds(compiledModel, features);
  const scores = {} as Record<Intent, number>;
  for (const i of INTENTS) scores[i] = 0;
  // No feature seen in training (an unseen emoji, gibberish): nothing to go on.
  if (odds.length === 0) {
    scores.unknown = 1;
    return { intent: 'unknown', confidence: 0, scores };
  }
  let max = -Infinity;
  for (const [, o] of odds) if (o > max) max = o;
  let total = 0;
  const exps: Array<[string, number]> = [];
  for (const [label, o] of odds) {
    const e = 2 ** ((o - max) / MODEL_TEMPERATURE);
    exps.push([label, e]);
    total += e;
  }
  for (const [label, e] of exps) scores[label as Intent] = round(e / total);
  const best = odds[0]![0] as Intent;
  return { intent: best, confidence: scores[best], scores };
}

/**
 * Classifies a reply's intent.
 *
 * @example classifyIntent('Tame me off yoyr list') // { intent: 'opt_out', source: 'rules', confidence: 0.95, ... }
 * @example classifyIntent('how much u offering')  // { intent: 'interested', source: 'rules', ... }
 */
export function classifyIntent(text: string, options: ClassifyIntentOptions = {}): IntentResult {
  const lowConfidence = options.lowConfidence ?? LOW_CONFIDENCE;
  const reply = options.tokenized ?? tokenizeReply(text);
  const rule = matchIntentRules(reply);
  if (rule !== undefined) {
    return {
      intent: rule.intent,
      confidence: rule.confidence,
      source: 'rules',
      scores: ruleScores(rule.intent, rule.confidence),
      needsReview: rule.confidence < lowConfidence,
      rule: rule.rule,
    };
  }
  const model = predictIntentWithModel(reply);
  return { ...model, source: 'model', needsReview: model.confidence < lowConfidence };
}

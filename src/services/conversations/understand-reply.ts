/**
 * Reads one reply: the classifier (rules + trained model) for intent, confidence, sentiment and
 * objection; the model provider only when the classifier is unsure and a model is configured. A model
 * failure keeps the classifier's answer; a classifier failure gives `unknown` at confidence 0, so the
 * caller still records the message and a person sees it (the opt-out was committed before this ran).
 */
import { z } from 'zod';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import type { KeywordDetection } from '../../domain/replies/opt-out.js';
import { classifyReply } from '../../domain/replies/classify-reply.js';
import { INTENTS, type Intent } from '../../domain/replies/intent.js';
import { OBJECTIONS, type Objection } from '../../domain/replies/objection.js';

export interface ReplyUnderstanding {
  intent: Intent;
  confidence: number;
  /** keywords | rules | model (the trained classifier) | llm (the model provider) | fallback (the classifier failed) */
  source: 'keywords' | 'rules' | 'model' | 'llm' | 'fallback';
  sentiment: number;
  objection: Objection | null;
  stopOutreach: boolean;
  needsReview: boolean;
  rule: string | null;
  /** What went wrong on the way, if anything (kept in the decision's inputs). */
  errors: string[];
}

export const LlmIntentSchema = z.object({
  intent: z.enum(INTENTS),
  confidence: z.number().min(0).max(1),
  objection: z.enum(OBJECTIONS).nullable().optional(),
});

export interface UnderstandReplyOptions {
  text: string;
  keywords: KeywordDetection;
  /** Under this confidence the model is asked (when one is configured). */
  minConfidence: number;
  /** The provider to ask; `template` (no model) is never asked. */
  llm?: LlmProvider | null;
  /** The last messages, oldest first, for the model's context. */
  history?: ReadonlyArray<{ direction: 'inbound' | 'outbound'; text: string }>;
  /** Replaceable for tests (a classifier that throws). */
  classify?: typeof classifyReply;
}

const SYSTEM = [
  'You label one SMS or email reply from a property owner to a real-estate investor.',
  `intent is one of: ${INTENTS.join(', ')}. interested = open to selling or asking about an offer/price; not_interested = declines;`,
  'question = asks who we are / where we got the number / what this is, without a buying signal; opt_out = any request to stop;',
  'wrong_number = not the owner / wrong person / sold it; unknown = no usable content.',
  `objection is one of: ${OBJECTIONS.join(', ')} or null.`,
  'Answer with JSON only: {"intent": "...", "confidence": 0..1, "objection": "..." | null}.',
].join(' ');

export async function understandReply(o: UnderstandReplyOptions): Promise<ReplyUnderstanding> {
  const errors: string[] = [];
  const flags = { optOut: o.keywords.optOut, help: o.keywords.help, optIn: o.keywords.optIn };
  let base: ReplyUnderstanding;
  try {
    const c = (o.classify ?? classifyReply)(o.text, { keywords: flags, lowConfidence: o.minConfidence });
    base = {
      intent: c.intent,
      confidence: c.confidence,
      source: c.intentSource,
      sentiment: c.sentiment,
      objection: c.objection,
      stopOutreach: c.stopOutreach,
      needsReview: c.needsReview,
      rule: c.rule,
      errors,
    };
  } catch (e) {
    errors.push(`classifier: ${(e as Error).message}`);
    base = {
      intent: o.keywords.optOut ? 'opt_out' : o.keywords.wrongNumber ? 'wrong_number' : 'unknown',
      confidence: o.keywords.optOut || o.keywords.wrongNumber ? 1 : 0,
      source: o.keywords.optOut ? 'keywords' : 'fallback',
      sentiment: 0,
      objection: null,
      stopOutreach: o.keywords.optOut || o.keywords.wrongNumber,
      needsReview: true,
      rule: null,
      errors,
    };
  }
  // An opt-out is never second-guessed by a model.
  if (base.intent === 'opt_out' || !base.needsReview || !o.llm || o.llm.kind === 'template') return base;
  try {
    const history = (o.history ?? []).slice(-6).map((h) => `${h.direction === 'inbound' ? 'Owner' : 'Us'}: ${h.text}`).join('\n');
    const r = await o.llm.generateStructured(
      { system: SYSTEM, messages: [{ role: 'user', content: `${history ? `Conversation so far:\n${history}\n\n` : ''}Reply to label:\n${o.text}` }], temperature: 0, maxTokens: 80 },
      LlmIntentSchema,
    );
    if (!r.ok) {
      errors.push(`llm: ${r.error.code}: ${r.error.message}`);
      return base;
    }
    const v = r.value.value;
    // The model may not relabel something as an opt-out the keyword detector missed without saying so
    // loudly: it can, and that is stricter, so it is accepted.
    return {
      ...base,
      intent: v.intent,
      confidence: Math.round(v.confidence * 1000) / 1000,
      source: 'llm',
      objection: v.objection === undefined ? base.objection : v.objection,
      stopOutreach: v.intent === 'opt_out' || v.intent === 'wrong_number' || (v.intent === 'not_interested' && v.objection !== 'timing'),
      needsReview: v.confidence < o.minConfidence,
    };
  } catch (e) {
    errors.push(`llm: ${(e as Error).message}`);
    return base;
  }
}

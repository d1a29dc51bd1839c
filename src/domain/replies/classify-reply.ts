/**
 * Everything Curb reads from one inbound reply: intent (with confidence), sentiment, objection and
 * whether outreach must stop. The opt-out/help/opt-in keyword detector runs before this (always,
 * even when everything else is down) and passes its flags in; an opt-out flag forces opt_out.
 */
import type { ClassifyIntentOptions } from './classify-intent.js';
import { classifyIntent } from './classify-intent.js';
import { classifyObjection } from './classify-objection.js';
import type { Intent } from './intent.js';
import type { Objection } from './objection.js';
import { scoreSentiment } from './score-sentiment.js';
import type { SentimentToken } from './score-sentiment.js';
import { shouldStopOutreach } from './should-stop-outreach.js';
import { tokenizeReply } from './tokenize-reply.js';

/** Flags from the keyword detector (src/domain/replies/opt-out*.ts). */
export interface ReplyKeywordFlags {
  optOut: boolean;
  help: boolean;
  optIn: boolean;
}

export interface ClassifyReplyOptions {
  keywords?: ReplyKeywordFlags;
  lowConfidence?: ClassifyIntentOptions['lowConfidence'];
}

export interface ReplyClassification {
  intent: Intent;
  confidence: number;
  /** 'keywords' when the keyword detector's opt-out flag decided. */
  intentSource: 'keywords' | 'rules' | 'model';
  /** Low confidence: confirm with the LLM (if configured) or a person. */
  needsReview: boolean;
  /** The intent rule that decided, if one did. */
  rule: string | null;
  /** -1..1. */
  sentiment: number;
  sentimentTokens: SentimentToken[];
  objection: Objection | null;
  objectionMatched: string | null;
  /**
   * Stop the sequence: opt-out, wrong party, or a refusal. A "not now" (timing objection) is
   * not_interested for today but kept for a later nurture touch, so it does not stop outreach.
   */
  stopOutreach: boolean;
  keywords: ReplyKeywordFlags | null;
}

/**
 * @example classifyReply('Not interested') // { intent: 'not_interested', sentiment: -0.56, objection: 'not_interested', stopOutreach: true, ... }
 */
export function classifyReply(text: string, options: ClassifyReplyOptions = {}): ReplyClassification {
  const tokenized = tokenizeReply(text);
  const sentiment = scoreSentiment(text, { tokenized });
  const objection = classifyObjection(text, { tokenized });
  const keywords = options.keywords ?? null;
  let intent: Intent;
  let confidence: number;
  let intentSource: ReplyClassification['intentSource'];
  let needsReview: boolean;
  let rule: string | null;
  if (keywords?.optOut) {
    intent = 'opt_out';
    confidence = 1;
    intentSource = 'keywords';
    needsReview = false;
    rule = 'keywords:opt_out';
  } else {
    const result = classifyIntent(text, { tokenized, lowConfidence: options.lowConfidence });
    ({ intent, confidence, needsReview } = result);
    intentSource = result.source;
    rule = result.rule ?? null;
  }
  const stopOutreach =
    intent === 'opt_out' ||
    intent === 'wrong_number' ||
    (intent === 'not_interested' && objection.objection !== 'timing') ||
    shouldStopOutreach(objection.objection);
  return {
    intent,
    confidence,
    intentSource,
    needsReview,
    rule,
    sentiment: sentiment.score,
    sentimentTokens: sentiment.tokens,
    objection: objection.objection,
    objectionMatched: objection.matched,
    stopOutreach,
    keywords,
  };
}

export interface ClassifyBatchOptions extends Omit<ClassifyReplyOptions, 'keywords'> {
  /** Keyword flags per text, same order (missing entries: none). */
  keywords?: ReadonlyArray<ReplyKeywordFlags | undefined>;
}

/** Classifies many replies (imports, re-scoring history); same result as classifyReply on each. */
export function classifyBatch(texts: readonly string[], options: ClassifyBatchOptions = {}): ReplyClassification[] {
  return texts.map((text, i) => classifyReply(text, { lowConfidence: options.lowConfidence, keywords: options.keywords?.[i] }));
}

/**
 * Seed 000's decision engine for one inbound reply, with seed 003's objection handling and gate:
 * what Curb does next, and the reasons. Pure: the conversations service gathers the inputs, records
 * this decision with them, then acts.
 *
 * Order (first that applies wins; harm first):
 * 1. opt-out → opt_out (the suppression is already committed by then; this sends the one confirmation)
 * 2. HELP → help; START/UNSTOP from an opted-out contact → opt_in
 * 3. wrong number → wrong_number (suppress that number; the owner's other numbers continue)
 * 4. interested, sentiment > handoffSentiment, or a passed gate that targets a person → handoff
 * 5. a question (or an info_request objection) → auto_reply
 * 6. an objection (price, already listed, timing) → rebuttal, and the conversation continues
 * 7. not interested (a refusal) → mark_cold
 * 8. anything else (unknown, low confidence) → none: wait for the next message
 * While a person has taken over, the bot never speaks: replies and rebuttals become notify_human.
 */
import type { Intent } from './intent.js';
import type { Objection } from './objection.js';

export interface ReplyDecisionThresholds {
  /** Sentiment above this hands the lead to a person even without an "interested" intent (seed 000: 0.5). */
  handoffSentiment: number;
  /** Under this intent confidence, the bot does not answer on its own (a person or the next message decides). */
  minConfidence: number;
}

export const DEFAULT_REPLY_THRESHOLDS: ReplyDecisionThresholds = { handoffSentiment: 0.5, minConfidence: 0.6 };

export type ReplyAction = 'opt_out' | 'help' | 'opt_in' | 'wrong_number' | 'handoff' | 'mark_cold' | 'rebuttal' | 'auto_reply' | 'notify_human' | 'none';

export interface ReplyDecisionInput {
  intent: Intent;
  confidence: number;
  sentiment: number;
  objection: Objection | null;
  /** classifyReply's stopOutreach: a refusal, opt-out or wrong party. */
  stopOutreach: boolean;
  keywords: { optOut: boolean; help: boolean; optIn: boolean; wrongNumber?: boolean; legalThreat?: boolean };
  /** The contact is opted out (before this message). */
  optedOut: boolean;
  /** A person has taken the conversation over. */
  humanTakeover: boolean;
  /** The qualification gate on the whole conversation, when evaluated. */
  gate?: { passed: boolean; handoffTarget: string | null } | null;
  thresholds?: Partial<ReplyDecisionThresholds>;
}

export interface ReplyDecision {
  action: ReplyAction;
  /** Why, in order: the rule that chose the action first. */
  reasons: string[];
  /** Stop the automated cadence (and with which reason), besides the action itself. */
  stopOutreach: 'reply' | 'opt_out' | 'handoff' | 'wrong_number' | 'not_interested' | null;
}

/**
 * @example decideReplyAction({ intent: 'question', confidence: 0.9, sentiment: 0, objection: null, stopOutreach: false, keywords, optedOut: false, humanTakeover: false }).action // 'auto_reply'
 */
export function decideReplyAction(input: ReplyDecisionInput): ReplyDecision {
  const t = { ...DEFAULT_REPLY_THRESHOLDS, ...input.thresholds };
  const { intent, keywords } = input;
  const bot = (action: 'rebuttal' | 'auto_reply', reasons: string[], stop: ReplyDecision['stopOutreach']): ReplyDecision =>
    input.humanTakeover
      ? { action: 'notify_human', reasons: [...reasons, 'human_takeover: the bot stays silent; the person is told'], stopOutreach: stop }
      : { action, reasons, stopOutreach: stop };

  if (keywords.optOut || intent === 'opt_out') {
    return { action: 'opt_out', reasons: [keywords.optOut ? 'keywords: opt-out words (F8)' : 'intent: opt_out', ...(keywords.legalThreat ? ['legal threat: escalate'] : [])], stopOutreach: 'opt_out' };
  }
  if (keywords.help) return { action: 'help', reasons: ['keywords: HELP/INFO (C1)'], stopOutreach: null };
  if (keywords.optIn && input.optedOut) return { action: 'opt_in', reasons: ['keywords: START/UNSTOP from an opted-out contact (C1, R-CAR-START)'], stopOutreach: null };
  if (intent === 'wrong_number' || keywords.wrongNumber) {
    return { action: 'wrong_number', reasons: [intent === 'wrong_number' ? 'intent: wrong_number' : 'keywords: wrong number'], stopOutreach: 'wrong_number' };
  }
  const hot: string[] = [];
  if (intent === 'interested') hot.push(`intent: interested (${input.confidence})`);
  if (input.sentiment > t.handoffSentiment) hot.push(`sentiment ${input.sentiment} > ${t.handoffSentiment}`);
  if (input.gate?.passed && input.gate.handoffTarget === 'human') hot.push('qualification gate passed: handoff to a person');
  // A refusal outranks a warm word in it ("no thanks, great offer though"): sentiment alone never overrides a stop.
  if (hot.length > 0 && !(input.stopOutreach && intent !== 'interested')) {
    return { action: input.humanTakeover ? 'notify_human' : 'handoff', reasons: input.humanTakeover ? [...hot, 'human_takeover: already with a person'] : hot, stopOutreach: 'handoff' };
  }
  // A question — or an info_request objection, which is one ("who is this?", "how did you get my number") — is answered.
  if (intent === 'question' || (input.objection === 'info_request' && intent !== 'not_interested')) {
    if (input.confidence < t.minConfidence && intent === 'question') {
      return { action: 'none', reasons: [`intent: question at confidence ${input.confidence} < ${t.minConfidence}: wait for a person or the next message`], stopOutreach: 'reply' };
    }
    return bot('auto_reply', [intent === 'question' ? `intent: question (${input.confidence})` : 'objection: info_request'], 'reply');
  }
  // Seed 003: an objection other than a refusal gets a rebuttal and the conversation continues ("we have a
  // realtor" → "glad to be a backup"); "not now" keeps the cadence for a later nurture touch.
  if (input.objection !== null && input.objection !== 'not_interested') {
    return bot('rebuttal', [`objection: ${input.objection}`, ...(intent === 'not_interested' ? ['intent: not_interested, answered once before going quiet'] : [])], input.objection === 'timing' ? null : 'reply');
  }
  if (intent === 'not_interested' || input.stopOutreach) {
    return { action: 'mark_cold', reasons: [intent === 'not_interested' ? 'intent: not_interested' : `objection: ${input.objection ?? 'refusal'}`], stopOutreach: 'not_interested' };
  }
  if (input.humanTakeover) return { action: 'notify_human', reasons: [`intent: ${intent}`, 'human_takeover: the person is told'], stopOutreach: null };
  return { action: 'none', reasons: [`intent: ${intent} (${input.confidence}): nothing to do yet`], stopOutreach: null };
}

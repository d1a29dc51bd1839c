/**
 * Seed 003's QualificationGate: hand a lead on only when FRS >= 60 and confidence >= 0.70, and
 * never when the owner opted out, is the wrong party, or said no in their latest reply.
 * (File named gate-* rather than evaluate-gate.ts: the qualify folder is shared by prefix.)
 */
import { z } from 'zod';
import { classifyReply } from '../replies/classify-reply.js';
import { compilePhrases, findPhrase } from '../replies/match-phrases.js';
import { tokenizeReply } from '../replies/tokenize-reply.js';
import type { ConversationMessage, Facts } from './facts.js';
import { FRS_WEIGHTS } from './frs-score.js';

export const GateDecisionSchema = z.object({
  passed: z.boolean(),
  frsScore: z.number(),
  pcsScore: z.number(),
  leadType: z.enum(['buyer', 'seller', 'ambiguous']),
  confidence: z.number().min(0).max(1),
  handoffTarget: z.enum(['seller_bot', 'buyer_bot', 'lead_bot', 'human']).nullable(),
  disqualifyReason: z.string().nullable(),
});
export type GateDecision = z.infer<typeof GateDecisionSchema>;
export type LeadType = GateDecision['leadType'];

export interface GateThresholds {
  frs: number;
  confidence: number;
  /** A passed seller this engaged goes straight to a person; below it, the seller bot keeps qualifying. */
  hotPcs: number;
}

export const DEFAULT_GATE_THRESHOLDS: GateThresholds = { frs: 60, confidence: 0.7, hotPcs: 60 };

export interface EvaluateGateOptions {
  facts: Facts;
  /** FRS 0..100 (computeFrs(...).score). */
  frs: number;
  /** PCS 0..100 (computePcs(...).score). */
  pcs: number;
  conversation: readonly Pick<ConversationMessage, 'direction' | 'body'>[];
  thresholds?: Partial<GateThresholds>;
}

const p = (...xs: string[]) => compilePhrases(xs.map((x) => [x, true] as const));
// Someone who wants to BUY from us (a buyer lead for the investor's dispositions list).
const BUYER_SIGNALS = p(
  'looking to buy', 'want to buy', 'wanna buy', 'interested in buying', 'im a buyer', 'cash buyer', 'buyers list', 'buyer list',
  'do you have any properties', 'do you have any houses', 'do you have any deals', 'send me deals', 'send me properties', 'what do you have for sale',
  'looking for properties', 'looking for a house', 'looking for deals', 'i buy houses', 'im an investor', 'add me to your list', 'any deals',
);
// An owner willing to sell.
const SELLER_SIGNALS = p(
  'sell', 'selling', 'my house', 'my property', 'the house', 'make me an offer', 'make an offer', 'whats your offer', 'how much', 'asking',
  'want to sell', 'need to sell', 'i own', 'we own', 'inherited', 'vender', 'mi casa',
);

function leadTypeOf(conversation: EvaluateGateOptions['conversation'], facts: Facts): { leadType: LeadType; confidence: number } {
  let seller = 0;
  let buyer = 0;
  for (const m of conversation) {
    if (m.direction !== 'inbound') continue;
    const words = tokenizeReply(m.body).words;
    if (findPhrase(words, BUYER_SIGNALS)) buyer++;
    else if (findPhrase(words, SELLER_SIGNALS)) seller++;
  }
  // Facts about *their* property are seller evidence even without the word "sell".
  for (const f of [facts.motivation, facts.askingPrice, facts.condition, facts.occupancy]) if (f) seller++;
  if (seller > 0 && buyer === 0) return { leadType: 'seller', confidence: Math.min(0.95, 0.6 + 0.1 * seller) };
  if (buyer > 0 && seller === 0) return { leadType: 'buyer', confidence: Math.min(0.95, 0.6 + 0.1 * buyer) };
  if (buyer > 0 && seller > 0) return { leadType: 'ambiguous', confidence: 0.4 };
  return { leadType: 'ambiguous', confidence: 0.3 };
}

/** Share of the FRS weight backed by an extracted fact, each counted at its confidence. */
function factEvidence(facts: Facts): number {
  const backed =
    FRS_WEIGHTS.motivation * (facts.motivation?.confidence ?? 0) +
    FRS_WEIGHTS.timeline * (facts.timeline?.confidence ?? 0) +
    FRS_WEIGHTS.price * (facts.askingPrice?.confidence ?? 0) +
    FRS_WEIGHTS.decisionMaker * (facts.decisionMaker?.confidence ?? 0);
  const total = FRS_WEIGHTS.motivation + FRS_WEIGHTS.timeline + FRS_WEIGHTS.price + FRS_WEIGHTS.decisionMaker;
  return backed / total;
}

/**
 * @example evaluateGate({ facts, frs: 72, pcs: 65, conversation }) // { passed: true, leadType: 'seller', handoffTarget: 'human', ... }
 */
export function evaluateGate(options: EvaluateGateOptions): GateDecision {
  const t = { ...DEFAULT_GATE_THRESHOLDS, ...options.thresholds };
  const { leadType, confidence: typeConfidence } = leadTypeOf(options.conversation, options.facts);
  // How sure we are of the whole picture: of who they are, and of the facts the FRS stands on.
  const confidence = Math.round(typeConfidence * (0.5 + 0.5 * factEvidence(options.facts)) * 1000) / 1000;
  const base = { frsScore: options.frs, pcsScore: options.pcs, leadType, confidence };
  const fail = (reason: string, handoffTarget: GateDecision['handoffTarget'] = null): GateDecision => ({ ...base, passed: false, handoffTarget, disqualifyReason: reason });

  // Any opt-out or wrong-party reply anywhere ends it; a refusal counts only if it is their latest word.
  const inbound = options.conversation.filter((m) => m.direction === 'inbound');
  const verdicts = inbound.map((m) => classifyReply(m.body));
  if (verdicts.some((v) => v.intent === 'opt_out')) return fail('opted_out');
  if (verdicts.some((v) => v.intent === 'wrong_number')) return fail('wrong_party');
  const last = verdicts.at(-1);
  if (last !== undefined && last.intent === 'not_interested' && last.stopOutreach) return fail('not_interested');
  // Not sure yet whether they buy or sell: the lead bot asks.
  if (leadType === 'ambiguous') return fail('lead_type_ambiguous', 'lead_bot');
  if (options.frs < t.frs) return fail(`frs_below_threshold: ${options.frs} < ${t.frs}`);
  if (confidence < t.confidence) return fail(`confidence_below_threshold: ${confidence} < ${t.confidence}`);
  const handoffTarget = leadType === 'buyer' ? 'buyer_bot' : options.pcs >= t.hotPcs ? 'human' : 'seller_bot';
  return { ...base, passed: true, handoffTarget, disqualifyReason: null };
}

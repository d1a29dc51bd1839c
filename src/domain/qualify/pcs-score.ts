/**
 * Psychological Commitment Score (seed 003's PCS), 0..100: how engaged the owner is in the
 * conversation, whatever they have said about money. PCS = 100 × Σ weight_i × component_i.
 * (File named pcs-* rather than compute-pcs.ts: the qualify folder is shared by prefix.)
 */
import { scoreSentiment } from '../replies/score-sentiment.js';
import { tokenizeReply } from '../replies/tokenize-reply.js';
import type { ConversationMessage } from './facts.js';

export interface PcsWeights {
  replies: number;
  length: number;
  questions: number;
  sentiment: number;
  responsiveness: number;
}

export const PCS_WEIGHTS: PcsWeights = { replies: 0.25, length: 0.15, questions: 0.2, sentiment: 0.25, responsiveness: 0.15 };

/** Saturation points: at these, a component reaches 1. */
export const PCS_SATURATION = {
  /** Four replies is a conversation. */
  replies: 4,
  /** Twelve words on average is someone explaining their situation, not "ok". */
  averageWords: 12,
  /** Two questions from the owner ("how fast can you close?", "cash?") is active interest. */
  questions: 2,
} as const;

/** Median minutes from our message to their reply -> score. Faster means more engaged. */
export const RESPONSIVENESS_BANDS: ReadonlyArray<readonly [maxMinutes: number, score: number]> = [
  [15, 1],
  [60, 0.85],
  [240, 0.65],
  [24 * 60, 0.45],
  [Infinity, 0.2],
];
/** When we cannot tell (no outbound message before a reply, or no valid times). */
export const RESPONSIVENESS_UNKNOWN = 0.5;

export interface PcsComponent {
  value: number;
  weight: number;
  points: number;
}

export interface PcsResult {
  score: number;
  components: Record<keyof PcsWeights, PcsComponent>;
}

export interface ComputePcsOptions {
  conversation: readonly ConversationMessage[];
  weights?: PcsWeights;
}

function toMs(at: string | Date): number {
  return at instanceof Date ? at.getTime() : Date.parse(at);
}

function responsiveness(conversation: readonly ConversationMessage[]): number {
  const delays: number[] = [];
  let lastOutbound: number | undefined;
  for (const m of conversation) {
    const t = toMs(m.at);
    if (m.direction === 'outbound') lastOutbound = t;
    else if (lastOutbound !== undefined && Number.isFinite(t) && Number.isFinite(lastOutbound) && t >= lastOutbound) {
      delays.push((t - lastOutbound) / 60_000);
      lastOutbound = undefined; // only the first reply to each of our messages counts
    }
  }
  if (delays.length === 0) return RESPONSIVENESS_UNKNOWN;
  delays.sort((a, b) => a - b);
  const median = delays[Math.floor(delays.length / 2)]!;
  for (const [max, score] of RESPONSIVENESS_BANDS) if (median <= max) return score;
  return 0;
}

/**
 * @example computePcs({ conversation }).score // 0..100
 */
export function computePcs(options: ComputePcsOptions): PcsResult {
  const w = options.weights ?? PCS_WEIGHTS;
  const inbound = options.conversation.filter((m) => m.direction === 'inbound');
  let words = 0;
  let questions = 0;
  let sentimentSum = 0;
  for (const m of inbound) {
    const tokenized = tokenizeReply(m.body);
    words += tokenized.words.length;
    if (tokenized.questionMarks > 0) questions++;
    sentimentSum += scoreSentiment(m.body, { tokenized }).score;
  }
  const n = inbound.length;
  const values: Record<keyof PcsWeights, number> = {
    replies: Math.min(1, n / PCS_SATURATION.replies),
    length: n === 0 ? 0 : Math.min(1, words / n / PCS_SATURATION.averageWords),
    questions: Math.min(1, questions / PCS_SATURATION.questions),
    // Mean sentiment -1..1 mapped to 0..1; silence scores 0, not neutral.
    sentiment: n === 0 ? 0 : (sentimentSum / n + 1) / 2,
    responsiveness: n === 0 ? 0 : responsiveness(options.conversation),
  };
  const components = {} as PcsResult['components'];
  let score = 0;
  for (const key of Object.keys(values) as Array<keyof PcsWeights>) {
    const points = values[key] * w[key] * 100;
    components[key] = { value: Math.round(values[key] * 1000) / 1000, weight: w[key], points: Math.round(points * 10) / 10 };
    score += points;
  }
  return { score: Math.round(Math.min(100, Math.max(0, score)) * 10) / 10, components };
}

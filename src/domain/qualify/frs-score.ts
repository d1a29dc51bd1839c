/**
 * Financial Readiness Score (seed 003's FRS), 0..100: how ready this owner is to transact.
 * FRS = 100 × Σ weight_i × component_i, each component in 0..1, weights summing to 1, all data
 * below so the formula can be read and tuned in one place (docs/guides/replies.md has the table).
 * (File named frs-* rather than compute-frs.ts: the qualify folder is shared by prefix.)
 */
import type { Facts, Motivation, Timeline, DecisionMaker } from './facts.js';

export interface FrsWeights {
  motivation: number;
  timeline: number;
  price: number;
  decisionMaker: number;
}

export const FRS_WEIGHTS: FrsWeights = { motivation: 0.35, timeline: 0.3, price: 0.2, decisionMaker: 0.15 };

/** Distress that forces a sale scores highest; a preference (downsizing) lower. */
export const MOTIVATION_STRENGTH: Readonly<Record<Motivation, number>> = {
  foreclosure: 1, behind_on_payments: 1, taxes: 0.95, divorce: 0.95, inherited: 0.9, relocating: 0.9, financial_hardship: 0.9,
  health: 0.85, tired_landlord: 0.8, repairs: 0.75, vacant_property: 0.7, retiring: 0.6, downsizing: 0.55,
};

export const TIMELINE_URGENCY: Readonly<Record<Timeline, number>> = { asap: 1, '30_days': 0.9, '3_months': 0.6, '6_months_plus': 0.2 };

/** A sole owner can sign; a couple usually decide together; "I have to ask my brother" is a real hurdle. Unknown sits in between. */
export const DECISION_MAKER_READINESS: Readonly<Record<DecisionMaker | 'unknown', number>> = { sole: 1, joint: 0.8, needs_others: 0.3, unknown: 0.4 };

/**
 * Price realism: asking / estimated value. At or under 85% of value is a deal an investor can do;
 * at market is workable; above market is a stretch. Without an estimate, a stated number still
 * shows the owner is ready to talk money (0.6); no number at all scores 0.
 */
export const PRICE_REALISM_BANDS: ReadonlyArray<readonly [maxRatio: number, score: number]> = [
  [0.85, 1],
  [1.0, 0.75],
  [1.15, 0.4],
  [Infinity, 0.1],
];
export const PRICE_STATED_NO_ESTIMATE = 0.6;

export interface FrsComponent {
  /** 0..1 */
  value: number;
  weight: number;
  /** value × weight × 100 */
  points: number;
}

export interface FrsResult {
  score: number;
  components: Record<keyof FrsWeights, FrsComponent>;
}

export interface ComputeFrsOptions {
  facts: Facts;
  /** Our estimate of the property's value (dollars), e.g. from the appraiser's record. */
  estimatedValue?: number;
  weights?: FrsWeights;
}

function priceRealism(asking: number | undefined, estimated: number | undefined): number {
  if (asking === undefined) return 0;
  if (estimated === undefined || estimated <= 0) return PRICE_STATED_NO_ESTIMATE;
  const ratio = asking / estimated;
  for (const [max, score] of PRICE_REALISM_BANDS) if (ratio <= max) return score;
  return 0;
}

/**
 * @example computeFrs({ facts, estimatedValue: 300_000 }).score // 0..100
 */
export function computeFrs(options: ComputeFrsOptions): FrsResult {
  const w = options.weights ?? FRS_WEIGHTS;
  const { facts } = options;
  const values: Record<keyof FrsWeights, number> = {
    motivation: facts.motivation ? MOTIVATION_STRENGTH[facts.motivation.value] : 0,
    timeline: facts.timeline ? TIMELINE_URGENCY[facts.timeline.value] : 0,
    price: priceRealism(facts.askingPrice?.value, options.estimatedValue),
    decisionMaker: DECISION_MAKER_READINESS[facts.decisionMaker?.value ?? 'unknown'],
  };
  const components = {} as FrsResult['components'];
  let score = 0;
  for (const key of Object.keys(values) as Array<keyof FrsWeights>) {
    const points = values[key] * w[key] * 100;
    components[key] = { value: values[key], weight: w[key], points: Math.round(points * 10) / 10 };
    score += points;
  }
  return { score: Math.round(Math.min(100, Math.max(0, score)) * 10) / 10, components };
}

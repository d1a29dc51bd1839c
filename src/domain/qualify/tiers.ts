import { z } from 'zod';

export const TIERS = ['A', 'B+', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Minimum points per tier; anything under C is D. A ≥ 43 and B+ ≥ 38 are the seed's contract;
 * B and C are the research proposal. Markets may override all four.
 */
export const TierThresholdsSchema = z
  .object({ A: z.number(), 'B+': z.number(), B: z.number(), C: z.number() })
  .strict()
  .refine((t) => t.A >= t['B+'] && t['B+'] >= t.B && t.B >= t.C, { message: 'tier thresholds must not increase from A to C' });
export type TierThresholds = z.infer<typeof TierThresholdsSchema>;

export const DEFAULT_TIER_THRESHOLDS: TierThresholds = { A: 43, 'B+': 38, B: 30, C: 20 };

/** @example assignTier(41) // 'B+' */
export function assignTier(score: number, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS): Tier {
  if (score >= thresholds.A) return 'A';
  if (score >= thresholds['B+']) return 'B+';
  if (score >= thresholds.B) return 'B';
  if (score >= thresholds.C) return 'C';
  return 'D';
}

import { describe, expect, it } from 'vitest';
import { assignTier, TierThresholdsSchema } from './tiers.js';

describe('assignTier', () => {
  it('uses A≥43, B+≥38, B≥30, C≥20 by default', () => {
    expect([47, 43, 42.9, 38, 37, 30, 29, 20, 19.9, 0].map((s) => assignTier(s))).toEqual(['A', 'A', 'B+', 'B+', 'B', 'B', 'C', 'C', 'D', 'D']);
  });
  it('takes a market’s own thresholds', () => {
    expect(assignTier(40, { A: 40, 'B+': 35, B: 25, C: 15 })).toBe('A');
  });
  it('refuses thresholds that increase from A to C', () => {
    expect(TierThresholdsSchema.safeParse({ A: 30, 'B+': 38, B: 20, C: 10 }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { compareProportions, fisherExact, normalCdf, twoProportionZTest } from './compare-proportions.js';

describe('compareProportions', () => {
  it('normal CDF matches the table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
  });

  it('z-test: 120/1000 vs 90/1000 (hand-computed: pooled p = 0.105, se = 0.013710, z = 2.1882, p = 0.0287)', () => {
    const r = twoProportionZTest(120, 1000, 90, 1000);
    expect(r.z).toBeCloseTo(2.1882, 3);
    expect(r.pValue).toBeCloseTo(0.0287, 3);
    expect(compareProportions(120, 1000, 90, 1000).test).toBe('z_test');
  });

  it("Fisher's exact test: the tea-tasting table [[3,1],[1,3]] gives p = 0.4857 (R fisher.test)", () => {
    expect(fisherExact(3, 4, 1, 4)).toBeCloseTo(0.4857, 4);
  });

  it('Fisher: [[7,3],[1,9]] gives p = 0.01977 (R fisher.test) and is chosen for small counts', () => {
    expect(fisherExact(7, 10, 1, 10)).toBeCloseTo(0.01977, 4);
    const r = compareProportions(7, 10, 1, 10);
    expect(r.test).toBe('fisher_exact');
    expect(r.pValue).toBeCloseTo(0.01977, 4);
  });

  it('an empty arm is never significant', () => {
    expect(compareProportions(0, 0, 5, 10).pValue).toBe(1);
  });
});

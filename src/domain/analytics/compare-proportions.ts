/**
 * Significance of a difference between two rates (A/B variants): Fisher's exact test when any expected cell
 * count is below 5, the pooled two-proportion z-test otherwise. Both two-sided.
 */
import { errorFunction, gammaln } from 'simple-statistics';

export interface ProportionComparison {
  test: 'fisher_exact' | 'z_test';
  /** Two-sided p-value. */
  pValue: number;
  /** z statistic (z-test only). */
  z: number | null;
}

/** Standard normal CDF through the error function. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + errorFunction(x / Math.SQRT2));
}

/** Pooled two-proportion z-test: H0 p1 = p2. */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): { z: number; pValue: number } {
  const p = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

const logChoose = (n: number, k: number) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);

/**
 * Fisher's exact test on the 2×2 table [[x1, n1 − x1], [x2, n2 − x2]]: the sum of the probabilities of every
 * table with the same margins that is no more likely than the one observed.
 */
export function fisherExact(x1: number, n1: number, x2: number, n2: number): number {
  const successes = x1 + x2;
  const total = n1 + n2;
  const lo = Math.max(0, successes - n2);
  const hi = Math.min(successes, n1);
  const logP = (a: number) => logChoose(n1, a) + logChoose(n2, successes - a) - logChoose(total, successes);
  const observed = logP(x1);
  let p = 0;
  for (let a = lo; a <= hi; a++) {
    const lp = logP(a);
    // Relative tolerance, as R's fisher.test does, so ties are not lost to rounding.
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

export function compareProportions(x1: number, n1: number, x2: number, n2: number): ProportionComparison {
  if (n1 === 0 || n2 === 0) return { test: 'fisher_exact', pValue: 1, z: null };
  const successes = x1 + x2;
  const failures = n1 + n2 - successes;
  const total = n1 + n2;
  const minExpected = Math.min(n1, n2) * (Math.min(successes, failures) / total);
  if (minExpected < 5) return { test: 'fisher_exact', pValue: fisherExact(x1, n1, x2, n2), z: null };
  const { z, pValue } = twoProportionZTest(x1, n1, x2, n2);
  return { test: 'z_test', pValue, z };
}

import { describe, expect, it } from 'vitest';
import type { Facts } from './facts.js';
import { computeFrs, FRS_WEIGHTS } from './frs-score.js';

const fact = <T>(value: T, confidence = 0.9) => ({ value, confidence, evidence: 'x', messageIndex: 0 });
const none: Facts = { motivation: null, timeline: null, condition: null, askingPrice: null, decisionMaker: null, occupancy: null };

describe('computeFrs', () => {
  it('weights sum to 1 so the score spans 0..100', () => {
    expect(Object.values(FRS_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    const full: Facts = { ...none, motivation: fact('foreclosure'), timeline: fact('asap'), askingPrice: fact(200_000), decisionMaker: fact('sole') };
    expect(computeFrs({ facts: full, estimatedValue: 300_000 }).score).toBe(100);
  });

  it('scores an owner with no facts low (unknown decision maker only)', () => {
    expect(computeFrs({ facts: none }).score).toBe(6);
  });

  it('follows the documented formula', () => {
    const facts: Facts = { ...none, motivation: fact('divorce'), timeline: fact('3_months'), askingPrice: fact(290_000), decisionMaker: fact('needs_others') };
    const r = computeFrs({ facts, estimatedValue: 300_000 });
    // 35×0.95 + 30×0.6 + 20×0.75 + 15×0.3 = 33.25 + 18 + 15 + 4.5
    expect(r.score).toBeCloseTo(70.8, 1);
    expect(r.components.price.value).toBe(0.75);
  });

  it('penalises an asking price far above value, and credits a stated price without an estimate', () => {
    const f = (p: number): Facts => ({ ...none, askingPrice: fact(p) });
    expect(computeFrs({ facts: f(400_000), estimatedValue: 300_000 }).components.price.value).toBe(0.1);
    expect(computeFrs({ facts: f(400_000) }).components.price.value).toBe(0.6);
  });
});

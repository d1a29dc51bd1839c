import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pickSender } from './pick-sender.js';

const numbers = fc.uniqueArray(fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => `+1407${n}`), { minLength: 1, maxLength: 12 });
const recipient = fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => `+1321${n}`);

describe('pickSender', () => {
  it('is stable for a recipient and independent of pool order', () => {
    fc.assert(
      fc.property(numbers, recipient, (pool, to) => {
        const a = pickSender(pool, to);
        expect(pool).toContain(a);
        expect(pickSender(pool, to)).toBe(a);
        expect(pickSender([...pool].reverse(), to)).toBe(a);
      }),
    );
  });

  it('removing another number never moves a recipient (rendezvous hashing)', () => {
    fc.assert(
      fc.property(numbers.filter((p) => p.length > 1), recipient, fc.nat(), (pool, to, k) => {
        const chosen = pickSender(pool, to);
        const others = pool.filter((n) => n !== chosen);
        const removed = others[k % others.length]!;
        expect(pickSender(pool.filter((n) => n !== removed), to)).toBe(chosen);
      }),
    );
  });

  it('spreads recipients over the pool', () => {
    const pool = ['+14075550100', '+14075550101', '+14075550102', '+14075550103'];
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const s = pickSender(pool, `+1321555${String(i).padStart(4, '0')}`);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const n of pool) expect(counts.get(n)).toBeGreaterThan(800);
  });

  it('refuses an empty pool', () => {
    expect(() => pickSender([], '+13215550123')).toThrow(/empty/);
  });
});

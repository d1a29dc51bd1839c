import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { failure, ok, type AppFailure, type Result } from './result.js';
import { retryDelay, withRetry } from './retry.js';

function scripted(results: Array<Result<string, AppFailure>>) {
  const calls: number[] = [];
  return {
    calls,
    attempt: (n: number) => {
      calls.push(n);
      return Promise.resolve(results[Math.min(n - 1, results.length - 1)]!);
    },
  };
}

describe('withRetry', () => {
  it('retries retryable failures with growing delays until success', async () => {
    const s = scripted([failure('timeout', 't', true), failure('unavailable', '503', true), ok('SM1')]);
    const sleeps: number[] = [];
    const r = await withRetry({ attempt: s.attempt, retries: 3, baseDelayMs: 100, maxDelayMs: 1_000, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
    expect(r).toEqual(ok('SM1'));
    expect(s.calls).toEqual([1, 2, 3]);
    expect(sleeps).toEqual([75, 150]);
  });

  it('stops at once on a non-retryable failure and reports the attempts', async () => {
    const s = scripted([failure('recipient_opted_out', '21610', false)]);
    const r = await withRetry({ attempt: s.attempt, retries: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} });
    expect(s.calls).toEqual([1]);
    expect(!r.ok && r.error).toMatchObject({ code: 'recipient_opted_out', retry: false, details: { attempts: 1 } });
  });

  it('gives up after the retries, keeping the last failure', async () => {
    const s = scripted([failure('unavailable', 'down', true)]);
    const r = await withRetry({ attempt: s.attempt, retries: 2, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} });
    expect(s.calls).toEqual([1, 2, 3]);
    expect(!r.ok && r.error).toMatchObject({ code: 'unavailable', retry: true, details: { attempts: 3 } });
  });

  it('honours isRetryable and stopOn', async () => {
    const s = scripted([failure('circuit_open', 'open', true)]);
    const r = await withRetry({ attempt: s.attempt, retries: 4, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {}, stopOn: ['circuit_open'] });
    expect(s.calls).toEqual([1]);
    expect(!r.ok && r.error.retry).toBe(true);
    const t = scripted([failure('odd', 'x', false), ok('y')]);
    const r2 = await withRetry({ attempt: t.attempt, retries: 1, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {}, isRetryable: () => true });
    expect(r2).toEqual(ok('y'));
  });

  it('delays stay within [cap/2, cap] and never exceed maxDelayMs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, base, max, rnd) => {
        const d = retryDelay(n, { baseDelayMs: base, maxDelayMs: max, random: () => rnd });
        const cap = Math.min(max, base * 2 ** (n - 1));
        return d >= Math.floor(cap / 2) && d <= Math.ceil(cap) && d <= max;
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { createGhlRateLimiter } from './rate-limiter.js';

function setup(o: { burstMax?: number; burstIntervalMs?: number; dailyLimit?: number } = {}) {
  const clock = fixedClock('2025-03-04T23:59:00.000Z');
  const limiter = createGhlRateLimiter({ ...o, nowMs: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) });
  return { clock, limiter };
}

describe('createGhlRateLimiter', () => {
  it('lets concurrent callers through at most burstMax per interval', async () => {
    const { clock, limiter } = setup();
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 250 }, async () => {
        const r = await limiter.acquire();
        expect(r.ok).toBe(true);
        grants.push(clock.now().getTime());
      }),
    );
    grants.sort((a, b) => a - b);
    for (let i = 100; i < grants.length; i++) expect(grants[i]! - grants[i - 100]!).toBeGreaterThanOrEqual(10_000);
    expect(grants[249]! - grants[0]!).toBe(20_000);
  });

  it('pauses one interval when the server says no burst requests remain, and adopts a lower maximum', async () => {
    const { clock, limiter } = setup();
    await limiter.acquire();
    limiter.observe(new Headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Max': '2', 'X-RateLimit-Interval-Milliseconds': '10000' }));
    const before = clock.now().getTime();
    await limiter.acquire();
    expect(clock.now().getTime() - before).toBe(10_000);
    expect(limiter.state().burstRemaining).toBe(1);
  });

  it('takes the daily budget from the headers, fails fast when spent, and rolls over at midnight UTC', async () => {
    const { clock, limiter } = setup({ dailyLimit: 3 });
    limiter.observe(new Headers({ 'X-RateLimit-Daily-Remaining': '1' }));
    expect((await limiter.acquire()).ok).toBe(true);
    const spent = await limiter.acquire();
    expect(spent.ok).toBe(false);
    if (!spent.ok) expect(spent.error).toMatchObject({ code: 'daily_budget_exhausted', retry: true, details: { resetsAt: '2025-03-05T00:00:00.000Z' } });
    clock.advance(60_000);
    expect((await limiter.acquire()).ok).toBe(true);
    expect(limiter.state().dailyRemaining).toBe(2);
  });
});

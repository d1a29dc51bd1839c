import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import { failure, ok, type AppFailure, type Result } from './result.js';
import { createCircuitBreaker } from './circuit-breaker.js';

const down = () => Promise.resolve(failure('unavailable', 'down', true));
const refused = () => Promise.resolve(failure('bad_request', 'no', false));
const up = () => Promise.resolve(ok('fine'));

describe('circuit breaker', () => {
  it('opens after N consecutive retryable failures and fails fast without calling', async () => {
    const clock = fixedClock('2026-01-05T12:00:00Z');
    const b = createCircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000, clock });
    for (let i = 0; i < 3; i++) await b.execute(down);
    expect(b.state()).toBe('open');
    let called = false;
    const r = await b.execute(async () => {
      called = true;
      return ok('x');
    });
    expect(called).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'circuit_open', retry: true, details: { retryInMs: 10_000 } });
  });

  it('a success or a non-retryable failure resets the count', async () => {
    const b = createCircuitBreaker({ failureThreshold: 3, clock: fixedClock('2026-01-05T12:00:00Z') });
    await b.execute(down);
    await b.execute(down);
    await b.execute(up);
    await b.execute(down);
    await b.execute(refused);
    await b.execute(down);
    expect(b.state()).toBe('closed');
  });

  it('after the cool-down lets exactly one probe through: success closes, failure reopens', async () => {
    const clock = fixedClock('2026-01-05T12:00:00Z');
    const b = createCircuitBreaker({ failureThreshold: 1, coolDownMs: 5_000, clock });
    await b.execute(down);
    clock.advance(4_999);
    expect(b.state()).toBe('open');
    clock.advance(1);
    expect(b.state()).toBe('half_open');

    let release!: () => void;
    const slowProbe = b.execute(() => new Promise<Result<string, AppFailure>>((resolve) => (release = () => resolve(failure('unavailable', 'still down', true)))));
    const concurrent = await b.execute(up);
    expect(!concurrent.ok && concurrent.error.code).toBe('circuit_open');
    release();
    await slowProbe;
    expect(b.state()).toBe('open');

    clock.advance(5_000);
    expect((await b.execute(up)).ok).toBe(true);
    expect(b.state()).toBe('closed');
  });
});

describe('circuit breaker state-change hook', () => {
  it('reports closed → open → half_open → closed with the failure that opened it', async () => {
    const clock = fixedClock('2026-01-05T12:00:00Z');
    const changes: Array<{ from: string; to: string; code?: string }> = [];
    const b = createCircuitBreaker({
      name: 'sms:twilio',
      failureThreshold: 3,
      coolDownMs: 10_000,
      clock,
      onStateChange: (c) => changes.push({ from: c.from, to: c.to, ...(c.lastFailure ? { code: c.lastFailure.code } : {}) }),
    });
    for (let i = 0; i < 3; i++) await b.execute(down);
    expect(changes).toEqual([{ from: 'closed', to: 'open', code: 'unavailable' }]);
    clock.advance(10_000);
    await b.execute(up);
    expect(changes.slice(1)).toEqual([
      { from: 'open', to: 'half_open' },
      { from: 'half_open', to: 'closed' },
    ]);
  });

  it('a failed probe re-opens, and a throwing hook never changes the outcome', async () => {
    const clock = fixedClock('2026-01-05T12:00:00Z');
    const seen: string[] = [];
    const b = createCircuitBreaker({
      failureThreshold: 1,
      coolDownMs: 1_000,
      clock,
      onStateChange: (c) => {
        seen.push(c.to);
        throw new Error('pager down');
      },
    });
    const first = await b.execute(down);
    expect(!first.ok && first.error.code).toBe('unavailable');
    clock.advance(1_000);
    const probe = await b.execute(down);
    expect(!probe.ok && probe.error.code).toBe('unavailable');
    expect(seen).toEqual(['open', 'half_open', 'open']);
    expect(b.state()).toBe('open');
  });
});

import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { GhlFailureCode, GhlRateLimits, type GhlRateLimitState } from './interface.js';

/**
 * Keeps one location's calls inside HighLevel's limits: a sliding window of `burstMax` request starts per
 * `burstIntervalMs`, and a daily budget. The `X-RateLimit-*` headers of each response are authoritative
 * (HighLevel says so), so `observe` adopts them: a smaller burst maximum, the remaining burst (0 → pause
 * for one interval) and the remaining daily budget.
 */
export interface GhlRateLimiter {
  /** Waits for a burst slot; fails fast (retryable) when the daily budget is spent. */
  acquire(): Promise<Result<void, AppFailure>>;
  observe(headers: Headers): void;
  state(): GhlRateLimitState;
}

export interface CreateGhlRateLimiterOptions {
  burstMax?: number;
  burstIntervalMs?: number;
  dailyLimit?: number;
  /** Milliseconds of the injected clock (tests move it from `sleep`). */
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
}

const DAY_MS = 86_400_000;

function headerNumber(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * @example
 * const limiter = createGhlRateLimiter({ nowMs: () => clock.now().getTime(), sleep });
 * const slot = await limiter.acquire(); if (!slot.ok) return slot;
 */
export function createGhlRateLimiter(o: CreateGhlRateLimiterOptions): GhlRateLimiter {
  let burstMax = o.burstMax ?? GhlRateLimits.burstMax;
  let intervalMs = o.burstIntervalMs ?? GhlRateLimits.burstIntervalMs;
  const dailyLimit = o.dailyLimit ?? GhlRateLimits.daily;
  const starts: number[] = [];
  let pausedUntil = 0;
  let dailyRemaining = dailyLimit;
  // HighLevel does not document when the daily budget resets; the local count rolls over at 00:00 UTC
  // and the next response's `X-RateLimit-Daily-Remaining` corrects it either way.
  let day = Math.floor(o.nowMs() / DAY_MS);
  let chain: Promise<unknown> = Promise.resolve();

  const rollDay = (now: number): void => {
    const d = Math.floor(now / DAY_MS);
    if (d !== day) {
      day = d;
      dailyRemaining = dailyLimit;
    }
  };

  const take = async (): Promise<Result<void, AppFailure>> => {
    for (;;) {
      const now = o.nowMs();
      rollDay(now);
      if (dailyRemaining <= 0) {
        const resetsAt = new Date((day + 1) * DAY_MS).toISOString();
        return failure(GhlFailureCode.DailyBudgetExhausted, `GoHighLevel daily API budget (${dailyLimit}) is spent for this location`, true, { resetsAt });
      }
      while (starts.length > 0 && starts[0]! <= now - intervalMs) starts.shift();
      let waitMs = 0;
      if (pausedUntil > now) waitMs = pausedUntil - now;
      if (starts.length >= burstMax) waitMs = Math.max(waitMs, starts[starts.length - burstMax]! + intervalMs - now);
      if (waitMs <= 0) {
        starts.push(now);
        dailyRemaining--;
        return ok(undefined);
      }
      await o.sleep(waitMs);
    }
  };

  return {
    acquire() {
      // One queue: concurrent callers wait their turn instead of all starting once a slot frees up.
      const turn = chain.then(take, take);
      chain = turn;
      return turn;
    },
    observe(headers) {
      const now = o.nowMs();
      const max = headerNumber(headers, 'x-ratelimit-max');
      const interval = headerNumber(headers, 'x-ratelimit-interval-milliseconds');
      const remaining = headerNumber(headers, 'x-ratelimit-remaining');
      const daily = headerNumber(headers, 'x-ratelimit-daily-remaining');
      if (max !== undefined && max > 0) burstMax = Math.min(burstMax, max);
      if (interval !== undefined && interval > 0) intervalMs = Math.max(intervalMs, interval);
      if (remaining !== undefined && remaining <= 0) pausedUntil = Math.max(pausedUntil, now + intervalMs);
      if (daily !== undefined) dailyRemaining = Math.max(0, daily);
    },
    state() {
      const now = o.nowMs();
      rollDay(now);
      const inWindow = starts.filter((t) => t > now - intervalMs).length;
      return { burstRemaining: Math.max(0, burstMax - inWindow), dailyRemaining };
    },
  };
}

import type { AppFailure, Result } from './result.js';

export interface WithRetryOptions<T> {
  /** One attempt; `n` is 1 for the first call. */
  attempt: (n: number) => Promise<Result<T, AppFailure>>;
  /** Extra attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Which failures are worth another attempt. Default: the failure's own `retry` flag. */
  isRetryable?: (failure: AppFailure) => boolean;
  /** [0, 1); injected so tests are deterministic. Default Math.random. */
  random?: () => number;
  /**
   * Codes that end the loop even though they are retryable for the caller (e.g. `circuit_open`:
   * hammering an open breaker is pointless; the scheduler retries later).
   */
  stopOn?: readonly string[];
}

/**
 * The delay before retry `n` (1-based): exponential growth capped at `maxDelayMs`, with "equal jitter"
 * (half fixed, half random) so many workers do not retry in lock-step yet each wait is never near zero.
 */
export function retryDelay(n: number, o: { baseDelayMs: number; maxDelayMs: number; random: () => number }): number {
  const cap = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (n - 1));
  return Math.round(cap / 2 + (cap / 2) * o.random());
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable failure, or the retries are used up.
 * The returned failure carries `details.attempts`.
 *
 * @example
 * const r = await withRetry({ attempt: () => sms.send(msg), retries: 3, baseDelayMs: 500,
 *   maxDelayMs: 8_000, sleep });
 */
export async function withRetry<T>(o: WithRetryOptions<T>): Promise<Result<T, AppFailure>> {
  const isRetryable = o.isRetryable ?? ((f: AppFailure) => f.retry);
  const random = o.random ?? Math.random;
  const maxAttempts = 1 + Math.max(0, o.retries);
  for (let n = 1; ; n++) {
    const r = await o.attempt(n);
    if (r.ok) return r;
    const done = n >= maxAttempts || !isRetryable(r.error) || (o.stopOn?.includes(r.error.code) ?? false);
    if (done) {
      const details = typeof r.error.details === 'object' && r.error.details !== null ? r.error.details : r.error.details === undefined ? {} : { cause: r.error.details };
      return { ok: false, error: { ...r.error, details: { ...details, attempts: n } } };
    }
    await o.sleep(retryDelay(n, { baseDelayMs: o.baseDelayMs, maxDelayMs: o.maxDelayMs, random }));
  }
}

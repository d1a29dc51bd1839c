import { monotonicMs } from '../../lib/clock.js';

/** Waits so that two requests to the same host start at least `minIntervalMs` apart. */
export interface HostRateLimiter {
  wait(host: string): Promise<void>;
}

export interface CreateHostRateLimiterOptions {
  minIntervalMs: number;
  /** Injected so tests do not really wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds; intervals are durations, not business time. */
  nowMs?: () => number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A per-host spacing limiter. Calls for one host are serialised through a promise chain, so concurrent
 * callers queue instead of all firing once the interval has passed.
 *
 * @example
 * const limiter = createHostRateLimiter({ minIntervalMs: 1000 });
 * await limiter.wait(new URL(url).host);
 */
export function createHostRateLimiter(options: CreateHostRateLimiterOptions): HostRateLimiter {
  const sleep = options.sleep ?? realSleep;
  const nowMs = options.nowMs ?? monotonicMs;
  const nextSlot = new Map<string, number>();
  const chains = new Map<string, Promise<void>>();
  return {
    wait(host: string): Promise<void> {
      const previous = chains.get(host) ?? Promise.resolve();
      const turn = previous.then(async () => {
        const now = nowMs();
        const at = nextSlot.get(host) ?? now;
        if (at > now) await sleep(at - now);
        nextSlot.set(host, Math.max(now, at) + options.minIntervalMs);
      });
      chains.set(host, turn);
      return turn;
    },
  };
}

import type { Clock } from '../../lib/clock.js';
import { failure, type AppFailure, type Result } from '../../lib/result.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit fails fast before letting one probe through. */
  coolDownMs?: number;
  clock: Clock;
  /** Code of the fail-fast failure, so callers can tell "not tried" from "tried and failed". */
  openCode?: string;
}

export interface CircuitBreaker {
  state(): CircuitState;
  /**
   * Runs `fn` unless the circuit is open. Only retryable failures count against the circuit: a 400 or a
   * 401 says nothing about the provider's health.
   */
  execute<T>(fn: () => Promise<Result<T, AppFailure>>): Promise<Result<T, AppFailure>>;
}

/**
 * A small consecutive-failure circuit breaker: closed → (N failures) → open → (cool-down) → half-open,
 * where exactly one probe runs; its success closes the circuit, its failure opens it again.
 *
 * @example
 * const breaker = createCircuitBreaker({ failureThreshold: 3, coolDownMs: 30_000, clock: systemClock });
 * const r = await breaker.execute(() => callOllama());
 */
export function createCircuitBreaker({ failureThreshold = 5, coolDownMs = 30_000, clock, openCode = 'circuit_open' }: CircuitBreakerOptions): CircuitBreaker {
  let failures = 0;
  let openedAt: number | undefined;
  let probing = false;

  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return clock.now().getTime() - openedAt >= coolDownMs ? 'half_open' : 'open';
  };

  return {
    state,
    async execute(fn) {
      const s = state();
      if (s === 'open' || (s === 'half_open' && probing)) {
        const retryInMs = openedAt === undefined ? 0 : Math.max(0, coolDownMs - (clock.now().getTime() - openedAt));
        return failure(openCode, `circuit open after ${failures} consecutive failures; next probe in ${retryInMs} ms`, true, { retryInMs });
      }
      if (s === 'half_open') probing = true;
      try {
        const r = await fn();
        if (r.ok || !r.error.retry) {
          failures = 0;
          openedAt = undefined;
        } else {
          failures++;
          if (s === 'half_open' || failures >= failureThreshold) openedAt = clock.now().getTime();
        }
        return r;
      } catch (e) {
        failures++;
        if (s === 'half_open' || failures >= failureThreshold) openedAt = clock.now().getTime();
        throw e;
      } finally {
        if (s === 'half_open') probing = false;
      }
    },
  };
}

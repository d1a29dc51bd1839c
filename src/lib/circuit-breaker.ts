import type { Clock } from './clock.js';
import { failure, type AppFailure, type Result } from './result.js';

export type CircuitState = 'closed' | 'open' | 'half_open';

/** What `onStateChange` receives: the alert hook (seed 003: "3 failures → alert"). */
export interface CircuitStateChange {
  /** The breaker's name, e.g. `sms:twilio`, so one alert sink can serve every provider. */
  name: string;
  from: CircuitState;
  to: CircuitState;
  /** Consecutive failures counted when the change happened. */
  failures: number;
  at: Date;
  /** The failure that opened the circuit, when it is opening. */
  lastFailure?: AppFailure;
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit fails fast before letting one probe through. */
  coolDownMs?: number;
  clock: Clock;
  /** Code of the fail-fast failure, so callers can tell "not tried" from "tried and failed". */
  openCode?: string;
  /** Names the breaker in messages and state-change events. */
  name?: string;
  /**
   * Called on every transition (closed → open, open → half_open, half_open → closed | open). Must not
   * throw; an alert sink that fails is swallowed so a broken pager never breaks sending.
   */
  onStateChange?: (change: CircuitStateChange) => void;
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
 * const breaker = createCircuitBreaker({ name: 'sms:twilio', failureThreshold: 3, coolDownMs: 30_000,
 *   clock: systemClock, onStateChange: (c) => alerts.notify(c) });
 * const r = await breaker.execute(() => sms.send(msg));
 */
export function createCircuitBreaker({
  failureThreshold = 5,
  coolDownMs = 30_000,
  clock,
  openCode = 'circuit_open',
  name = 'circuit',
  onStateChange,
}: CircuitBreakerOptions): CircuitBreaker {
  let failures = 0;
  let openedAt: number | undefined;
  let probing = false;
  // The state last reported, so the time-driven open → half_open change is reported once, when noticed.
  let reported: CircuitState = 'closed';

  const state = (): CircuitState => {
    if (openedAt === undefined) return 'closed';
    return clock.now().getTime() - openedAt >= coolDownMs ? 'half_open' : 'open';
  };

  const report = (lastFailure?: AppFailure): void => {
    const to = state();
    if (to === reported) return;
    const from = reported;
    reported = to;
    try {
      onStateChange?.({ name, from, to, failures, at: clock.now(), ...(lastFailure ? { lastFailure } : {}) });
    } catch {
      // An alert hook must never change the outcome of a send.
    }
  };

  const countFailure = (s: CircuitState, f?: AppFailure): void => {
    failures++;
    if (s === 'half_open' || failures >= failureThreshold) openedAt = clock.now().getTime();
    report(f);
  };

  return {
    state,
    async execute(fn) {
      const s = state();
      report();
      if (s === 'open' || (s === 'half_open' && probing)) {
        const retryInMs = openedAt === undefined ? 0 : Math.max(0, coolDownMs - (clock.now().getTime() - openedAt));
        return failure(openCode, `${name}: circuit open after ${failures} consecutive failures; next probe in ${retryInMs} ms`, true, { retryInMs });
      }
      if (s === 'half_open') probing = true;
      try {
        const r = await fn();
        if (r.ok || !r.error.retry) {
          failures = 0;
          openedAt = undefined;
          report();
        } else {
          countFailure(s, r.error);
        }
        return r;
      } catch (e) {
        countFailure(s);
        throw e;
      } finally {
        if (s === 'half_open') probing = false;
      }
    },
  };
}

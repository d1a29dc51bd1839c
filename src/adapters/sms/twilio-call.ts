/**
 * How every Twilio request (SMS and voice) is made: through the provider's circuit breaker, with
 * retries and backoff on retryable failures only. Twilio has no idempotency key for creating messages
 * or calls, so an ambiguous failure (timeout, reset connection: Twilio may have acted) is not resent
 * here unless the caller opts in; it comes back as a retryable failure for the scheduler to decide.
 */
import { createCircuitBreaker, type CircuitBreaker, type CircuitStateChange } from '../../lib/circuit-breaker.js';
import type { Clock } from '../../lib/clock.js';
import { ok, type AppFailure, type Result } from '../../lib/result.js';
import { withRetry } from '../../lib/retry.js';
import { SmsFailureCode } from './interface.js';
import { classifyTwilioError } from './twilio-errors.js';

export interface TwilioReliabilityOptions {
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Extra attempts after the first, for retryable failures. Default 2. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Resend after a timeout or reset connection (may duplicate a text). Default false. */
  retryAmbiguous?: boolean;
  /**
   * Share one breaker between the SMS and voice channels of one account (one provider, one health).
   * Default: a breaker of its own — 3 consecutive failures open it for 60 s.
   */
  breaker?: CircuitBreaker;
  /** The alert hook of the default breaker. */
  onCircuitStateChange?: (change: CircuitStateChange) => void;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The breaker a Twilio channel uses when none is given (seed 003: 3 failures → alert). */
export function createTwilioBreaker(o: Pick<TwilioReliabilityOptions, 'clock' | 'onCircuitStateChange'> & { name?: string }): CircuitBreaker {
  return createCircuitBreaker({
    name: o.name ?? 'twilio',
    failureThreshold: 3,
    coolDownMs: 60_000,
    clock: o.clock,
    openCode: SmsFailureCode.CircuitOpen,
    ...(o.onCircuitStateChange ? { onStateChange: o.onCircuitStateChange } : {}),
  });
}

const isAmbiguous = (f: AppFailure): boolean => (f.details as { ambiguous?: boolean } | undefined)?.ambiguous === true;

/** Runs one SDK call under the breaker and retry policy, mapping thrown SDK errors to failures. */
export function callTwilio<T>(o: TwilioReliabilityOptions & { breaker: CircuitBreaker }, fn: () => Promise<T>): Promise<Result<T, AppFailure>> {
  const attempt = (): Promise<Result<T, AppFailure>> =>
    o.breaker.execute(async () => {
      try {
        return ok(await fn());
      } catch (e) {
        const f = classifyTwilioError(e);
        return { ok: false, error: f };
      }
    });
  return withRetry({
    attempt,
    retries: o.retries ?? 2,
    baseDelayMs: o.baseDelayMs ?? 500,
    maxDelayMs: o.maxDelayMs ?? 8_000,
    sleep: o.sleep ?? defaultSleep,
    ...(o.random ? { random: o.random } : {}),
    isRetryable: (f) => f.retry && (o.retryAmbiguous === true || !isAmbiguous(f)),
    stopOn: [SmsFailureCode.CircuitOpen],
  });
}

import { systemClock, type Clock } from '../../lib/clock.js';
import { createCircuitBreaker } from '../../lib/circuit-breaker.js';
import { LlmFailureCode } from './interface.js';
import { defaultSleep, type FetchLike, type HttpTransport } from './request-json.js';

/** What every HTTP model adapter takes besides its own endpoint settings. */
export interface HttpProviderOptions {
  /** Per attempt. Local 8B models on CPU need tens of seconds for an email. */
  timeoutMs?: number;
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Consecutive failed attempts that open the circuit, and how long it stays open. */
  circuitFailureThreshold?: number;
  circuitCoolDownMs?: number;
  /** Injected in tests; global fetch (Node 20) otherwise. */
  fetch?: FetchLike;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export function buildTransport(o: HttpProviderOptions): HttpTransport {
  return {
    fetch: o.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: o.timeoutMs ?? 60_000,
    retries: o.retries ?? 2,
    backoffBaseMs: o.backoffBaseMs ?? 500,
    backoffMaxMs: o.backoffMaxMs ?? 8_000,
    sleep: o.sleep ?? defaultSleep,
    random: o.random ?? Math.random,
    breaker: createCircuitBreaker({
      failureThreshold: o.circuitFailureThreshold ?? 5,
      coolDownMs: o.circuitCoolDownMs ?? 30_000,
      clock: o.clock ?? systemClock,
      openCode: LlmFailureCode.CircuitOpen,
    }),
  };
}

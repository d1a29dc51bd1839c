/**
 * Time is an input. Nothing outside this file reads the wall clock: services take a `Clock`, tests pin
 * one with `fixedClock` and move it with `advance`.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date(Date.now()) };

/** The wall clock in milliseconds without a Date, for ordering only (the UUIDv7 timestamp of `newId`), never business time. */
export function epochMs(): number {
  return Date.now();
}

export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** A clock that only moves when told to, for tests, benchmarks and the demo's simulated time. */
export function fixedClock(at: Date | string): ManualClock {
  let t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`fixedClock: invalid instant ${String(at)}`);
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Monotonic milliseconds for measuring durations (latency), never for business time. */
export function monotonicMs(): number {
  return performance.now();
}

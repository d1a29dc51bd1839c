/**
 * Foreground work first. A process that answers provider webhooks and also runs background jobs counts the
 * webhook requests in flight. Before a job starts it waits for a moment with none in flight (at most
 * `maxWaitMs`), and while webhooks keep arriving the process's jobs run one at a time instead of all slots
 * at once. So an inbound reply's decision is not queued behind a batch of follow-up work on the same event
 * loop and database pool, and background work slows down under a flood of webhooks but never stops: one
 * job always proceeds.
 */
export interface ForegroundGate {
  /** A foreground request started. */
  enter(): void;
  /** A foreground request ended (answered or aborted). */
  leave(): void;
  /** Foreground requests in flight. */
  inFlight(): number;
  /** Background jobs running. */
  backgroundRunning(): number;
  /** Waits for a background job's turn; call the returned function when the job has ended. */
  background(maxWaitMs: number): Promise<() => void>;
}

export function createForegroundGate(): ForegroundGate {
  let inFlight = 0;
  let running = 0;
  let waiters: Array<() => void> = [];

  const wake = (): void => {
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };
  /** Resolves at the next change that could let a waiter in, or after `ms` when given. */
  const change = (ms?: number): Promise<void> =>
    new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      if (ms !== undefined) {
        timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }, ms);
        timer.unref();
      }
      waiters.push(done);
    });

  return {
    enter() {
      inFlight++;
    },
    leave() {
      inFlight = Math.max(0, inFlight - 1);
      if (inFlight === 0) wake();
    },
    inFlight: () => inFlight,
    backgroundRunning: () => running,
    async background(maxWaitMs) {
      // A gap in the webhooks, or the longest a job may be held back for one.
      const until = performance.now() + maxWaitMs;
      while (inFlight > 0 && performance.now() < until) await change(until - performance.now());
      // Under webhook load, one background job at a time; the one running always finishes and lets the next in.
      while (inFlight > 0 && running > 0) await change();
      running++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        running--;
        wake();
      };
    },
  };
}

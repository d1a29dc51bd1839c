/**
 * The outreach engine's clock in a worker process: every SCHEDULER_INTERVAL_SECONDS the scheduler works
 * through due enrollments; every OUTREACH_DISPATCH_INTERVAL_MS the dispatcher sends queued touches and
 * recovers any a dead worker left behind. Several worker processes may run it side by side: every claim
 * is FOR UPDATE SKIP LOCKED. `stop()` finishes the pass in hand and returns.
 */
import type { AppServices } from '../services/app-services.js';
import { channelsFor } from '../services/outreach/channels.js';
import { dispatchTouches } from '../services/outreach/dispatch-touches.js';
import { sdrConfigOf } from '../services/outreach/load-sdr-config.js';
import { scheduleTouches } from '../services/outreach/schedule-touches.js';

export interface OutreachLoop {
  stop(): Promise<void>;
  /** Runs one scheduler pass and one dispatch pass now (tests, the process-batch endpoint). */
  tick(): Promise<void>;
}

export async function startOutreachLoop(services: AppServices): Promise<OutreachLoop> {
  const env = services.config.env;
  const sdr = await sdrConfigOf(services);
  const channels = channelsFor(services);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastSchedule = 0;

  const dispatchAll = async (): Promise<void> => {
    for (let i = 0; i < 50 && !stopped; i++) {
      const r = await dispatchTouches(services, channels, {
        limit: env.OUTREACH_DISPATCH_BATCH,
        concurrency: env.OUTREACH_SEND_CONCURRENCY,
        leaseMs: env.OUTREACH_SEND_LEASE_SECONDS * 1000,
        pacing: { messages: sdr.rateLimits.perNumberPacing.messages, perSeconds: sdr.rateLimits.perNumberPacing.perSeconds },
      });
      if (r.claimed === 0 && r.recovered === 0) return;
    }
  };
  const scheduleAll = async (): Promise<void> => {
    for (let i = 0; i < 100 && !stopped; i++) {
      const r = await scheduleTouches(services, { limit: sdr.cadence.batchSize });
      if (r.claimed === 0) return;
      await dispatchAll();
    }
  };
  const tick = async (force = false): Promise<void> => {
    const now = performance.now();
    if (force || now - lastSchedule >= env.SCHEDULER_INTERVAL_SECONDS * 1000) {
      lastSchedule = now;
      await scheduleAll();
    }
    await dispatchAll();
  };
  const loop = async (): Promise<void> => {
    while (!stopped) {
      running = tick().catch((err: unknown) => services.logger.error({ err }, 'outreach pass failed; retrying next interval'));
      await running;
      await new Promise<void>((r) => setTimeout(r, env.OUTREACH_DISPATCH_INTERVAL_MS).unref());
    }
  };
  void loop();
  return {
    async stop() {
      stopped = true;
      await running;
    },
    tick: () => tick(true),
  };
}

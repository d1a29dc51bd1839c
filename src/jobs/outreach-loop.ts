/**
 * The outreach engine's clock in a worker process: every SCHEDULER_INTERVAL_SECONDS the scheduler works
 * through due enrollments, the dispatcher sending each batch while the next is made (runOutreachPass); every
 * OUTREACH_DISPATCH_INTERVAL_MS the dispatcher sends queued touches and recovers any a dead worker left behind. Several worker processes may run it side by side: every claim
 * is FOR UPDATE SKIP LOCKED. `stop()` finishes the pass in hand and returns.
 */
import type { AppServices } from '../services/app-services.js';
import { channelsFor } from '../services/outreach/channels.js';
import { sdrConfigOf } from '../services/outreach/load-sdr-config.js';
import { runOutreachPass } from '../services/outreach/run-outreach-pass.js';

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

  const dispatch = {
    limit: env.OUTREACH_DISPATCH_BATCH,
    concurrency: env.OUTREACH_SEND_CONCURRENCY,
    leaseMs: env.OUTREACH_SEND_LEASE_SECONDS * 1000,
    pacing: { messages: sdr.rateLimits.perNumberPacing.messages, perSeconds: sdr.rateLimits.perNumberPacing.perSeconds },
  };
  const stoppedNow = () => stopped;
  const tick = async (force = false): Promise<void> => {
    const now = performance.now();
    if (force || now - lastSchedule >= env.SCHEDULER_INTERVAL_SECONDS * 1000) {
      lastSchedule = now;
      // Schedules batch after batch while the previous batch is sent, then drains the queue.
      await runOutreachPass(services, channels, { schedule: { limit: sdr.cadence.batchSize }, dispatch, stopped: stoppedNow });
      return;
    }
    await runOutreachPass(services, channels, { schedule: { limit: sdr.cadence.batchSize }, dispatch, maxBatches: 0, stopped: stoppedNow });
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

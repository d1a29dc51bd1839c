import { z } from 'zod';
import { defineJob } from '../define-job.js';

export const SystemPingSchema = z.object({
  /** Who asked: `curb doctor` and `/readyz?deep=1` use the round trip to prove a worker is consuming. */
  requestedBy: z.string().default('doctor'),
  /** Simulated work, bounded, so an operator can watch a job in flight (and tests can stop a worker mid-job). */
  workMs: z.number().int().min(0).max(60_000).default(0),
});

/** A round trip through the queue: proves that jobs are enqueued, picked up and completed. */
export const systemPing = defineJob({
  name: 'system.ping',
  schema: SystemPingSchema,
  retryLimit: 3,
  retryDelaySeconds: 1,
  expireInSeconds: 120,
  concurrency: 4,
  handler: async (payload, ctx) => {
    const startedAt = ctx.services.clock.now().toISOString();
    if (payload.workMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, payload.workMs);
        ctx.signal.addEventListener('abort', () => {
          // Finish the current unit of work even when asked to stop: the ping has no safe midpoint.
          void t;
        });
      });
    }
    return { ok: true, requestedBy: payload.requestedBy, startedAt, finishedAt: ctx.services.clock.now().toISOString() };
  },
});

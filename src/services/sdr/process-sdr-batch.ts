/**
 * Seed 003's CadenceScheduler.process_due_touches (POST /v1/sdr/sequences/process-batch, the cron
 * endpoint for installs without a worker): one scheduler pass over this location's due enrollments,
 * then dispatch passes over this location's touches until none is due (another location's touches wait
 * for its own call or for the worker).
 */
import { z } from 'zod';
import { sdrConfigOf } from '../outreach/load-sdr-config.js';
import type { AppServices } from '../app-services.js';
import { channelsFor } from '../outreach/channels.js';
import { dispatchTouches, type DispatchReport } from '../outreach/dispatch-touches.js';
import { scheduleTouches, type ScheduleReport } from '../outreach/schedule-touches.js';

export const ProcessBatchInputSchema = z.object({ batchSize: z.number().int().min(1).max(1000).optional() }).strict();
export type ProcessBatchInput = z.input<typeof ProcessBatchInputSchema>;

export interface ProcessBatchResult {
  scheduled: ScheduleReport;
  dispatched: Omit<DispatchReport, 'inFlight'> & { passes: number };
}

export async function processSdrBatch(services: AppServices, o: { locationId: string; input: ProcessBatchInput }): Promise<ProcessBatchResult> {
  const sdr = await sdrConfigOf(services);
  const batchSize = o.input.batchSize ?? sdr.cadence.batchSize;
  const scheduled = await scheduleTouches(services, { locationId: o.locationId, limit: batchSize });
  const total = { claimed: 0, recovered: 0, sent: 0, requeued: 0, failed: 0, deferred: 0, blocked: 0, passes: 0 };
  const env = services.config.env;
  for (let i = 0; i < 20; i++) {
    const r = await dispatchTouches(services, channelsFor(services), {
      limit: Math.max(batchSize, env.OUTREACH_DISPATCH_BATCH),
      concurrency: env.OUTREACH_SEND_CONCURRENCY,
      leaseMs: env.OUTREACH_SEND_LEASE_SECONDS * 1000,
      pacing: { messages: sdr.rateLimits.perNumberPacing.messages, perSeconds: sdr.rateLimits.perNumberPacing.perSeconds },
      locationId: o.locationId,
    });
    total.passes++;
    for (const k of ['claimed', 'recovered', 'sent', 'requeued', 'failed', 'deferred', 'blocked'] as const) total[k] += r[k];
    if (r.claimed === 0 && r.recovered === 0) break;
  }
  return { scheduled, dispatched: total };
}

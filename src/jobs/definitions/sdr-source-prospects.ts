import { z } from 'zod';
import { sourceProspects, SourceProspectsInputSchema } from '../../services/sdr/source-prospects.js';
import { defineJob } from '../define-job.js';

export const SdrSourceProspectsSchema = z.object({ locationId: z.uuid(), input: SourceProspectsInputSchema });

/**
 * Seed 003's prospecting cycle in the background (POST /v1/sdr/prospects/source with a queue running):
 * GoHighLevel reads are paced by its rate limits, so a large source can take minutes. Safe to run again:
 * sourcing links and creates nothing twice and enrolment is idempotent.
 */
export const sdrSourceProspects = defineJob({
  name: 'sdr.source-prospects',
  schema: SdrSourceProspectsSchema,
  retryLimit: 3,
  retryDelaySeconds: 60,
  expireInSeconds: 30 * 60,
  concurrency: 1,
  handler: async (payload, ctx) => sourceProspects(ctx.services, payload),
});

import { z } from 'zod';
import { runQueuedImport } from '../../services/leads/run-queued-import.js';
import { defineJob } from '../define-job.js';

export const LeadsImportSchema = z.object({ locationId: z.string().uuid(), importId: z.string().uuid() });

/** Stores an uploaded lead list (POST /v1/imports). Retries resume after the last committed batch. */
export const leadsImport = defineJob({
  name: 'leads.import',
  schema: LeadsImportSchema,
  retryLimit: 3,
  retryDelaySeconds: 10,
  expireInSeconds: 60 * 60,
  concurrency: 1,
  handler: async (payload, ctx) => runQueuedImport(ctx.services, { ...payload, signal: ctx.signal }),
});

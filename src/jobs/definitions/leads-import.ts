import { z } from 'zod';
import { runQueuedImport } from '../../services/leads/run-queued-import.js';
import { defineJob } from '../define-job.js';

export const LeadsImportSchema = z.object({ locationId: z.string().uuid(), importId: z.string().uuid() });

const NAME = 'leads.import';

/**
 * Stores an uploaded lead list (POST /v1/imports). Retries resume after the last committed batch; when the
 * last attempt fails the import ends `failed` and its upload is deleted.
 */
export const leadsImport = defineJob({
  name: NAME,
  schema: LeadsImportSchema,
  retryLimit: 3,
  retryDelaySeconds: 10,
  expireInSeconds: 60 * 60,
  concurrency: 1,
  handler: async (payload, ctx) => {
    // pg-boss hands the handler only the id and data; the job's row has its attempt: `retryCount` failures so far
    // of `retryLimit` allowed (a fetch counts a retry before the handler runs, so retryCount === retryLimit is the
    // last attempt). Read from the row rather than the definition: a sender may override the limit per job.
    const job = await ctx.services.queue?.boss.getJobById(NAME, ctx.jobId);
    return runQueuedImport(ctx.services, { ...payload, signal: ctx.signal, ...(job ? { attempt: { retryCount: job.retryCount, retryLimit: job.retryLimit } } : {}) });
  },
});

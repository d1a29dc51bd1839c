import { z } from 'zod';
import { pollImap } from '../../services/conversations/poll-imap.js';
import { defineJob } from '../define-job.js';

/** Polls IMAP_URL for replies every minute (a no-op when IMAP_URL is not set). */
export const emailPollImap = defineJob({
  name: 'email.poll-imap',
  schema: z.object({}).passthrough(),
  retryLimit: 0,
  expireInSeconds: 5 * 60,
  concurrency: 1,
  cron: '* * * * *',
  handler: async (_payload, ctx) => pollImap(ctx.services),
});

import { z } from 'zod';
import { runHandoffWatchdog } from '../../services/handoff/run-handoff-watchdog.js';
import { defineJob } from '../define-job.js';

/** The missed-lead watchdog: every minute, remind the user of handed-off leads nobody has answered. */
export const handoffWatchdog = defineJob({
  name: 'handoff.watchdog',
  schema: z.object({}).passthrough(),
  retryLimit: 1,
  expireInSeconds: 5 * 60,
  concurrency: 1,
  cron: '* * * * *',
  handler: async (_payload, ctx) => runHandoffWatchdog(ctx.services),
});

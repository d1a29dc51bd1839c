import { z } from 'zod';
import { processInbound } from '../../services/conversations/process-inbound.js';
import { defineJob } from '../define-job.js';

export const ProcessInboundSchema = z.object({ communicationId: z.string().uuid(), webhookEventId: z.string().uuid() });

/**
 * Understands and answers one inbound message (receiveInbound stored it, with its opt-out). The web
 * process also runs it at once in-process; this job is the durable copy, due a little later, that does
 * the work if that run never finished (a crash, a deploy). The webhook event's claim makes it run once.
 */
export const conversationsProcessInbound = defineJob({
  name: 'conversations.process-inbound',
  schema: ProcessInboundSchema,
  retryLimit: 5,
  retryDelaySeconds: 15,
  expireInSeconds: 5 * 60,
  concurrency: 2,
  handler: async (payload, ctx) => processInbound(ctx.services, payload),
});

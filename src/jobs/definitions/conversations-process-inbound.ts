import { z } from 'zod';
import { processInbound } from '../../services/conversations/process-inbound.js';
import { defineJob } from '../define-job.js';

export const ProcessInboundSchema = z.object({ communicationId: z.string().uuid(), webhookEventId: z.string().uuid() });

/**
 * Carries out the decision on one inbound message (receiveInbound stored it with its opt-out and, unless
 * the model must read it, its decision): replies, handoff, notifications, status. Runs once per message:
 * the webhook event is claimed, and every send is keyed by the message id.
 */
export const conversationsProcessInbound = defineJob({
  name: 'conversations.process-inbound',
  schema: ProcessInboundSchema,
  retryLimit: 5,
  retryDelaySeconds: 15,
  // A batch's jobs are activated together when it is fetched, so the expiry covers a whole batch, model
  // reads included; a job in a batch that is shut down early goes straight back to the queue.
  expireInSeconds: 15 * 60,
  // One slot fetching up to 100 at a time: a burst of replies is carried out at ~60 messages/s per process
  // (one fetch and one completion per batch), and the slot's jobs yield to the process's webhooks (see
  // lib/foreground-gate.ts), so a decision is never queued behind this work. More `curb worker` processes
  // add throughput.
  concurrency: 1,
  batchSize: 100,
  handler: async (payload, ctx) => processInbound(ctx.services, payload),
});

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
  expireInSeconds: 5 * 60,
  // Batches keep the act phase up with a burst of replies (one fetch and one completion per batch); each slot
  // holds one connection at a time, so most of the pool stays with the webhooks.
  concurrency: 4,
  batchSize: 25,
  handler: async (payload, ctx) => processInbound(ctx.services, payload),
});

/**
 * After receiveInbound: get the message understood and answered. With a job queue (curb serve), the
 * durable `conversations.process-inbound` job is enqueued due a little later as the safety net, and the
 * work starts at once in this process (pg-boss polls; a hot lead should not wait a polling interval) —
 * the webhook event's claim makes exactly one of them do it. Without a queue (tests, one-shot tools) the
 * work runs inline.
 */
import { conversationsProcessInbound } from '../../jobs/definitions/conversations-process-inbound.js';
import type { AppServices } from '../app-services.js';
import { processInbound, PROCESSING_LEASE_MS } from './process-inbound.js';
import type { ReceivedInbound } from './receive-inbound.js';

export interface RunInboundOptions {
  /** Run inline even when a queue is running (CLI replays, tests). */
  inline?: boolean;
}

/** Resolves when the work is done (inline) or handed off (queued + started in the background). */
export async function runInbound(services: AppServices, received: ReceivedInbound, o: RunInboundOptions = {}): Promise<void> {
  if (received.duplicate || !received.communicationId) return;
  const payload = { communicationId: received.communicationId, webhookEventId: received.webhookEventId };
  const queue = services.queue;
  if (!queue || o.inline) {
    await processInbound(services, payload);
    return;
  }
  // Due after the in-process run's claim lease, so it only ever finds unfinished work.
  await queue.send(conversationsProcessInbound, payload, { startAfter: Math.ceil(PROCESSING_LEASE_MS / 1000) + 5, singletonKey: received.webhookEventId });
  setImmediate(() => {
    processInbound(services, payload).catch((e: unknown) => services.logger.warn({ err: e, ...payload }, 'inbound processing failed; the queued job will retry it'));
  });
}

/**
 * After receiveInbound: get the message's decision carried out (or, when the model must read it first,
 * decided and carried out). With a job queue (curb serve, curb worker) that is the durable
 * `conversations.process-inbound` job — the webhook has already answered and, in the common case, the
 * decision is already recorded; the workers pace the sending so a burst of replies never slows the
 * webhook. Without a queue (tests, one-shot tools) the work runs inline.
 */
import { conversationsProcessInbound } from '../../jobs/definitions/conversations-process-inbound.js';
import type { AppServices } from '../app-services.js';
import { processInbound } from './process-inbound.js';
import type { ReceivedInbound } from './receive-inbound.js';

export interface RunInboundOptions {
  /** Run inline even when a queue is running (CLI replays, tests). */
  inline?: boolean;
}

export async function runInbound(services: AppServices, received: ReceivedInbound, o: RunInboundOptions = {}): Promise<void> {
  if (received.duplicate || !received.communicationId) return;
  const payload = { communicationId: received.communicationId, webhookEventId: received.webhookEventId };
  const queue = services.queue;
  if (!queue || o.inline) {
    await processInbound(services, payload);
    return;
  }
  await queue.send(conversationsProcessInbound, payload, { singletonKey: received.webhookEventId });
}

/**
 * A person's reply from the inbox: through sendMessageNow like every message (a recorded compliance
 * decision; initiation manual, author human), back on the channel and to the address the owner last
 * wrote from. A block answers 422 naming the rules. Replying takes the conversation over (the bot never
 * talks over a person) and acknowledges an open handoff, which stops the missed-lead reminders.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { communications, conversationStates, handoffs } from '../../db/schema/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import { sendMessageNow } from '../outreach/send-message-now.js';
import type { ConversationReplyInput } from './conversation-schemas.js';
import { toMessageView } from './to-message-view.js';
import { updateConversationState } from './update-conversation-state.js';

export interface ReplyToConversationOptions {
  locationId: string;
  contactId: string;
  input: ConversationReplyInput;
  /** Who is replying (the API key id, a user). */
  actor: string;
  idempotencyKey?: string;
}

export async function replyToConversation(services: AppServices, o: ReplyToConversationOptions) {
  const contact = await getContact(services, o);
  const [lastInbound] = await services.db
    .select({ channel: communications.channel, from: communications.fromAddress, subject: communications.subject })
    .from(communications)
    .where(and(eq(communications.locationId, o.locationId), eq(communications.contactId, o.contactId), eq(communications.direction, 'inbound')))
    .orderBy(desc(communications.occurredAt), desc(communications.id))
    .limit(1);
  const channel = o.input.channel ?? (lastInbound?.channel === 'email' ? 'email' : lastInbound?.channel === 'sms' ? 'sms' : contact.phone ? 'sms' : 'email');
  const to = lastInbound && lastInbound.channel === channel && lastInbound.from ? lastInbound.from : null;
  const subject = channel === 'email' ? (o.input.subject ?? (lastInbound?.subject ? (/^re:/i.test(lastInbound.subject) ? lastInbound.subject : `Re: ${lastInbound.subject}`) : 'Re: your property')) : null;
  const r = await sendMessageNow(services, {
    locationId: o.locationId,
    contactId: o.contactId,
    channel,
    body: o.input.body,
    subject,
    purpose: 'marketing',
    initiation: 'manual',
    author: 'human',
    actor: o.actor,
    ...(to ? { to } : {}),
    ...(o.idempotencyKey ? { idempotencyKey: `inbox:${o.locationId}:${o.idempotencyKey}` } : {}),
  });
  const decision = { id: r.decisionId, decision: r.decision.decision, notBefore: r.decision.notBefore, reasons: r.decision.reasons.map((x) => ({ rule: x.rule, code: x.code, detail: x.detail, effect: x.effect })) };
  if (r.status === 'blocked') {
    const rules = [...new Set(r.decision.reasons.filter((x) => x.effect === 'block').map((x) => x.rule))];
    throw new AppError(ErrorCode.ComplianceBlocked, `blocked by compliance: ${rules.join(', ')}`, { rules, decision, touchId: r.touchId });
  }
  const now = services.clock.now();
  const [comm] = r.communicationId ? await services.db.select().from(communications).where(eq(communications.id, r.communicationId)).limit(1) : [];
  // The person is in the conversation now: the bot stays quiet until released.
  await services.db
    .insert(conversationStates)
    .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, currentState: 'human', humanTakeover: true, takeoverAt: now, takeoverBy: o.actor, updatedAt: now })
    .onConflictDoUpdate({
      target: conversationStates.contactId,
      set: {
        humanTakeover: true,
        takeoverAt: sql`coalesce(case when ${conversationStates.humanTakeover} then ${conversationStates.takeoverAt} end, ${now.toISOString()}::timestamptz)`,
        takeoverBy: sql`case when ${conversationStates.humanTakeover} then ${conversationStates.takeoverBy} else ${o.actor} end`,
        releasedAt: null,
        updatedAt: now,
      },
    });
  if (comm) {
    await updateConversationState(services, { locationId: o.locationId, contactId: o.contactId, outboundAt: now, entry: { communicationId: comm.id, direction: 'outbound', at: comm.occurredAt.toISOString(), author: 'human' } });
  }
  await services.db
    .update(handoffs)
    .set({ status: 'acknowledged', acknowledgedAt: now })
    .where(and(eq(handoffs.locationId, o.locationId), eq(handoffs.contactId, o.contactId), eq(handoffs.status, 'open')));
  return { communication: comm ? toMessageView(services.keyRing, comm) : null, decision, touchId: r.touchId, status: r.status };
}

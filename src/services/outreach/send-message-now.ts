/**
 * One message to one contact, now, outside any campaign step: an auto-reply, an opt-out confirmation, a
 * HELP answer, a person's reply from the inbox, an approved touch. It goes through the same door as every
 * campaign touch — a recorded compliance decision, a touch with an idempotency key, the channel — so
 * there is no bypass. A `defer` queues the message for the first allowed instant (decided again then);
 * a `block` is recorded and nothing is sent.
 */
import { and, eq } from 'drizzle-orm';
import { touches } from '../../db/schema/index.js';
import { encrypt } from '../../lib/crypto.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Decision } from '../../domain/compliance/decision.js';
import type { AppServices } from '../app-services.js';
import { decideAndRecord } from '../compliance/decide-and-record.js';
import { getContact } from '../contacts/get-contact.js';
import { locations } from '../../db/schema/index.js';
import { channelsFor, type Channels } from './channels.js';
import { deliverTouch } from './deliver-touch.js';

export interface SendMessageNowOptions {
  locationId: string;
  contactId: string;
  channel: 'sms' | 'email' | 'voicemail';
  body: string;
  subject?: string | null;
  purpose: 'marketing' | 'informational' | 'opt_out_confirmation' | 'help';
  /** `manual` = a person clicked send for this one message. */
  initiation: 'automated' | 'manual';
  /** template | model | human | system */
  author: string;
  /** Default the contact's primary phone (sms, voicemail) or email. */
  to?: string | null;
  /**
   * Makes the send idempotent: the same key never sends twice (a redelivered webhook, a double click).
   * Default a fresh key.
   */
  idempotencyKey?: string;
  campaignId?: string | null;
  /** Who clicked (manual sends). */
  actor?: string | null;
  /** Channels to use (tests); default the configured ones. */
  channels?: Channels;
}

export interface SendMessageNowResult {
  touchId: string;
  decisionId: string;
  decision: Decision;
  /** sent | queued (deferred, or a retryable failure) | sending (outcome unknown, being reconciled) | failed | blocked */
  status: 'sent' | 'queued' | 'sending' | 'failed' | 'blocked';
  /** True when the idempotency key was used before: nothing new was sent; the earlier touch is answered. */
  duplicate: boolean;
  providerMessageId?: string;
  communicationId?: string;
  error?: { code: string; message: string };
}

export async function sendMessageNow(services: AppServices, o: SendMessageNowOptions): Promise<SendMessageNowResult> {
  if (o.body.trim().length === 0) throw new AppError(ErrorCode.ValidationFailed, 'body: must not be empty', { issues: [{ path: 'body', message: 'must not be empty' }] });
  const contact = await getContact(services, { locationId: o.locationId, contactId: o.contactId });
  const to = o.to ?? (o.channel === 'email' ? contact.email : contact.phone);
  if (!to) throw new AppError(ErrorCode.ValidationFailed, `to: the contact has no ${o.channel === 'email' ? 'email' : 'phone'}`, { issues: [{ path: 'to', message: 'the contact has no address for this channel' }] });
  const key = o.idempotencyKey ?? `${o.purpose}:${o.contactId}:${newId()}`;

  const [existing] = await services.db.select().from(touches).where(eq(touches.idempotencyKey, key)).limit(1);
  if (existing) {
    if (existing.locationId !== o.locationId) throw new AppError(ErrorCode.Conflict, 'idempotencyKey: already used');
    return {
      touchId: existing.id,
      decisionId: existing.complianceDecisionId ?? '',
      decision: { decision: existing.status === 'blocked' ? 'block' : 'allow', notBefore: null, reasons: [], zones: [], states: [] },
      status: (['sent', 'delivered'].includes(existing.status) ? 'sent' : existing.status) as SendMessageNowResult['status'],
      duplicate: true,
      ...(existing.providerMessageId ? { providerMessageId: existing.providerMessageId } : {}),
    };
  }

  const now = services.clock.now();
  const touchId = newId();
  const { decision, decisionId } = await decideAndRecord(services, {
    locationId: o.locationId,
    contactId: o.contactId,
    channel: o.channel === 'voicemail' ? 'voice' : o.channel,
    purpose: o.purpose,
    initiation: o.initiation,
    to,
    body: o.body,
    at: now,
    hasUnsubscribeLink: o.channel === 'email',
  });
  const status = decision.decision === 'allow' ? 'sending' : decision.decision === 'defer' ? 'queued' : 'blocked';
  const inserted = await services.db
    .insert(touches)
    .values({
      id: touchId,
      locationId: o.locationId,
      contactId: o.contactId,
      campaignId: o.campaignId ?? null,
      channel: o.channel,
      idempotencyKey: key,
      status,
      toAddress: to,
      subject: o.subject ?? null,
      bodyEnc: encrypt(services.keyRing, o.body),
      author: o.author,
      purpose: o.purpose,
      initiation: o.initiation,
      approvedBy: o.initiation === 'manual' ? (o.actor ?? null) : null,
      approvedAt: o.initiation === 'manual' ? now : null,
      attempts: status === 'sending' ? 1 : 0,
      leaseUntil: status === 'sending' ? new Date(now.getTime() + 120_000) : null,
      nextAttemptAt: decision.decision === 'defer' ? new Date(decision.notBefore!) : now,
      // A deferred message has no allow yet: the dispatcher decides again when it comes due.
      scheduledFor: decision.decision === 'allow' ? now : null,
      complianceDecisionId: decisionId,
      errorCode: decision.decision === 'block' ? 'compliance_blocked' : null,
      errorMessage: decision.decision === 'block' ? decision.reasons.filter((r) => r.effect === 'block').map((r) => `${r.rule}: ${r.detail}`).join('; ') : null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: touches.idempotencyKey })
    .returning();
  const row = inserted[0];
  if (!row) {
    // Another request with the same key won the race; answer its touch.
    return sendMessageNow(services, o);
  }
  if (status !== 'sending') return { touchId, decisionId, decision, status, duplicate: false };

  const [location] = await services.db.select().from(locations).where(and(eq(locations.id, o.locationId))).limit(1);
  const outcome = await deliverTouch(services, o.channels ?? channelsFor(services), row, location!);
  return {
    touchId,
    decisionId,
    decision,
    status: outcome.status,
    duplicate: false,
    ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}),
    ...(outcome.communicationId ? { communicationId: outcome.communicationId } : {}),
    ...(outcome.failure ? { error: { code: outcome.failure.code, message: outcome.failure.message } } : {}),
  };
}

/**
 * Tells the user about a hot lead, by SMS and email: who, why, the conversation so far and the dashboard
 * link (PUBLIC_URL/app/inbox/<contactId>). Each (handoff, round, channel) is one notification row.
 */
import { and, desc, eq } from 'drizzle-orm';
import { communications, contacts, handoffs, locations } from '../../db/schema/index.js';
import { decryptNullable } from '../../lib/crypto.js';
import type { AppServices } from '../app-services.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import { conversationSettingsFor } from '../conversations/conversation-settings.js';
import { sendNotification, type SendNotificationResult } from '../notifications/send-notification.js';

export interface NotifyHandoffOptions {
  handoffId: string;
  /** 0 = the first notice; 1, 2, … = watchdog reminders. */
  round: number;
}

export interface NotifyHandoffResult {
  sms: SendNotificationResult | null;
  email: SendNotificationResult | null;
}

/** The dashboard page of one conversation. */
export function inboxUrlFor(services: Pick<AppServices, 'config'>, contactId: string): string {
  return `${services.config.env.PUBLIC_URL.replace(/\/$/, '')}/app/inbox/${contactId}`;
}

export async function notifyHandoff(services: AppServices, o: NotifyHandoffOptions): Promise<NotifyHandoffResult> {
  const [h] = await services.db.select().from(handoffs).where(eq(handoffs.id, o.handoffId)).limit(1);
  if (!h) return { sms: null, email: null };
  const [contact] = await services.db.select().from(contacts).where(eq(contacts.id, h.contactId)).limit(1);
  const [location] = await services.db.select().from(locations).where(eq(locations.id, h.locationId)).limit(1);
  const settings = conversationSettingsFor(location?.settings, services.config);
  const rows = await services.db
    .select({ direction: communications.direction, bodyEnc: communications.bodyEnc, occurredAt: communications.occurredAt, author: communications.author })
    .from(communications)
    .where(and(eq(communications.locationId, h.locationId), eq(communications.contactId, h.contactId)))
    .orderBy(desc(communications.occurredAt), desc(communications.id))
    .limit(8);
  const lines = rows.reverse().map((r) => `${r.direction === 'inbound' ? 'Owner' : r.author === 'human' ? 'You' : 'Curb'}: ${(decryptNullable(services.keyRing, r.bodyEnc) ?? '').replace(/\s+/g, ' ').slice(0, 300)}`);
  const name = contact?.ownerName ?? ([contact?.firstName, contact?.lastName].filter(Boolean).join(' ') || 'Unknown owner');
  const who = [name, contact?.phone, contact?.email].filter(Boolean).join(' · ');
  const link = inboxUrlFor(services, h.contactId);
  const headline = o.round === 0 ? `Hot lead: ${who}` : `Reminder ${o.round}: hot lead waiting for a reply — ${who}`;
  const lastInbound = lines.filter((l) => l.startsWith('Owner: ')).at(-1) ?? '';
  const smsBody = `${headline}\nWhy: ${h.reason}\n${lastInbound.slice(0, 320)}\nReply in Curb: ${link}`;
  const emailBody = `${headline}\n\nWhy: ${h.reason}\n\nConversation:\n${lines.join('\n')}\n\nOpen the conversation and reply: ${link}\n\nThe bot stays silent on this conversation until you release it.`;
  const subject = o.round === 0 ? `Hot lead: ${name}` : `Reminder: ${name} is waiting for a reply`;
  const kind = o.round === 0 ? 'handoff' : 'handoff_reminder';

  const sms = settings.notifySmsTo
    ? await sendNotification(services, { locationId: h.locationId, kind, channel: 'sms', to: settings.notifySmsTo, body: smsBody, dedupeKey: `handoff:${h.id}:${o.round}:sms`, handoffId: h.id })
    : null;
  const email = settings.notifyEmailTo
    ? await sendNotification(services, { locationId: h.locationId, kind, channel: 'email', to: settings.notifyEmailTo, subject, body: emailBody, dedupeKey: `handoff:${h.id}:${o.round}:email`, handoffId: h.id })
    : null;
  if (!sms && !email) {
    await raiseAlert(services, {
      locationId: h.locationId,
      kind: 'handoff_unanswered',
      severity: 'critical',
      message: `hot lead ${name} handed off but nobody is set to be told: set NOTIFY_SMS_TO / NOTIFY_EMAIL_TO or settings.conversations.notifySmsTo / notifyEmailTo`,
      dedupeKey: `handoff_no_target:${h.locationId}`,
      details: { handoffId: h.id, contactId: h.contactId },
    });
  }
  await services.db.update(handoffs).set({ notifyCount: o.round + 1, lastNotifiedAt: services.clock.now() }).where(eq(handoffs.id, h.id));
  return { sms, email };
}

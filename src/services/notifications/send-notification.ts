/**
 * A message to the business's own people (a hot lead, a reminder): straight through the channel, not the
 * lead compliance engine — it goes to the user's own phone or inbox, never to a lead, and the recipients
 * come only from config (NOTIFY_SMS_TO / NOTIFY_EMAIL_TO or the location's settings). Stored in
 * `notifications`; the dedupe key makes a retried job or a redelivered webhook notify once.
 */
import { and, eq } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.js';
import { encrypt } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { channelsFor, type Channels } from '../outreach/channels.js';

export interface SendNotificationOptions {
  locationId: string;
  /** handoff | handoff_reminder | inbound_during_takeover */
  kind: string;
  channel: 'sms' | 'email';
  to: string;
  subject?: string | null;
  body: string;
  /** Same key = same notification: sent at most once (a failed one is tried again). */
  dedupeKey: string;
  handoffId?: string | null;
  channels?: Channels;
}

export interface SendNotificationResult {
  id: string;
  status: 'sent' | 'failed' | 'duplicate';
  error?: string;
}

/** The From of internal mail: EMAIL_FROM, else notifications@<reply domain>. */
export function notificationFrom(services: Pick<AppServices, 'config'>): string {
  const env = services.config.env;
  return env.EMAIL_FROM ?? `Curb <notifications@${env.EMAIL_REPLY_DOMAIN ?? 'curb.local'}>`;
}

export async function sendNotification(services: AppServices, o: SendNotificationOptions): Promise<SendNotificationResult> {
  const now = services.clock.now();
  const [inserted] = await services.db
    .insert(notifications)
    .values({
      id: newId(),
      locationId: o.locationId,
      kind: o.kind,
      channel: o.channel,
      toAddress: o.to,
      subject: o.subject ?? null,
      bodyEnc: encrypt(services.keyRing, o.body),
      status: 'sending',
      dedupeKey: o.dedupeKey,
      handoffId: o.handoffId ?? null,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [notifications.locationId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  let id = inserted?.id;
  if (!id) {
    const [prior] = await services.db.select().from(notifications).where(and(eq(notifications.locationId, o.locationId), eq(notifications.dedupeKey, o.dedupeKey))).limit(1);
    if (!prior || prior.status !== 'failed') return { id: prior?.id ?? '', status: 'duplicate' };
    id = prior.id;
    await services.db.update(notifications).set({ status: 'sending', error: null }).where(eq(notifications.id, id));
  }

  const channels = o.channels ?? channelsFor(services);
  let error: string | undefined;
  try {
    if (o.channel === 'sms') {
      const r = await channels.sms.send({ to: o.to, body: o.body.length > 1600 ? `${o.body.slice(0, 1597)}...` : o.body, idempotencyKey: `notify:${id}` });
      if (!r.ok) error = `${r.error.code}: ${r.error.message}`;
    } else if (!channels.email.sendInternal) {
      error = `the ${channels.email.name} email channel cannot send internal notification mail`;
    } else {
      const r = await channels.email.sendInternal({ to: o.to, from: notificationFrom(services), subject: o.subject ?? 'Curb notification', text: o.body, idempotencyKey: `notify:${id}` });
      if (!r.ok) error = `${r.error.code}: ${r.error.message}`;
    }
  } catch (e) {
    error = (e as Error).message;
  }
  await services.db
    .update(notifications)
    .set(error ? { status: 'failed', error } : { status: 'sent', sentAt: services.clock.now(), error: null })
    .where(eq(notifications.id, id));
  if (error) services.logger.warn({ notificationId: id, channel: o.channel, error }, 'notification failed');
  return error ? { id, status: 'failed', error } : { id, status: 'sent' };
}

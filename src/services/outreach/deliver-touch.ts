/**
 * Sends one claimed touch through its channel and records what happened. The touch is already in
 * `sending` with a lease (committed before the provider is called), so a crash at any point leaves a
 * trace the recovery pass can reconcile: nothing is sent twice and nothing is lost.
 *
 * Outcomes:
 * - sent: provider id, sender, segments and cost on the touch; an outbound communication; a cost row;
 *   the lead becomes `contacted`.
 * - retryable (5xx, 429, open circuit): back to `queued` with a backoff — never counted as lost.
 * - ambiguous (timeout: the provider may have acted): stays `sending` with a short lease; recovery asks
 *   the provider before resending.
 * - permanent: `failed` with the code; 21610 is an opt-out, an invalid number is marked on the contact
 *   point, carrier filtering is counted per sender number and alerts on a spike.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { replyAddressFor } from '../../adapters/email/reply-address.js';
import { SmsFailureCode } from '../../adapters/sms/interface.js';
import type { locations } from '../../db/schema/index.js';
import { contactPoints, touches } from '../../db/schema/index.js';
import { decrypt, signToken } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { AppFailure } from '../../lib/result.js';
import type { AppServices } from '../app-services.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import type { Channels } from './channels.js';

export type TouchRow = typeof touches.$inferSelect;
type LocationRow = typeof locations.$inferSelect;

export type DeliverDeps = Pick<AppServices, 'db' | 'clock' | 'keyRing' | 'config' | 'logger'>;

export interface DeliveryOutcome {
  touchId: string;
  status: 'sent' | 'queued' | 'sending' | 'failed';
  providerMessageId?: string;
  communicationId?: string;
  failure?: AppFailure;
}

/** Backoff of a retryable failure: 30 s doubling to 30 min; an open circuit waits its cool-down. */
export function retryDelayMs(attempts: number, failure: AppFailure): number {
  if (failure.code === SmsFailureCode.CircuitOpen) return 60_000;
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/** A touch not sent within this long after it was first queued is given up (`failed`, `expired`). */
export const TOUCH_EXPIRY_MS = 24 * 3_600_000;
/** How long an ambiguous send waits before recovery asks the provider what happened. */
export const AMBIGUOUS_LEASE_MS = 30_000;

/** The token in a contact's unsubscribe link and reply address: the contact id, signed. */
export function contactToken(keyRing: AppServices['keyRing'], purpose: 'unsubscribe' | 'reply', contactId: string): string {
  return signToken(keyRing, purpose, contactId.replaceAll('-', ''));
}

/** The contact's one-click unsubscribe link (RFC 8058): works without login or cookies. */
export function unsubscribeUrlFor(deps: Pick<AppServices, 'config' | 'keyRing'>, contactId: string): string {
  return `${deps.config.env.PUBLIC_URL.replace(/\/$/, '')}/u/${contactToken(deps.keyRing, 'unsubscribe', contactId)}`;
}

/** The per-conversation reply address, so a reply threads to its owner without trusting From. */
export function replyToFor(deps: Pick<AppServices, 'config' | 'keyRing'>, contactId: string): string {
  const domain = deps.config.env.EMAIL_REPLY_DOMAIN ?? 'reply.curb.local';
  // The token alphabet of reply addresses has no dot: the MAC is joined with an underscore.
  return replyAddressFor(contactToken(deps.keyRing, 'reply', contactId).replace('.', '_'), domain);
}

function fromAddressFor(deps: Pick<AppServices, 'config'>, location: LocationRow): string {
  const configured = deps.config.env.EMAIL_FROM;
  if (configured) return configured;
  const name = location.businessName.replace(/["<>]/g, '').trim();
  return `${name} <outreach@${deps.config.env.EMAIL_REPLY_DOMAIN ?? 'curb.local'}>`;
}

/** The status callback Twilio posts delivery updates to, when the server is reachable from outside. */
function statusCallbackUrl(deps: Pick<AppServices, 'config'>): string | undefined {
  const base = deps.config.env.PUBLIC_URL.replace(/\/$/, '');
  return deps.config.env.SMS_PROVIDER === 'twilio' && /^https:\/\//.test(base) ? `${base}/webhooks/twilio/status` : undefined;
}

interface SendAnswer {
  providerMessageId: string;
  from: string | null;
  segments: number | null;
  priceUsd: number | null;
}

async function callChannel(deps: DeliverDeps, channels: Channels, t: TouchRow, location: LocationRow): Promise<{ ok: true; value: SendAnswer } | { ok: false; error: AppFailure }> {
  const body = t.bodyEnc ? decrypt(deps.keyRing, t.bodyEnc) : '';
  switch (t.channel) {
    case 'sms': {
      const cb = statusCallbackUrl(deps);
      const r = await channels.sms.send({ to: t.toAddress, body, idempotencyKey: t.idempotencyKey, ...(t.fromAddress ? { from: t.fromAddress } : {}), ...(cb ? { statusCallbackUrl: cb } : {}) });
      if (!r.ok) return r;
      const price = r.value.priceUsd ?? (r.value.segments ?? 1) * deps.config.env.SMS_PRICE_PER_SEGMENT_USD;
      return { ok: true, value: { providerMessageId: r.value.providerMessageId, from: r.value.from, segments: r.value.segments ?? null, priceUsd: price } };
    }
    case 'email': {
      const r = await channels.email.send({
        to: t.toAddress,
        from: fromAddressFor(deps, location),
        replyTo: replyToFor(deps, t.contactId),
        subject: t.subject ?? `About your property`,
        text: body,
        postalFooter: location.postalAddress ?? '',
        listUnsubscribeUrl: unsubscribeUrlFor(deps, t.contactId),
        idempotencyKey: t.idempotencyKey,
      });
      if (!r.ok) return r;
      return { ok: true, value: { providerMessageId: r.value.providerMessageId, from: fromAddressFor(deps, location), segments: null, priceUsd: deps.config.env.EMAIL_PRICE_USD } };
    }
    case 'voicemail': {
      const recording = typeof location.settings?.voicemailRecordingUrl === 'string' ? location.settings.voicemailRecordingUrl : undefined;
      const r = await channels.voicemail.drop({ to: t.toAddress, idempotencyKey: t.idempotencyKey, ...(recording ? { recordingUrl: recording } : { script: body }) });
      if (!r.ok) return r;
      return { ok: true, value: { providerMessageId: r.value.providerCallId, from: null, segments: null, priceUsd: deps.config.env.VOICEMAIL_PRICE_USD } };
    }
  }
}

const isAmbiguous = (f: AppFailure): boolean => f.code === SmsFailureCode.Timeout || (f.details as { ambiguous?: boolean } | undefined)?.ambiguous === true;
const INVALID_POINT = new Set<string>([SmsFailureCode.InvalidRecipient, SmsFailureCode.UnknownDestination, SmsFailureCode.LandlineOrUnreachableCarrier, 'invalid_recipient']);

/** Records a successful send: the touch, the communication, the cost and the lead's status. */
export async function recordSent(deps: DeliverDeps, t: TouchRow, a: SendAnswer): Promise<string> {
  const [id] = await recordSentMany(deps, [{ touch: t, answer: a }]);
  return id ?? '';
}

const unitLabelOf = (channel: string): string => (channel === 'sms' ? 'segments' : channel === 'email' ? 'emails' : 'calls');

/**
 * Records many successful sends in one statement (the dispatcher's chunks): the touches become `sent`,
 * and for those only an outbound communication, a cost row and the lead's `contacted` status are written
 * (data-modifying CTEs: one round trip, atomic). A lead becomes `contacted` at its first marketing message
 * (one status row per contact per statement). Only touches still in flight are recorded: a second
 * recorder (a slow worker and a recovery) records nothing twice. Answers the communication id of each
 * send, in order ('' when it was already recorded).
 */
export async function recordSentMany(deps: DeliverDeps, sends: ReadonlyArray<{ touch: TouchRow; answer: SendAnswer }>): Promise<string[]> {
  if (sends.length === 0) return [];
  const now = deps.clock.now().toISOString();
  const ids = sends.map(() => newId());
  const rows = sends.map(({ touch: t, answer: a }, i) => ({
    id: t.id,
    comm_id: ids[i],
    cost_id: newId(),
    status_id: newId(),
    location_id: t.locationId,
    contact_id: t.contactId,
    campaign_id: t.campaignId,
    channel: t.channel,
    to_address: t.toAddress,
    subject: t.subject,
    body_enc: t.bodyEnc,
    author: t.author ?? 'template',
    purpose: t.purpose,
    provider: t.provider,
    provider_message_id: a.providerMessageId,
    from_address: a.from ?? t.fromAddress,
    segments: a.segments,
    cost_usd: a.priceUsd === null ? null : a.priceUsd.toFixed(5),
    units: String(a.segments ?? 1),
    unit_label: unitLabelOf(t.channel),
  }));
  const r = await deps.db.execute(sql`
    with x as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, comm_id uuid, cost_id uuid, status_id uuid, location_id uuid,
        contact_id uuid, campaign_id uuid, channel text, to_address text, subject text, body_enc text, author text, purpose text, provider text,
        provider_message_id text, from_address text, segments int, cost_usd numeric, units numeric, unit_label text)
    ),
    sent as (
      update touches t set status = 'sent', provider = x.provider, provider_message_id = x.provider_message_id, from_address = x.from_address,
        segments = x.segments, cost_usd = x.cost_usd, sent_at = ${now}::timestamptz, lease_until = null, error_code = null, error_message = null,
        updated_at = ${now}::timestamptz
      from x where t.id = x.id and t.status = 'sending'
      returning t.id
    ),
    fresh as (select x.* from x join sent on sent.id = x.id),
    comm as (
      insert into communications (id, location_id, contact_id, campaign_id, touch_id, direction, channel, from_address, to_address, subject, body_enc,
        author, purpose, provider, provider_message_id, status, occurred_at, created_at)
      select comm_id, location_id, contact_id, campaign_id, id, 'outbound', channel, from_address, to_address, subject, body_enc,
        author, purpose, provider, provider_message_id, 'sent', ${now}::timestamptz, ${now}::timestamptz from fresh
      on conflict do nothing
    ),
    cost as (
      insert into costs (id, location_id, kind, amount_usd, units, unit_label, campaign_id, contact_id, touch_id, meta, occurred_at)
      select cost_id, location_id, channel, cost_usd, units, unit_label, campaign_id, contact_id, id, jsonb_build_object('provider', provider), ${now}::timestamptz
      from fresh where cost_usd > 0
    ),
    lead as (
      insert into lead_statuses (id, location_id, contact_id, status, last_contact_date, changed_at, updated_at)
      select distinct on (contact_id) status_id, location_id, contact_id, 'contacted', ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from fresh where purpose = 'marketing' order by contact_id
      on conflict (contact_id) do update set last_contact_date = excluded.last_contact_date, updated_at = excluded.updated_at,
        status = case when lead_statuses.status = 'new' then 'contacted' else lead_statuses.status end,
        changed_at = case when lead_statuses.status = 'new' then excluded.changed_at else lead_statuses.changed_at end
    )
    select id from sent`);
  const done = new Set(((r as unknown as { rows?: Array<{ id: string }> }).rows ?? []).map((x) => x.id));
  return sends.map((x, i) => (done.has(x.touch.id) ? ids[i]! : ''));
}

async function recordFailure(deps: DeliverDeps, t: TouchRow, f: AppFailure): Promise<DeliveryOutcome['status']> {
  const now = deps.clock.now();
  if (isAmbiguous(f)) {
    await deps.db
      .update(touches)
      .set({ leaseUntil: new Date(now.getTime() + AMBIGUOUS_LEASE_MS), errorCode: f.code, errorMessage: f.message, updatedAt: now })
      .where(eq(touches.id, t.id));
    return 'sending';
  }
  if (f.retry && now.getTime() - t.createdAt.getTime() < TOUCH_EXPIRY_MS) {
    await deps.db
      .update(touches)
      .set({ status: 'queued', leaseUntil: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(t.attempts, f)), errorCode: f.code, errorMessage: f.message, updatedAt: now })
      .where(eq(touches.id, t.id));
    return 'queued';
  }
  await deps.db
    .update(touches)
    .set({ status: 'failed', leaseUntil: null, errorCode: f.retry ? 'expired' : f.code, errorMessage: f.message, updatedAt: now })
    .where(eq(touches.id, t.id));
  if (f.code === SmsFailureCode.RecipientOptedOut) {
    // The carrier says this person replied STOP to us (Twilio 21610): an opt-out, whatever else we knew.
    await optOutContact(deps, { locationId: t.locationId, contactId: t.contactId, source: 'carrier_21610', channel: t.channel });
  } else if (INVALID_POINT.has(f.code)) {
    await deps.db
      .update(contactPoints)
      .set({ status: 'invalid', updatedAt: now })
      .where(and(eq(contactPoints.locationId, t.locationId), eq(contactPoints.contactId, t.contactId), eq(contactPoints.value, t.toAddress)));
  } else if (f.code === SmsFailureCode.CarrierFiltering && t.fromAddress) {
    await trackCarrierFiltering(deps, t.locationId, t.fromAddress);
  }
  return 'failed';
}

/** Carrier filtering (30007) on one sender number: alert when it passes 5 in 24 h and 2% of its sends. */
export async function trackCarrierFiltering(deps: DeliverDeps, locationId: string, from: string): Promise<void> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const [row] = await deps.db
    .select({
      filtered: sql<number>`count(*) filter (where ${touches.errorCode} = ${SmsFailureCode.CarrierFiltering})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(touches)
    .where(and(eq(touches.locationId, locationId), eq(touches.fromAddress, from), eq(touches.channel, 'sms'), gte(touches.updatedAt, since)));
  const filtered = row?.filtered ?? 0;
  const total = Math.max(1, row?.total ?? 1);
  if (filtered >= 5 && filtered / total >= 0.02) {
    await raiseAlert(deps, {
      locationId,
      kind: 'carrier_filtering',
      severity: 'critical',
      message: `${from}: carriers filtered ${filtered} of ${total} texts in 24 h (error 30007); pause this number and review the content`,
      dedupeKey: `carrier_filtering:${from}:${now.toISOString().slice(0, 10)}`,
      details: { from, filtered, total },
    });
  }
}

/** A provider's answer to one touch of a chunk, not yet recorded. */
export interface SendAttempt {
  touch: TouchRow;
  r: { ok: true; value: SendAnswer } | { ok: false; error: AppFailure };
}

/** Sends touches the caller has put in `sending` with a lease, `concurrency` provider calls at a time. */
export async function sendTouches(deps: DeliverDeps, channels: Channels, list: readonly TouchRow[], locations: ReadonlyMap<string, LocationRow>, concurrency: number): Promise<SendAttempt[]> {
  const run = pLimit(concurrency);
  return Promise.all(
    list.map((t) =>
      run(async (): Promise<SendAttempt> => {
        const touch = { ...t, provider: providerOf(channels, t) };
        try {
          return { touch, r: await callChannel(deps, channels, touch, locations.get(t.locationId)!) };
        } catch (e) {
          return { touch, r: { ok: false as const, error: { code: SmsFailureCode.Timeout, message: (e as Error).message, retry: true, details: { ambiguous: true } } } };
        }
      }),
    ),
  );
}

/**
 * Records what `sendTouches` got: the successes in one statement, the failures one by one (they are rare
 * and each has its own follow-up).
 */
export async function recordAttempts(deps: DeliverDeps, attempts: readonly SendAttempt[]): Promise<DeliveryOutcome[]> {
  const sent: Array<{ touch: TouchRow; answer: SendAnswer }> = [];
  for (const a of attempts) if (a.r.ok) sent.push({ touch: a.touch, answer: a.r.value });
  const commIds = await recordSentMany(deps, sent);
  const commOf = new Map(sent.map((a, i) => [a.touch.id, commIds[i]!]));
  const out: DeliveryOutcome[] = [];
  for (const a of attempts) {
    if (a.r.ok) {
      out.push({ touchId: a.touch.id, status: 'sent', providerMessageId: a.r.value.providerMessageId, communicationId: commOf.get(a.touch.id) ?? '' });
      continue;
    }
    const status = await recordFailure(deps, a.touch, a.r.error);
    if (status === 'failed') deps.logger.warn({ touchId: a.touch.id, code: a.r.error.code, channel: a.touch.channel }, 'touch failed');
    out.push({ touchId: a.touch.id, status, failure: a.r.error });
  }
  return out;
}

/** `sendTouches`, then `recordAttempts`. */
export async function deliverTouches(deps: DeliverDeps, channels: Channels, list: readonly TouchRow[], locations: ReadonlyMap<string, LocationRow>, concurrency: number): Promise<DeliveryOutcome[]> {
  return recordAttempts(deps, await sendTouches(deps, channels, list, locations, concurrency));
}

const providerOf = (channels: Channels, t: TouchRow): string => (t.channel === 'sms' ? channels.sms.name : t.channel === 'email' ? channels.email.name : channels.voicemail.name);

/** Sends one touch that the caller has put in `sending` with a lease, and records the outcome. */
export async function deliverTouch(deps: DeliverDeps, channels: Channels, t: TouchRow, location: LocationRow): Promise<DeliveryOutcome> {
  const touch = { ...t, provider: providerOf(channels, t) };
  let r: Awaited<ReturnType<typeof callChannel>>;
  try {
    r = await callChannel(deps, channels, touch, location);
  } catch (e) {
    // A bug or an unexpected throw: treat as ambiguous so recovery reconciles rather than resends blindly.
    r = { ok: false, error: { code: SmsFailureCode.Timeout, message: (e as Error).message, retry: true, details: { ambiguous: true } } };
  }
  if (r.ok) {
    const communicationId = await recordSent(deps, touch, r.value);
    return { touchId: t.id, status: 'sent', providerMessageId: r.value.providerMessageId, communicationId };
  }
  const status = await recordFailure(deps, touch, r.error);
  if (status === 'failed') deps.logger.warn({ touchId: t.id, code: r.error.code, channel: t.channel }, 'touch failed');
  return { touchId: t.id, status, failure: r.error };
}

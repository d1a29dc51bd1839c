import { and, desc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { Situation } from '../../domain/compliance/situation.js';
import { communications, consentEvents, contactPoints, deals, locations, properties, propertyContacts, suppressionLists, touches } from '../../db/schema/index.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import { lookupSuppressions } from '../suppressions/lookup-suppressions.js';
import { normalizeSuppressionValue } from '../suppressions/normalize-suppression-value.js';

export interface BuildSituationOptions {
  locationId: string;
  contactId: string;
  channel: 'sms' | 'email' | 'voice';
  purpose?: 'marketing' | 'informational' | 'opt_out_confirmation' | 'help';
  initiation?: 'automated' | 'manual';
  /** the number or address to send to; default the contact's primary phone (sms/voice) or email */
  to?: string | null;
  body?: string | null;
  /** the send instant; default now */
  at?: Date;
  hasUnsubscribeLink?: boolean;
  /** A touch not to count in the history: the one being decided again. */
  excludeTouchId?: string | null;
}

const HISTORY_MS = 48 * 3_600_000;
const STATE = /^[A-Z]{2}$/;
const POINT_SUPPRESSED = new Set(['opted_out', 'wrong_number']);

/** The latest national list date, as the instant the engine's F3 compares (start of that day, UTC). */
export async function lastNationalScrubAt(deps: Pick<AppServices, 'db'>): Promise<string | null> {
  const [row] = await deps.db
    .select({ listDate: suppressionLists.listDate })
    .from(suppressionLists)
    .where(eq(suppressionLists.list, 'national_dnc'))
    .orderBy(desc(suppressionLists.listDate))
    .limit(1);
  return row ? `${row.listDate}T00:00:00.000Z` : null;
}

/**
 * Assembles the engine's input for one message from stored state. Every fact the database lacks is left out so
 * the engine takes its safe reading (no consent, never scrubbed, …):
 * - contact: opt-out time (any channel), the lists `to` is on (shared lists + this location's internal list; a
 *   number marked opted-out or wrong-number counts as internal DNC), the latest written/express consent given
 *   after the latest revocation (an `opt_in`/START is never consent), an EBR from the latest closed deal;
 * - recipientStates: the contact's mailing state and the situs and mailing states of linked properties;
 * - history: messages in and out of the last 48 h to this contact or this number (communications, plus sent
 *   touches not yet logged); an outbound message without a purpose counts as marketing;
 * - account: postal address, counsel's switches from settings, the per-contact cap and the national scrub date.
 * The contact's stored time zone is not used: it is a guess from an address, and `recipientZones` would replace
 * the phone's zones — a loosening only verified evidence may make.
 */
export async function buildSituation(deps: Pick<AppServices, 'db' | 'database' | 'clock'>, options: BuildSituationOptions): Promise<Situation> {
  const contact = await getContact(deps, { locationId: options.locationId, contactId: options.contactId });
  const [location] = await deps.db.select().from(locations).where(eq(locations.id, options.locationId)).limit(1);
  if (!location) throw notFound('location', options.locationId);
  const at = options.at ?? deps.clock.now();
  const rawTo = options.to ?? (options.channel === 'email' ? contact.email : contact.phone);
  if (!rawTo) {
    throw new AppError(ErrorCode.ValidationFailed, `invalid send: to: the contact has no ${options.channel === 'email' ? 'email' : 'phone'}`, {
      issues: [{ path: 'to', message: 'required: the contact has no address for this channel' }],
    });
  }
  // A value we cannot normalise is passed as given: the engine then blocks it by its own validation.
  const to = normalizeSuppressionValue(rawTo) ?? rawTo;
  const since = new Date(at.getTime() - HISTORY_MS);

  const [lists, point, consentRows, deal, propertyStates, comms, sentTouches, scrubAt] = await Promise.all([
    lookupSuppressions(deps, { locationId: options.locationId, values: [to] }),
    deps.db
      .select({ status: contactPoints.status })
      .from(contactPoints)
      .where(and(eq(contactPoints.locationId, options.locationId), eq(contactPoints.value, to)))
      .limit(1),
    deps.db
      .select({ kind: consentEvents.kind, address: consentEvents.address, occurredAt: consentEvents.occurredAt })
      .from(consentEvents)
      .where(and(eq(consentEvents.locationId, options.locationId), eq(consentEvents.contactId, options.contactId), lte(consentEvents.occurredAt, at)))
      .orderBy(desc(consentEvents.occurredAt)),
    deps.db
      .select({ closedAt: deals.closedAt })
      .from(deals)
      .where(and(eq(deals.locationId, options.locationId), eq(deals.contactId, options.contactId), lte(deals.closedAt, at)))
      .orderBy(desc(deals.closedAt))
      .limit(1),
    deps.db
      .select({ situs: properties.situsState, mailing: properties.mailingState })
      .from(propertyContacts)
      .innerJoin(properties, eq(properties.id, propertyContacts.propertyId))
      .where(and(eq(propertyContacts.contactId, options.contactId), eq(properties.locationId, options.locationId))),
    deps.db
      .select({ occurredAt: communications.occurredAt, channel: communications.channel, direction: communications.direction, purpose: communications.purpose, touchId: communications.touchId })
      .from(communications)
      .where(
        and(
          eq(communications.locationId, options.locationId),
          or(eq(communications.contactId, options.contactId), eq(communications.toAddress, to), eq(communications.fromAddress, to)),
          gt(communications.occurredAt, since),
          lte(communications.occurredAt, at),
        ),
      ),
    // Touches sent, and touches already allowed and waiting for the dispatcher (they count toward the caps
    // the moment they are allowed, so two campaigns cannot both take today's one message).
    deps.db
      .select({ id: touches.id, channel: touches.channel, sentAt: sql<Date>`coalesce(${touches.sentAt}, ${touches.scheduledFor})`.mapWith(touches.sentAt), purpose: touches.purpose })
      .from(touches)
      .where(
        and(
          eq(touches.locationId, options.locationId),
          or(eq(touches.contactId, options.contactId), eq(touches.toAddress, to)),
          inArray(touches.status, ['queued', 'sending', 'sent', 'delivered']),
          sql`coalesce(${touches.sentAt}, ${touches.scheduledFor}) > ${since.toISOString()}::timestamptz`,
          sql`coalesce(${touches.sentAt}, ${touches.scheduledFor}) <= ${at.toISOString()}::timestamptz`,
          ...(options.excludeTouchId ? [ne(touches.id, options.excludeTouchId)] : []),
        ),
      ),
    lastNationalScrubAt(deps),
  ]);

  const onLists = [...(lists.get(to) ?? [])];
  if (point[0] && POINT_SUPPRESSED.has(point[0].status) && !onLists.includes('internal_dnc')) onLists.push('internal_dnc');

  // Consent: the newest written/express consent for this contact (for this address, or for no particular one)
  // given after the newest revocation.
  let consent: NonNullable<Situation['contact']>['consent'] = null;
  for (const c of consentRows) {
    if (c.kind === 'revocation') break;
    if ((c.kind === 'written' || c.kind === 'express') && (c.address === null || c.address === to)) {
      consent = { kind: c.kind, at: c.occurredAt.toISOString() };
      break;
    }
  }

  const states = new Set<string>();
  const addState = (s: string | null | undefined) => {
    const v = s?.trim().toUpperCase();
    if (v && STATE.test(v)) states.add(v);
  };
  addState(contact.mailingState);
  for (const p of propertyStates) {
    addState(p.situs);
    addState(p.mailing);
  }

  const history: NonNullable<Situation['history']> = [];
  const logged = new Set<string>();
  for (const c of comms) {
    if (c.touchId) logged.add(c.touchId);
    history.push({
      at: c.occurredAt.toISOString(),
      channel: c.channel === 'voicemail' ? 'voice' : c.channel,
      direction: c.direction,
      purpose: (c.purpose as 'marketing' | 'informational' | 'opt_out_confirmation' | 'help' | null) ?? 'marketing',
    });
  }
  for (const t of sentTouches) {
    if (logged.has(t.id)) continue;
    history.push({ at: t.sentAt.toISOString(), channel: t.channel === 'voicemail' ? 'voice' : t.channel, direction: 'outbound', purpose: (t.purpose as 'marketing' | 'informational' | 'opt_out_confirmation' | 'help' | null) ?? 'marketing' });
  }

  const settings = location.settings ?? {};
  return {
    at: at.toISOString(),
    channel: options.channel,
    purpose: options.purpose ?? 'marketing',
    initiation: options.initiation ?? 'automated',
    to,
    ...(options.body != null ? { body: options.body } : {}),
    ...(options.hasUnsubscribeLink !== undefined ? { hasUnsubscribeLink: options.hasUnsubscribeLink } : {}),
    recipientStates: [...states].sort(),
    contact: {
      optedOutAt: contact.optOut ? (contact.optedOutAt ?? at.toISOString()) : null,
      lists: onLists,
      consent,
      ebr: deal[0] ? { kind: 'transaction', at: deal[0].closedAt.toISOString() } : null,
    },
    history,
    account: {
      lastNationalDncScrubAt: scrubAt,
      offerToBuyExemption: settings.offerToBuyExemption === true,
      automatedColdOutreachApproved: settings.automatedColdOutreachApproved === true,
      postalAddress: location.postalAddress && location.postalAddress.trim().length > 0 ? location.postalAddress : null,
      // A settings value may only tighten the column's cap.
      maxMessagesPerContactPerDay:
        typeof settings.maxMessagesPerContactPerDay === 'number' && Number.isInteger(settings.maxMessagesPerContactPerDay) && settings.maxMessagesPerContactPerDay >= 0
          ? Math.min(settings.maxMessagesPerContactPerDay, location.maxMessagesPerContactPerDay)
          : location.maxMessagesPerContactPerDay,
    },
  };
}

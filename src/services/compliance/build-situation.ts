import { and, desc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { Situation } from '../../domain/compliance/situation.js';
import { communications, consentEvents, contactPoints, contacts, deals, locations, properties, propertyContacts, suppressionLists, touches } from '../../db/schema/index.js';
import { anyOf } from '../../db/sql/any-of.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
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
  const [r] = await buildSituations(deps, [options]);
  if (r instanceof AppError) throw r;
  return r!;
}

/**
 * The same for many messages at once, in a fixed number of queries whatever their count (the scheduler's
 * batches). Each answer is the situation, or the AppError that message gets on its own (unknown contact, no
 * address for the channel), in the order asked.
 */
export async function buildSituations(deps: Pick<AppServices, 'db' | 'database' | 'clock'>, items: readonly BuildSituationOptions[]): Promise<Array<Situation | AppError>> {
  if (items.length === 0) return [];
  const UUID = /^[0-9a-f-]{36}$/i;
  const contactIds = [...new Set(items.map((i) => i.contactId).filter((id) => UUID.test(id)))];
  const locationIds = [...new Set(items.map((i) => i.locationId).filter((id) => UUID.test(id)))];
  const [contactRows, locationRows] = await Promise.all([
    deps.db.select().from(contacts).where(anyOf(contacts.id, contactIds, 'uuid')),
    deps.db.select().from(locations).where(anyOf(locations.id, locationIds, 'uuid')),
  ]);
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const locationById = new Map(locationRows.map((l) => [l.id, l]));

  // Resolve each message's contact, location, instant and normalised address first; errors stay per message.
  interface Prepared { o: BuildSituationOptions; contact: typeof contacts.$inferSelect; location: typeof locations.$inferSelect; at: Date; to: string }
  const prepared: Array<Prepared | AppError> = items.map((o) => {
    const contact = contactById.get(o.contactId);
    if (!contact || contact.locationId !== o.locationId) return notFound('contact', o.contactId);
    const location = locationById.get(o.locationId);
    if (!location) return notFound('location', o.locationId);
    const rawTo = o.to ?? (o.channel === 'email' ? contact.email : contact.phone);
    if (!rawTo) {
      return new AppError(ErrorCode.ValidationFailed, `invalid send: to: the contact has no ${o.channel === 'email' ? 'email' : 'phone'}`, {
        issues: [{ path: 'to', message: 'required: the contact has no address for this channel' }],
      });
    }
    // A value we cannot normalise is passed as given: the engine then blocks it by its own validation.
    return { o, contact, location, at: o.at ?? deps.clock.now(), to: normalizeSuppressionValue(rawTo) ?? rawTo };
  });
  const ok = prepared.filter((p): p is Prepared => !(p instanceof AppError));
  if (ok.length === 0) return prepared as AppError[];
  const tos = [...new Set(ok.map((p) => p.to))];
  const okContactIds = [...new Set(ok.map((p) => p.o.contactId))];
  const latest = new Date(Math.max(...ok.map((p) => p.at.getTime())));
  const earliest = new Date(Math.min(...ok.map((p) => p.at.getTime())) - HISTORY_MS);
  const okLocationIds = [...new Set(ok.map((p) => p.o.locationId))];

  const [lists, points, consentRows, dealRows, propertyStates, comms, sentTouches, scrubAt] = await Promise.all([
    Promise.all(okLocationIds.map(async (locationId) => [locationId, await lookupSuppressions(deps, { locationId, values: [...new Set(ok.filter((p) => p.o.locationId === locationId).map((p) => p.to))] })] as const)),
    deps.db
      .select({ locationId: contactPoints.locationId, value: contactPoints.value, status: contactPoints.status })
      .from(contactPoints)
      .where(and(anyOf(contactPoints.locationId, okLocationIds, 'uuid'), anyOf(contactPoints.value, tos, 'text'))),
    deps.db
      .select({ contactId: consentEvents.contactId, kind: consentEvents.kind, address: consentEvents.address, occurredAt: consentEvents.occurredAt })
      .from(consentEvents)
      .where(and(anyOf(consentEvents.contactId, okContactIds, 'uuid'), lte(consentEvents.occurredAt, latest)))
      .orderBy(desc(consentEvents.occurredAt)),
    deps.db
      .select({ contactId: deals.contactId, closedAt: deals.closedAt })
      .from(deals)
      .where(and(anyOf(deals.contactId, okContactIds, 'uuid'), lte(deals.closedAt, latest)))
      .orderBy(desc(deals.closedAt)),
    deps.db
      .select({ contactId: propertyContacts.contactId, locationId: properties.locationId, situs: properties.situsState, mailing: properties.mailingState })
      .from(propertyContacts)
      .innerJoin(properties, eq(properties.id, propertyContacts.propertyId))
      .where(anyOf(propertyContacts.contactId, okContactIds, 'uuid')),
    deps.db
      .select({
        contactId: communications.contactId,
        locationId: communications.locationId,
        toAddress: communications.toAddress,
        fromAddress: communications.fromAddress,
        occurredAt: communications.occurredAt,
        channel: communications.channel,
        direction: communications.direction,
        purpose: communications.purpose,
        touchId: communications.touchId,
      })
      .from(communications)
      .where(
        and(
          anyOf(communications.locationId, okLocationIds, 'uuid'),
          or(anyOf(communications.contactId, okContactIds, 'uuid'), anyOf(communications.toAddress, tos, 'text'), anyOf(communications.fromAddress, tos, 'text')),
          gt(communications.occurredAt, earliest),
          lte(communications.occurredAt, latest),
        ),
      ),
    // Touches sent, and touches already allowed and waiting for the dispatcher (they count toward the caps
    // the moment they are allowed, so two campaigns cannot both take today's one message).
    deps.db
      .select({
        id: touches.id,
        contactId: touches.contactId,
        locationId: touches.locationId,
        toAddress: touches.toAddress,
        channel: touches.channel,
        sentAt: sql<Date>`coalesce(${touches.sentAt}, ${touches.scheduledFor})`.mapWith(touches.sentAt),
        purpose: touches.purpose,
      })
      .from(touches)
      .where(
        and(
          anyOf(touches.locationId, okLocationIds, 'uuid'),
          or(anyOf(touches.contactId, okContactIds, 'uuid'), anyOf(touches.toAddress, tos, 'text')),
          inArray(touches.status, ['queued', 'sending', 'sent', 'delivered']),
          sql`coalesce(${touches.sentAt}, ${touches.scheduledFor}) > ${earliest.toISOString()}::timestamptz`,
          sql`coalesce(${touches.sentAt}, ${touches.scheduledFor}) <= ${latest.toISOString()}::timestamptz`,
        ),
      ),
    lastNationalScrubAt(deps),
  ]);
  const listsByLocation = new Map(lists);
  // Rows indexed by contact and by address, in their query order: a batch costs linear time, not rows × items.
  const group = <T, K>(rows: readonly T[], keyOf: (r: T) => K): Map<K, T[]> => {
    const m = new Map<K, T[]>();
    for (const r of rows) {
      const list = m.get(keyOf(r));
      if (list) list.push(r);
      else m.set(keyOf(r), [r]);
    }
    return m;
  };
  const pointsByValue = group(points, (x) => x.value);
  const consentByContact = group(consentRows, (c) => c.contactId);
  const dealsByContact = group(dealRows, (d) => d.contactId);
  const statesByContact = group(propertyStates, (ps) => ps.contactId);
  // A row about this contact or this address, each once, in query order (what one scan of all rows gave).
  const related = <T extends { contactId: string }>(byContact: ReadonlyMap<string, T[]>, byAddress: ReadonlyArray<ReadonlyMap<string | null, T[]>>, contactId: string, to: string): T[] => {
    const found = new Set<T>(byContact.get(contactId) ?? []);
    for (const m of byAddress) for (const r of m.get(to) ?? []) found.add(r);
    return [...found];
  };
  const commsByContact = group(comms, (c) => c.contactId);
  const commsByTo = group(comms, (c) => c.toAddress);
  const commsByFrom = group(comms, (c) => c.fromAddress);
  const commOrder = new Map(comms.map((c, i) => [c, i]));
  const touchesByContact = group(sentTouches, (t) => t.contactId);
  const touchesByTo = group(sentTouches, (t) => t.toAddress);
  const touchOrder = new Map(sentTouches.map((t, i) => [t, i]));

  return prepared.map((p) => {
    if (p instanceof AppError) return p;
    const { o, contact, location, at, to } = p;
    const since = at.getTime() - HISTORY_MS;
    const inWindow = (d: Date) => d.getTime() > since && d.getTime() <= at.getTime();

    const onLists = [...(listsByLocation.get(o.locationId)?.get(to) ?? [])];
    const point = pointsByValue.get(to)?.find((x) => x.locationId === o.locationId);
    if (point && POINT_SUPPRESSED.has(point.status) && !onLists.includes('internal_dnc')) onLists.push('internal_dnc');

    // Consent: the newest written/express consent for this contact (for this address, or for no particular one)
    // given after the newest revocation.
    let consent: NonNullable<Situation['contact']>['consent'] = null;
    for (const c of consentByContact.get(o.contactId) ?? []) {
      if (c.occurredAt.getTime() > at.getTime()) continue;
      if (c.kind === 'revocation') break;
      if ((c.kind === 'written' || c.kind === 'express') && (c.address === null || c.address === to)) {
        consent = { kind: c.kind, at: c.occurredAt.toISOString() };
        break;
      }
    }
    const deal = dealsByContact.get(o.contactId)?.find((d) => d.closedAt.getTime() <= at.getTime());

    const states = new Set<string>();
    const addState = (s: string | null | undefined) => {
      const v = s?.trim().toUpperCase();
      if (v && STATE.test(v)) states.add(v);
    };
    addState(contact.mailingState);
    for (const ps of statesByContact.get(o.contactId) ?? []) {
      if (ps.locationId !== o.locationId) continue;
      addState(ps.situs);
      addState(ps.mailing);
    }

    const history: NonNullable<Situation['history']> = [];
    const logged = new Set<string>();
    const myComms = related(commsByContact, [commsByTo, commsByFrom], o.contactId, to).sort((a, b) => commOrder.get(a)! - commOrder.get(b)!);
    for (const c of myComms) {
      if (c.locationId !== o.locationId || !inWindow(c.occurredAt)) continue;
      if (c.touchId) logged.add(c.touchId);
      history.push({
        at: c.occurredAt.toISOString(),
        channel: c.channel === 'voicemail' ? 'voice' : c.channel,
        direction: c.direction,
        purpose: (c.purpose as 'marketing' | 'informational' | 'opt_out_confirmation' | 'help' | null) ?? 'marketing',
      });
    }
    const excluded = o.excludeTouchId ?? null;
    const myTouches = related(touchesByContact, [touchesByTo], o.contactId, to).sort((a, b) => touchOrder.get(a)! - touchOrder.get(b)!);
    for (const t of myTouches) {
      if (t.locationId !== o.locationId || t.id === excluded || logged.has(t.id) || !inWindow(t.sentAt)) continue;
      history.push({ at: t.sentAt.toISOString(), channel: t.channel === 'voicemail' ? 'voice' : t.channel, direction: 'outbound', purpose: (t.purpose as 'marketing' | 'informational' | 'opt_out_confirmation' | 'help' | null) ?? 'marketing' });
    }

    const settings = location.settings ?? {};
    const situation: Situation = {
      at: at.toISOString(),
      channel: o.channel,
      purpose: o.purpose ?? 'marketing',
      initiation: o.initiation ?? 'automated',
      to,
      ...(o.body != null ? { body: o.body } : {}),
      ...(o.hasUnsubscribeLink !== undefined ? { hasUnsubscribeLink: o.hasUnsubscribeLink } : {}),
      recipientStates: [...states].sort(),
      contact: {
        optedOutAt: contact.optOut ? (contact.optedOutAt?.toISOString() ?? at.toISOString()) : null,
        lists: onLists,
        consent,
        ebr: deal ? { kind: 'transaction', at: deal.closedAt.toISOString() } : null,
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
    return situation;
  });
}

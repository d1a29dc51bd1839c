import { deriveSignals } from '../../domain/leads/derive-signals.js';
import { normalizeAddress } from '../../domain/leads/normalize-address.js';
import { normalizeZip } from '../../domain/leads/normalize-zip.js';
import { ownerKey } from '../../domain/leads/owner-key.js';
import { scoreContactConfidence } from '../../domain/leads/score-contact-confidence.js';
import type { LeadContact, LeadProperty, LeadSignalFields, PostalAddress } from '../../domain/leads/types.js';
import { scoreProperty } from '../../domain/qualify/score-property.js';
import { PROPERTY_WRITE_COLUMNS, type PropertyRecord } from '../../db/sql/leads/property-columns.js';
import type { SqlRunner } from '../../db/sql/leads/run-sql.js';
import { selectPropertiesByIdentity } from '../../db/sql/leads/select-properties-by-identity.js';
import {
  fillContactPrimaries,
  insertContactPoints,
  insertContacts,
  insertNewLeadStatuses,
  insertPropertyContacts,
  lockLocationLeads,
  selectContactPointsByValue,
  selectContactsByOwnerKey,
  type ContactPointRecord,
  type ContactRecord,
} from '../../db/sql/leads/write-contacts.js';
import { insertProperties, updateProperties } from '../../db/sql/leads/write-properties.js';
import { newId } from '../../lib/ids.js';
import type { LeadInput, MxStatuses, ScoringContext } from './lead-input.js';

export interface StoreLeadBatchOptions {
  locationId: string;
  now: Date;
  inputs: readonly LeadInput[];
  scoring: ScoringContext;
  mx?: MxStatuses;
}

export interface StoreLeadBatchResult {
  /** New properties. */
  imported: number;
  /** Known properties whose stored facts changed. */
  updated: number;
  contactsCreated: number;
  pointsAdded: number;
  /** The stored property id of each input, in input order. */
  propertyIds: string[];
}

/** Columns compared to decide "changed": the facts, not the derived score or the first-seen source. */
const CONTENT_COLUMNS = PROPERTY_WRITE_COLUMNS.map(([n]) => n).filter((n) => !['id', 'score', 'tier', 'score_contributions', 'source'].includes(n));

/** LeadProperty facts without a column of their own; kept in `raw.facts` so a score can be recomputed. */
const FACT_KEYS = [
  'ownerFirstName', 'ownerLastName', 'owner2Name', 'propertyType', 'estimatedEquity', 'equityPercent', 'yearsOwned', 'ownerOccupied', 'mlsNumber',
  'mlsStatus', 'listPrice', 'listDate', 'expirationDate', 'daysOnMarket', 'listingAgent', 'agentPhone',
] as const satisfies ReadonlyArray<keyof LeadProperty>;

/**
 * Stores one batch in the caller's transaction: properties (new → insert, changed → merge + re-score +
 * update, unchanged → nothing), owners as contacts (one owner = one contact: matched by owner key, then by
 * any phone or email, across sources and batches), their points, the property links and a `new` lead status
 * for each new contact. Idempotent: the same batch a second time writes nothing.
 */
export async function storeLeadBatch(tx: SqlRunner, options: StoreLeadBatchOptions): Promise<StoreLeadBatchResult> {
  const { locationId, now } = options;
  await lockLocationLeads(tx, locationId);

  // 1. Incoming records, merged within the batch when a list names one property twice.
  const incoming = new Map<string, { record: PropertyRecord; inputs: LeadInput[] }>();
  const identityOf: string[] = [];
  for (const input of options.inputs) {
    const record = toRecord(input, options.scoring);
    const identity = record.parcel_id ? `p:${String(record.parcel_id)}` : `s:${String(record.situs_key)}`;
    identityOf.push(identity);
    const seen = incoming.get(identity);
    if (seen) {
      seen.record = mergeRecords(seen.record, record);
      seen.inputs.push(input);
    } else incoming.set(identity, { record, inputs: [input] });
  }

  // 2. What is stored already: by parcel id, else by situs (a parcel-less property gains its parcel id).
  const parcelIds: string[] = [];
  const situsKeys: string[] = [];
  for (const { record } of incoming.values()) {
    if (record.parcel_id) parcelIds.push(String(record.parcel_id));
    if (record.situs_key) situsKeys.push(String(record.situs_key));
  }
  const existing = await selectPropertiesByIdentity(tx, { locationId, parcelIds, situsKeys });
  const byParcel = new Map<string, Record<string, unknown>>();
  const bySitus = new Map<string, Record<string, unknown>>();
  for (const e of existing) {
    if (e.parcel_id) byParcel.set(String(e.parcel_id), e);
    else if (e.situs_key) bySitus.set(String(e.situs_key), e);
  }

  const inserts: PropertyRecord[] = [];
  const updates: PropertyRecord[] = [];
  const idByIdentity = new Map<string, string>();
  const merged = new Map<string, PropertyRecord>();
  for (const [identity, { record }] of incoming) {
    const old = (record.parcel_id ? byParcel.get(String(record.parcel_id)) : undefined) ?? (record.situs_key ? bySitus.get(String(record.situs_key)) : undefined);
    if (!old) {
      score(record, options);
      inserts.push(record);
      idByIdentity.set(identity, record.id);
      merged.set(identity, record);
      continue;
    }
    const next = mergeRecords(old as PropertyRecord, record);
    next.id = String(old.id);
    next.source = old.source ?? record.source;
    idByIdentity.set(identity, next.id);
    merged.set(identity, next);
    if (!sameContent(old, next)) {
      score(next, options);
      updates.push(next);
    }
  }
  await insertProperties(tx, { locationId, now, records: inserts });
  await updateProperties(tx, { locationId, now, records: updates });

  // 3. Owners and their points.
  const contacts = await storeContacts(tx, options, incoming, merged, idByIdentity);
  return { imported: inserts.length, updated: updates.length, ...contacts, propertyIds: identityOf.map((i) => idByIdentity.get(i)!) };
}

interface Person {
  propertyId: string;
  role: 'owner' | 'contact';
  name?: string;
  ownerKey?: string;
  property: PropertyRecord;
  points: LeadContact[];
}

interface Handle {
  id: string;
  isNew: boolean;
  record?: ContactRecord;
  phone: string | null;
  email: string | null;
  gotPoints: boolean;
}

async function storeContacts(
  tx: SqlRunner,
  options: StoreLeadBatchOptions,
  incoming: Map<string, { record: PropertyRecord; inputs: LeadInput[] }>,
  merged: Map<string, PropertyRecord>,
  idByIdentity: Map<string, string>,
): Promise<{ contactsCreated: number; pointsAdded: number }> {
  const { locationId, now } = options;
  const people: Person[] = [];
  for (const [identity, { inputs }] of incoming) {
    const property = merged.get(identity)!;
    const propertyId = idByIdentity.get(identity)!;
    for (const input of inputs) {
      const owner = input.property.ownerName;
      const ownerPoints: LeadContact[] = [];
      const others = new Map<string, LeadContact[]>();
      for (const c of input.contacts) {
        // A list's other people (DealMachine's contact_2 …) are contacts of their own, not the owner.
        if (!c.name || !owner || sameName(c.name, owner)) ownerPoints.push(c);
        else {
          const list = others.get(c.name) ?? [];
          list.push(c);
          others.set(c.name, list);
        }
      }
      const key = (property.owner_key as string | null) ?? undefined;
      if (key || ownerPoints.length > 0) people.push({ propertyId, role: 'owner', ...(owner ? { name: owner } : {}), ...(key ? { ownerKey: key } : {}), property, points: ownerPoints });
      for (const [name, points] of others) people.push({ propertyId, role: 'contact', name, property, points });
    }
  }
  if (people.length === 0) return { contactsCreated: 0, pointsAdded: 0 };

  const ownerKeys = [...new Set(people.flatMap((p) => (p.ownerKey ? [p.ownerKey] : [])))];
  const values = [...new Set(people.flatMap((p) => p.points.map(pointValue)))];
  const [byOwnerKey, byPoint] = await Promise.all([
    selectContactsByOwnerKey(tx, { locationId, ownerKeys }),
    selectContactPointsByValue(tx, { locationId, values }),
  ]);
  const dbOwner = new Map<string, string>();
  for (const c of byOwnerKey) if (!dbOwner.has(c.owner_key)) dbOwner.set(c.owner_key, c.id);
  const dbPoint = new Map(byPoint.map((p) => [p.value, p.contact_id]));

  const handles = new Map<string, Handle>();
  const existingHandles = new Map<string, Handle>();
  const existingHandle = (id: string): Handle => {
    let h = existingHandles.get(id);
    if (!h) existingHandles.set(id, (h = { id, isNew: false, phone: null, email: null, gotPoints: false }));
    return h;
  };
  const newContacts: ContactRecord[] = [];
  const points: ContactPointRecord[] = [];
  const queued = new Set<string>();
  const links = new Map<string, { property_id: string; contact_id: string; role: string }>();

  for (const person of people) {
    const keys = [...(person.ownerKey ? [`o:${person.ownerKey}`] : []), ...person.points.map((p) => `p:${pointValue(p)}`)];
    let handle: Handle | undefined;
    for (const k of keys) if ((handle = handles.get(k))) break;
    if (!handle && person.ownerKey && dbOwner.has(person.ownerKey)) handle = existingHandle(dbOwner.get(person.ownerKey)!);
    if (!handle) {
      for (const p of person.points) {
        const owner = dbPoint.get(pointValue(p));
        if (owner) {
          handle = existingHandle(owner);
          break;
        }
      }
    }
    if (!handle) {
      const record = newContactRecord(person);
      newContacts.push(record);
      handle = { id: record.id, isNew: true, record, phone: null, email: null, gotPoints: false };
    }
    for (const k of keys) if (!handles.has(k)) handles.set(k, handle);
    const linkKey = `${person.propertyId}|${handle.id}`;
    if (!links.has(linkKey)) links.set(linkKey, { property_id: person.propertyId, contact_id: handle.id, role: person.role });

    for (const p of person.points) {
      const value = pointValue(p);
      if (dbPoint.has(value) || queued.has(value)) continue;
      queued.add(value);
      const point = pointRecord(handle.id, p, options.mx);
      points.push(point);
      handle.gotPoints = true;
      if (point.kind === 'phone' && !handle.phone) handle.phone = value;
      if (point.kind === 'email' && !handle.email) handle.email = value;
      if (handle.record) {
        const r = handle.record;
        if (point.kind === 'phone' && !r.phone) {
          r.phone = value;
          r.line_type = point.line_type;
        }
        if (point.kind === 'email' && !r.email) {
          r.email = value;
          r.email_verified = point.verified;
        }
        r.confidence = Math.max(r.confidence ?? 0, point.confidence ?? 0);
      }
    }
  }

  await insertContacts(tx, { locationId, now, records: newContacts });
  await fillContactPrimaries(tx, {
    locationId,
    now,
    records: [...existingHandles.values()].filter((h) => h.gotPoints).map((h) => ({ id: h.id, phone: h.phone, email: h.email })),
  });
  const pointsAdded = await insertContactPoints(tx, { locationId, now, records: points });
  await insertPropertyContacts(tx, { now, links: [...links.values()] });
  await insertNewLeadStatuses(tx, { locationId, now, contactIds: newContacts.map((c) => c.id), ids: newContacts.map(() => newId()) });
  return { contactsCreated: newContacts.length, pointsAdded };
}

function newContactRecord(person: Person): ContactRecord {
  const p = person.property;
  const facts = ((p.raw as { facts?: Record<string, unknown> } | null)?.facts ?? {}) as Partial<LeadProperty>;
  const isOwner = person.role === 'owner';
  return {
    id: newId(),
    owner_name: person.name ?? null,
    first_name: isOwner ? (facts.ownerFirstName ?? null) : null,
    last_name: isOwner ? (facts.ownerLastName ?? null) : null,
    parcel_id: (p.parcel_id as string | null) ?? null,
    phone: null,
    email: null,
    email_verified: false,
    line_type: null,
    confidence: null,
    source: String(person.points[0]?.source ?? p.source ?? 'list_import'),
    owner_key: person.ownerKey ?? null,
    mailing_address: isOwner ? ((p.mailing_address as string | null) ?? null) : null,
    mailing_city: isOwner ? ((p.mailing_city as string | null) ?? null) : null,
    mailing_state: isOwner ? ((p.mailing_state as string | null) ?? null) : null,
    mailing_zip: isOwner ? ((p.mailing_zip as string | null) ?? null) : null,
  };
}

function pointRecord(contactId: string, c: LeadContact, mx: MxStatuses | undefined): ContactPointRecord {
  if (c.phone) {
    return {
      id: newId(),
      contact_id: contactId,
      kind: 'phone',
      value: c.phone,
      line_type: c.lineType ?? 'unknown',
      verified: false,
      confidence: scoreContactConfidence({ sources: [c.source], phone: { valid: true, ...(c.lineType ? { lineType: c.lineType } : {}) } }),
      source: c.source,
      status: 'active',
    };
  }
  const email = c.email!.toLowerCase();
  const status = mx?.get(email.slice(email.lastIndexOf('@') + 1));
  return {
    id: newId(),
    contact_id: contactId,
    kind: 'email',
    value: email,
    line_type: null,
    verified: status === 'ok',
    confidence: scoreContactConfidence({ sources: [c.source], email: { valid: true, ...(status ? { mx: status } : {}) } }),
    source: c.source,
    // A domain that answers "no mail here" is not worth an email; unknown (offline) stays active.
    status: status === 'missing' ? 'invalid' : 'active',
  };
}

const pointValue = (c: LeadContact): string => (c.phone ? c.phone : c.email!.toLowerCase());

function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return norm(a) === norm(b);
}

const amount = (n: number | undefined): number | null => (n === undefined ? null : Math.round(n * 100) / 100);
const withUnit = (a: PostalAddress): string | null => (a.line1 ? (a.unit ? `${a.line1} UNIT ${a.unit}` : a.line1) : null);

/** The situs identity of a parcel-less row: normalised street line and ZIP (or city). */
export function situsKeyOf(situs: PostalAddress): string | null {
  const line = withUnit(situs);
  if (!line) return null;
  const street = normalizeAddress(line);
  if (!street) return null;
  return `${street}|${situs.zip ? normalizeZip(situs.zip) : (situs.city ?? '').toUpperCase()}`;
}

function toRecord(input: LeadInput, scoring: ScoringContext): PropertyRecord {
  const p = input.property;
  const facts: Record<string, unknown> = {};
  for (const k of FACT_KEYS) if (p[k] !== undefined) facts[k] = p[k];
  if (p.situs.county) facts.situsCounty = p.situs.county;
  const signals: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.signals as Record<string, unknown>)) if (v !== undefined) signals[k] = v;
  const raw: Record<string, unknown> = {};
  if (Object.keys(facts).length > 0) raw.facts = facts;
  if (input.parcel?.record) raw.record = input.parcel.record;
  const market = scoring.marketOf(p);
  return {
    id: newId(),
    market_id: market?.id ?? null,
    parcel_id: p.parcelId ?? null,
    parcel_id_display: p.parcelIdDisplay ?? null,
    situs_address: withUnit(p.situs),
    situs_city: p.situs.city ?? null,
    situs_state: p.situs.state ?? null,
    situs_zip: p.situs.zip ?? null,
    situs_key: situsKeyOf(p.situs),
    owner_name: p.ownerName ?? null,
    owner_key: null,
    mailing_address: withUnit(p.mailing),
    mailing_city: p.mailing.city ?? null,
    mailing_state: p.mailing.state ?? null,
    mailing_zip: p.mailing.zip ?? null,
    just_value: amount(input.parcel?.justValue),
    land_value: amount(input.parcel?.landValue),
    building_value: amount(input.parcel?.buildingValue),
    estimated_value: amount(p.estimatedValue),
    last_sale_price: amount(p.lastSalePrice),
    last_sale_date: p.lastSaleDate ?? null,
    homestead: p.homestead ?? null,
    use_code: input.parcel?.useCode ?? null,
    signals,
    source: p.source,
    source_ref: input.sourceRef ?? null,
    raw: Object.keys(raw).length > 0 ? raw : null,
  };
}

/** Newer values win where they are present; signals and facts are merged key by key. */
function mergeRecords(old: PropertyRecord, next: PropertyRecord): PropertyRecord {
  const out: PropertyRecord = { ...old };
  for (const [name] of PROPERTY_WRITE_COLUMNS) {
    if (name === 'id' || name === 'signals' || name === 'raw') continue;
    const v = next[name];
    if (v !== null && v !== undefined) out[name] = v;
  }
  out.signals = { ...((old.signals as object | null) ?? {}), ...((next.signals as object | null) ?? {}) };
  const oldRaw = (old.raw as { facts?: object; record?: object } | null) ?? {};
  const newRaw = (next.raw as { facts?: object; record?: object } | null) ?? {};
  const facts = { ...(oldRaw.facts ?? {}), ...(newRaw.facts ?? {}) };
  const record = newRaw.record ?? oldRaw.record;
  const raw: Record<string, unknown> = { ...oldRaw };
  if (Object.keys(facts).length > 0) raw.facts = facts;
  if (record) raw.record = record;
  out.raw = Object.keys(raw).length > 0 ? raw : null;
  out.owner_key = ownerKey({ ownerName: (out.owner_name as string | null) ?? undefined, mailing: { line1: (out.mailing_address as string | null) ?? undefined, ...(out.mailing_zip ? { zip: String(out.mailing_zip) } : {}) } }) ?? null;
  return out;
}

function sameContent(old: Record<string, unknown>, next: PropertyRecord): boolean {
  for (const c of CONTENT_COLUMNS) if (stable(old[c] ?? null) !== stable(next[c] ?? null)) return false;
  return true;
}

/** JSON with sorted keys: jsonb reorders object keys, so plain JSON.stringify would see changes that are not. */
function stable(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

/** Derives the signals of the merged facts and scores them with the market's profile and thresholds. */
function score(record: PropertyRecord, options: StoreLeadBatchOptions): void {
  if (record.owner_key === undefined || record.owner_key === null) {
    record.owner_key = ownerKey({ ownerName: (record.owner_name as string | null) ?? undefined, mailing: { line1: (record.mailing_address as string | null) ?? undefined, ...(record.mailing_zip ? { zip: String(record.mailing_zip) } : {}) } }) ?? null;
  }
  const facts = ((record.raw as { facts?: Record<string, unknown> } | null)?.facts ?? {}) as Partial<LeadProperty> & { situsCounty?: string };
  const { situsCounty, ...rest } = facts;
  const property: LeadProperty = { ...rest, situs: {}, mailing: {}, source: String(record.source ?? 'list_import') };
  // Field by field rather than through helpers: this runs for every new or changed row of an import.
  const parcelId = record.parcel_id as string | null | undefined;
  if (parcelId) property.parcelId = parcelId;
  const ownerName = record.owner_name as string | null | undefined;
  if (ownerName) property.ownerName = ownerName;
  setIf(property.situs, 'line1', record.situs_address);
  setIf(property.situs, 'city', record.situs_city);
  setIf(property.situs, 'state', record.situs_state);
  setIf(property.situs, 'zip', record.situs_zip);
  setIf(property.situs, 'county', situsCounty);
  setIf(property.mailing, 'line1', record.mailing_address);
  setIf(property.mailing, 'city', record.mailing_city);
  setIf(property.mailing, 'state', record.mailing_state);
  setIf(property.mailing, 'zip', record.mailing_zip);
  if (record.estimated_value !== null && record.estimated_value !== undefined) property.estimatedValue = Number(record.estimated_value);
  if (record.last_sale_price !== null && record.last_sale_price !== undefined) property.lastSalePrice = Number(record.last_sale_price);
  const lastSaleDate = record.last_sale_date as string | null | undefined;
  if (lastSaleDate) property.lastSaleDate = lastSaleDate;
  if (record.homestead !== null && record.homestead !== undefined) property.homestead = Boolean(record.homestead);
  const market = options.scoring.marketOf(property);
  if (market && !record.market_id) record.market_id = market.id;
  const observations = deriveSignals({ property, signals: (record.signals ?? {}) as LeadSignalFields, asOf: options.now, ...(market ? { marketState: market.state } : {}) });
  const result = scoreProperty({ signals: observations, profile: market?.profile ?? options.scoring.defaultProfile, asOf: options.now, ...(market ? { tiers: market.tiers } : {}) });
  record.score = result.score;
  record.tier = result.tier;
  record.score_contributions = result.contributions;
}

/** Sets `key` when the value is present (not null or undefined): a compact address without a filter pass. */
function setIf(target: PostalAddress, key: keyof PostalAddress, value: unknown): void {
  if (value !== null && value !== undefined) target[key] = value as string;
}

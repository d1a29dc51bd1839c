import { scoreContactConfidence } from '../../domain/leads/score-contact-confidence.js';
import type { LeadContact, LeadProperty } from '../../domain/leads/types.js';
import { PROPERTY_WRITE_COLUMNS, type PropertyRecord } from '../../db/sql/leads/property-columns.js';
import { copySinkOf, type SqlRunner } from '../../db/sql/leads/run-sql.js';
import { selectPropertiesByIdentity } from '../../db/sql/leads/select-properties-by-identity.js';
import {
  fillContactPrimaries,
  insertContactPoints,
  insertContacts,
  insertNewLeadStatuses,
  insertPropertyContacts,
  type PropertyContactLink,
  lockLocationLeads,
  selectContactPointsByValue,
  selectContactsByOwnerKey,
  type ContactPointRecord,
  type ContactRecord,
} from '../../db/sql/leads/write-contacts.js';
import { insertProperties, propertyCopyLine, updateProperties } from '../../db/sql/leads/write-properties.js';
import { newId } from '../../lib/ids.js';
import { stableJson } from '../../lib/stable-json.js';
import type { LeadInput, MxStatuses, ScoringContext } from './lead-input.js';
import { applyScore, mergeRecords, scoreRecord } from './lead-records.js';
import { prepareLeadBatch, type PreparedLeadBatch, type PreparedProperty } from './prepare-lead-batch.js';

export interface StoreLeadBatchOptions {
  locationId: string;
  now: Date;
  inputs: readonly LeadInput[];
  scoring: ScoringContext;
  mx?: MxStatuses;
  /** `prepareLeadBatch` of these inputs with the same location and time, made ahead (an import does). */
  prepared?: PreparedLeadBatch;
}

export interface StoreLeadBatchResult {
  /** New properties. */
  imported: number;
  /** Known properties whose stored facts changed. */
  updated: number;
  contactsCreated: number;
  pointsAdded: number;
  /** The stored property id of each input, in input order; null for an input without identity (`unidentified`). */
  propertyIds: Array<string | null>;
  /** `row` of each input with neither a parcel id nor a situs that names a street: nothing is stored for it. */
  unidentified: number[];
}

/** Columns compared to decide "changed": the facts, not the derived score or the first-seen source. */
const CONTENT_COLUMNS = PROPERTY_WRITE_COLUMNS.map(([n]) => n).filter((n) => !['id', 'score', 'tier', 'score_contributions', 'source'].includes(n));

/**
 * Stores one batch in the caller's transaction: properties (new → insert, changed → merge + re-score +
 * update, unchanged → nothing), owners as contacts (one owner = one contact: matched by owner key, then by
 * any phone or email, across sources and batches), their points, the property links and a `new` lead status
 * for each new contact. Idempotent: the same batch a second time writes nothing.
 */
export async function storeLeadBatch(tx: SqlRunner, options: StoreLeadBatchOptions): Promise<StoreLeadBatchResult> {
  const { locationId, now } = options;
  // 1. Incoming records, merged within the batch when a list names one property twice (made beforehand by an import).
  const prepared =
    options.prepared ?? (await prepareLeadBatch({ locationId, now, inputs: options.inputs, scoring: options.scoring, copyLines: copySinkOf(tx) !== null }));
  const { incoming, identityOf } = prepared;
  await lockLocationLeads(tx, locationId);

  // 2. What is stored already: by parcel id, else by situs (a parcel-less property gains its parcel id); a row
  // without a parcel id also finds a parcel's property by its situs.
  const parcelIds: string[] = [];
  const situsKeys: string[] = [];
  const parcelSitusKeys: string[] = [];
  for (const { record } of incoming.values()) {
    if (record.parcel_id) parcelIds.push(String(record.parcel_id));
    if (record.situs_key) situsKeys.push(String(record.situs_key));
    if (!record.parcel_id && record.situs_key) parcelSitusKeys.push(String(record.situs_key));
  }
  // The owners and points are looked up with the properties, by the keys the batch gives them as new properties;
  // a stored property whose merged owner key is another one gets that key looked up below.
  const ownerKeySet = new Set<string>();
  const valueSet = new Set<string>();
  for (const { asNew, pointValues } of incoming.values()) {
    if (asNew.owner_key) ownerKeySet.add(asNew.owner_key);
    for (const values of pointValues) for (const v of values) valueSet.add(v);
  }
  // At most one statement waits behind the running one: node-postgres deprecates a longer queue on a connection.
  const [existing, [byOwnerKey, byPoint]] = await Promise.all([
    selectPropertiesByIdentity(tx, { locationId, parcelIds, situsKeys, parcelSitusKeys }),
    (async () => {
      const owners = await selectContactsByOwnerKey(tx, { locationId, ownerKeys: [...ownerKeySet] });
      return [owners, await selectContactPointsByValue(tx, { locationId, values: [...valueSet] })] as const;
    })(),
  ]);
  const groups = groupByProperty(incoming, existing);

  const inserts: PropertyRecord[] = [];
  const lines: Buffer[] = [];
  const updates: PropertyRecord[] = [];
  const idByIdentity = new Map<string, string>();
  const merged = new Map<string, PropertyRecord>();
  const scoring = { scoring: options.scoring, now };
  for (const { stored, identities } of groups) {
    const first = incoming.get(identities[0]!)!;
    let next: PropertyRecord;
    if (!stored && identities.length === 1) {
      next = first.record;
      applyScore(next, first.asNew);
      inserts.push(next);
      if (first.line !== undefined) lines.push(first.line);
    } else if (!stored) {
      // A new property named by several identities of the batch (a parcel's row and rows of its situs without one).
      next = first.record;
      for (let i = 1; i < identities.length; i++) next = mergeRecords(next, incoming.get(identities[i]!)!.record);
      scoreRecord(next, scoring);
      inserts.push(next);
      if (first.line !== undefined) lines.push(propertyCopyLine(locationId, now.toISOString(), next));
    } else {
      next = stored as PropertyRecord;
      for (const identity of identities) next = mergeRecords(next, incoming.get(identity)!.record);
      next.id = String(stored.id);
      next.source = stored.source ?? first.record.source;
      if (!sameContent(stored, next)) {
        scoreRecord(next, scoring);
        updates.push(next);
      }
    }
    for (const identity of identities) {
      idByIdentity.set(identity, next.id);
      merged.set(identity, next);
    }
  }
  // Sent now; the owners are matched and their rows encoded while the server inserts the properties.
  const propertiesWritten = (async () => {
    await insertProperties(tx, { locationId, now, records: inserts, ...(lines.length === inserts.length ? { lines } : {}) });
    await updateProperties(tx, { locationId, now, records: updates });
  })();
  propertiesWritten.catch(() => undefined);

  // 3. Owners and their points.
  const lateKeys = new Set<string>();
  for (const record of merged.values()) {
    const key = record.owner_key as string | null;
    if (key && !ownerKeySet.has(key)) lateKeys.add(key);
  }
  if (lateKeys.size > 0) byOwnerKey.push(...(await selectContactsByOwnerKey(tx, { locationId, ownerKeys: [...lateKeys] })));
  const write = planContacts(tx, options, incoming, merged, idByIdentity, byOwnerKey, byPoint);
  await propertiesWritten;
  const contacts = await write();
  return {
    imported: inserts.length,
    updated: updates.length,
    ...contacts,
    propertyIds: identityOf.map((i) => (i === null ? null : idByIdentity.get(i)!)),
    unidentified: prepared.unidentified,
  };
}

/** The batch's identities that are one property, with the stored row when it is stored already. */
interface PropertyGroup {
  stored: Record<string, unknown> | undefined;
  /** In order of first appearance: merged in this order, later values winning. */
  identities: string[];
}

/**
 * Which of the batch's properties are stored already, and which identities of the batch are one property:
 *
 * - a row with a parcel id is the property of that parcel id; else the parcel-less property of its situs, which
 *   gains the parcel id (only one parcel id per parcel-less property and batch: a second parcel at the same street
 *   line is a property of its own);
 * - a row without a parcel id is the parcel-less property of its situs; else the one property with a parcel id at
 *   that situs, stored or named in this batch; when several parcels share the street line the row cannot tell which
 *   it is, and it is a parcel-less property of its own.
 */
function groupByProperty(incoming: ReadonlyMap<string, PreparedProperty>, existing: ReadonlyArray<Record<string, unknown>>): PropertyGroup[] {
  const byParcel = new Map<string, Record<string, unknown>>();
  const bySitus = new Map<string, Record<string, unknown>>();
  // Situs key → group keys of properties with a parcel id there: stored ones (`id:`) and the batch's (below).
  const parcelsAt = new Map<string, Set<string>>();
  const storedById = new Map<string, Record<string, unknown>>();
  const addParcelAt = (situs: string, group: string): void => {
    const at = parcelsAt.get(situs);
    if (at) at.add(group);
    else parcelsAt.set(situs, new Set([group]));
  };
  for (const e of existing) {
    const id = String(e.id);
    storedById.set(id, e);
    if (e.parcel_id) {
      byParcel.set(String(e.parcel_id), e);
      if (e.situs_key) addParcelAt(String(e.situs_key), `id:${id}`);
    } else if (e.situs_key) bySitus.set(String(e.situs_key), e);
  }

  // Which parcels stand at a street line matters only to the batch's rows without a parcel id, usually none.
  let parcelless = false;
  for (const { record } of incoming.values()) if (!record.parcel_id) parcelless = true;
  const groupOf = new Map<string, string>();
  const claimedBy = new Map<string, string>();
  for (const [identity, { record }] of incoming) {
    const parcel = record.parcel_id as string | null;
    if (!parcel) continue;
    const situs = record.situs_key as string | null;
    let stored = byParcel.get(parcel);
    if (!stored && situs) {
      const x = bySitus.get(situs);
      if (x && (claimedBy.get(String(x.id)) ?? parcel) === parcel) {
        stored = x;
        claimedBy.set(String(x.id), parcel);
      }
    }
    const group = stored ? `id:${String(stored.id)}` : `new:${identity}`;
    groupOf.set(identity, group);
    if (situs && parcelless) addParcelAt(situs, group);
  }
  for (const [identity, { record }] of incoming) {
    if (record.parcel_id) continue;
    const situs = String(record.situs_key);
    const x = bySitus.get(situs);
    const at = parcelsAt.get(situs);
    groupOf.set(identity, x ? `id:${String(x.id)}` : at?.size === 1 ? at.values().next().value! : `new:${identity}`);
  }

  const groups = new Map<string, PropertyGroup>();
  for (const identity of incoming.keys()) {
    const key = groupOf.get(identity)!;
    const group = groups.get(key);
    if (group) group.identities.push(identity);
    else groups.set(key, { stored: key.startsWith('id:') ? storedById.get(key.slice(3)) : undefined, identities: [identity] });
  }
  return [...groups.values()];
}

interface Person {
  propertyId: string;
  role: 'owner' | 'contact';
  name: string | undefined;
  ownerKey: string | undefined;
  property: PropertyRecord;
  points: LeadContact[];
  /** `pointValue` of each point. */
  values: string[];
}

interface Handle {
  id: string;
  isNew: boolean;
  record?: ContactRecord;
  phone: string | null;
  email: string | null;
  gotPoints: boolean;
  /** An owner key for a stored contact matched by a point, to fill when it has none. */
  ownerKey: string | null;
}

type ContactCounts = { contactsCreated: number; pointsAdded: number };

/**
 * Matches the batch's people to contacts (one owner = one contact: owner key first, then any point) and encodes
 * the rows to write; the returned function writes them.
 */
function planContacts(
  tx: SqlRunner,
  options: StoreLeadBatchOptions,
  incoming: Map<string, PreparedProperty>,
  merged: Map<string, PropertyRecord>,
  idByIdentity: Map<string, string>,
  byOwnerKey: ReadonlyArray<{ id: string; owner_key: string }>,
  byPoint: ReadonlyArray<{ value: string; contact_id: string }>,
): () => Promise<ContactCounts> {
  const { locationId, now } = options;
  const people: Person[] = [];
  for (const [identity, { inputs, pointValues }] of incoming) {
    const property = merged.get(identity)!;
    const propertyId = idByIdentity.get(identity)!;
    const key = (property.owner_key as string | null) ?? undefined;
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      const inputValues = pointValues[i]!;
      const owner = input.property.ownerName;
      const ownerPoints: LeadContact[] = [];
      const ownerValues: string[] = [];
      let others: Map<string, { points: LeadContact[]; values: string[] }> | undefined;
      for (let j = 0; j < input.contacts.length; j++) {
        const c = input.contacts[j]!;
        // A list's other people (DealMachine's contact_2 …) are contacts of their own, not the owner.
        if (!c.name || !owner || sameName(c.name, owner)) {
          ownerPoints.push(c);
          ownerValues.push(inputValues[j]!);
        } else {
          others ??= new Map();
          const entry = others.get(c.name);
          if (entry) {
            entry.points.push(c);
            entry.values.push(inputValues[j]!);
          } else others.set(c.name, { points: [c], values: [inputValues[j]!] });
        }
      }
      if (key || ownerPoints.length > 0) people.push({ propertyId, role: 'owner', name: owner, ownerKey: key, property, points: ownerPoints, values: ownerValues });
      if (others) for (const [name, { points, values }] of others) people.push({ propertyId, role: 'contact', name, ownerKey: undefined, property, points, values });
    }
  }
  if (people.length === 0) return async () => ({ contactsCreated: 0, pointsAdded: 0 });

  const dbOwner = new Map<string, string>();
  for (const c of byOwnerKey) if (!dbOwner.has(c.owner_key)) dbOwner.set(c.owner_key, c.id);
  const dbPoint = new Map(byPoint.map((p) => [p.value, p.contact_id]));

  // Handles met in this batch, by owner key and by point value (one owner = one contact).
  const byOwner = new Map<string, Handle>();
  const byValue = new Map<string, Handle>();
  const existingHandles = new Map<string, Handle>();
  const existingHandle = (id: string): Handle => {
    let h = existingHandles.get(id);
    if (!h) existingHandles.set(id, (h = { id, isNew: false, phone: null, email: null, gotPoints: false, ownerKey: null }));
    return h;
  };
  const newContacts: ContactRecord[] = [];
  const points: ContactPointRecord[] = [];
  const queued = new Set<string>();
  // property id → contact id → link
  const links = new Map<string, Map<string, PropertyContactLink>>();
  let linkCount = 0;

  for (const person of people) {
    const { ownerKey, values } = person;
    let handle = ownerKey ? byOwner.get(ownerKey) : undefined;
    for (let i = 0; !handle && i < values.length; i++) handle = byValue.get(values[i]!);
    // Found by its key: the contact has it already (or is new in this batch and takes it below).
    let keyed = handle !== undefined && ownerKey !== undefined && byOwner.get(ownerKey) === handle;
    if (!handle && ownerKey && dbOwner.has(ownerKey)) {
      handle = existingHandle(dbOwner.get(ownerKey)!);
      keyed = true;
    }
    if (!handle) {
      for (const v of values) {
        const owner = dbPoint.get(v);
        if (owner) {
          handle = existingHandle(owner);
          break;
        }
      }
    }
    if (!handle) {
      const record = newContactRecord(person);
      newContacts.push(record);
      handle = { id: record.id, isNew: true, record, phone: null, email: null, gotPoints: false, ownerKey: null };
    }
    if (ownerKey) {
      // An owner met first without a mailing address (no key) and now with one: the contact takes the key, so the
      // owner's later rows — in this batch or the next — find this contact by it instead of starting another.
      if (handle.record) handle.record.owner_key ??= ownerKey;
      else if (!keyed) handle.ownerKey ??= ownerKey;
      if (!byOwner.has(ownerKey)) byOwner.set(ownerKey, handle);
    }
    for (const v of values) if (!byValue.has(v)) byValue.set(v, handle);
    let linked = links.get(person.propertyId);
    if (!linked) links.set(person.propertyId, (linked = new Map()));
    if (!linked.has(handle.id)) {
      const { tier, market_id } = person.property;
      linked.set(handle.id, { property_id: person.propertyId, contact_id: handle.id, role: person.role, tier: (tier as string | null) ?? null, market_id: (market_id as string | null) ?? null });
      linkCount++;
    }

    for (let i = 0; i < person.points.length; i++) {
      const p = person.points[i]!;
      const value = values[i]!;
      if (dbPoint.has(value) || queued.has(value)) continue;
      queued.add(value);
      const point = pointRecord(handle.id, p, value, options.mx);
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
  const linkRows: PropertyContactLink[] = new Array(linkCount);
  let n = 0;
  for (const linked of links.values()) for (const l of linked.values()) linkRows[n++] = l;

  // Encoded now, sent in order by the function returned; each COPY's text is made before the previous one is sent.
  const contactRows = insertContacts(tx, { locationId, now, records: newContacts });
  const primaries = [...existingHandles.values()].filter((h) => h.gotPoints || h.ownerKey).map((h) => ({ id: h.id, phone: h.phone, email: h.email, owner_key: h.ownerKey }));
  const pointRows = insertContactPoints(tx, { locationId, now, records: points });
  const linkInsert = insertPropertyContacts(tx, { now, links: linkRows });
  const statusRows = insertNewLeadStatuses(tx, { locationId, now, contactIds: newContacts.map((c) => c.id), ids: newContacts.map(() => newId()) });
  return async () => {
    await contactRows.run();
    await fillContactPrimaries(tx, { locationId, now, records: primaries });
    const pointsAdded = await pointRows.run();
    await linkInsert.run();
    await statusRows.run();
    return { contactsCreated: newContacts.length, pointsAdded };
  };
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

/** `value` is `pointValue(c)`. */
function pointRecord(contactId: string, c: LeadContact, value: string, mx: MxStatuses | undefined): ContactPointRecord {
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
  const email = value;
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


function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return norm(a) === norm(b);
}

function sameContent(old: Record<string, unknown>, next: PropertyRecord): boolean {
  for (const c of CONTENT_COLUMNS) if (stableJson(old[c]) !== stableJson(next[c])) return false;
  return true;
}


import { sql } from 'drizzle-orm';
import { prepareInsertRows, runRows, type PendingInsert, type SqlRunner } from './run-sql.js';

export interface ContactRecord {
  id: string;
  owner_name: string | null;
  first_name: string | null;
  last_name: string | null;
  parcel_id: string | null;
  phone: string | null;
  email: string | null;
  email_verified: boolean;
  line_type: string | null;
  confidence: number | null;
  source: string;
  owner_key: string | null;
  mailing_address: string | null;
  mailing_city: string | null;
  mailing_state: string | null;
  mailing_zip: string | null;
}

export interface ContactPointRecord {
  id: string;
  contact_id: string;
  kind: 'phone' | 'email';
  value: string;
  line_type: string | null;
  verified: boolean;
  confidence: number | null;
  source: string;
  status: string;
}

const CONTACT_COLUMNS = [
  ['id', 'uuid'], ['owner_name', 'text'], ['first_name', 'text'], ['last_name', 'text'], ['parcel_id', 'text'], ['phone', 'text'], ['email', 'text'],
  ['email_verified', 'boolean'], ['line_type', 'text'], ['confidence', 'real'], ['source', 'text'], ['owner_key', 'text'], ['mailing_address', 'text'],
  ['mailing_city', 'text'], ['mailing_state', 'text'], ['mailing_zip', 'text'],
] as const;
const STAMPED = [['location_id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']] as const;
const CONTACT_INSERT_COLUMNS = [...STAMPED, ...CONTACT_COLUMNS];
const POINT_COLUMNS = [
  ['id', 'uuid'], ['contact_id', 'uuid'], ['kind', 'text'], ['value', 'text'], ['line_type', 'text'], ['verified', 'boolean'], ['confidence', 'real'], ['source', 'text'], ['status', 'text'],
] as const;
const POINT_INSERT_COLUMNS = [...STAMPED, ...POINT_COLUMNS];

/**
 * Lookups by a list of keys are written as LATERAL subqueries fenced with `offset 0`: each key is then one probe
 * of the matching unique or partial index, whatever the planner believes about the table. Without the fence,
 * a join from the key list became a hash join over all of the location's rows, and `= any(…)` a filter that
 * compares every row of the location with every key — either way an import slowed down as it grew.
 */
const KEYS = 'jsonb_array_elements_text';

/** Contacts of one location by owner key (oldest first: the first contact made for an owner stays theirs). */
export async function selectContactsByOwnerKey(db: SqlRunner, options: { locationId: string; ownerKeys: string[] }): Promise<Array<{ id: string; owner_key: string }>> {
  if (options.ownerKeys.length === 0) return [];
  return runRows(
    db,
    sql`select c.id, c.owner_key
        from ${sql.raw(KEYS)}(${JSON.stringify(options.ownerKeys)}::jsonb) as k(v)
        cross join lateral (
          select c.id, c.owner_key, c.created_at from contacts c
          where c.location_id = ${options.locationId} and c.owner_key is not null and c.owner_key = k.v offset 0) c
        order by c.created_at, c.id`,
  );
}

/** Which of these phone numbers / emails are already somebody's contact point in this location. */
export async function selectContactPointsByValue(db: SqlRunner, options: { locationId: string; values: string[] }): Promise<Array<{ kind: string; value: string; contact_id: string }>> {
  if (options.values.length === 0) return [];
  return runRows(
    db,
    // (kind, value) pairs: each one is a probe of the (location, kind, value) unique index.
    sql`select cp.kind, cp.value, cp.contact_id
        from jsonb_to_recordset(${JSON.stringify(options.values.map((value) => ({ kind: value.startsWith('+') ? 'phone' : 'email', value })))}::jsonb) as x(kind text, value text)
        cross join lateral (
          select cp.kind, cp.value, cp.contact_id from contact_points cp
          where cp.location_id = ${options.locationId} and cp.kind = x.kind and cp.value = x.value offset 0) cp`,
  );
}

/**
 * The inserts below are made in two steps (`PendingInsert`): the rows are encoded when the function is called and
 * sent by `run()`, so an import encodes one table's rows while the server inserts the previous table's.
 */
export function insertContacts(db: SqlRunner, options: { locationId: string; now: Date; records: ContactRecord[] }): PendingInsert {
  const now = options.now.toISOString();
  return prepareInsertRows(db, { table: 'contacts', columns: CONTACT_INSERT_COLUMNS, rows: options.records.map((r) => [options.locationId, now, now, ...CONTACT_COLUMNS.map(([n]) => r[n])]) });
}

/**
 * Gives existing contacts a primary phone / email when they had none and a new point arrived, and an owner key when
 * they had none and a row with one was matched to them by a phone or email (so the owner's next rows find them by it).
 */
export async function fillContactPrimaries(
  db: SqlRunner,
  options: { locationId: string; now: Date; records: Array<{ id: string; phone: string | null; email: string | null; owner_key: string | null }> },
): Promise<void> {
  if (options.records.length === 0) return;
  await runRows(
    db,
    sql`update contacts c set phone = coalesce(c.phone, x.phone), email = coalesce(c.email, x.email), owner_key = coalesce(c.owner_key, x.owner_key),
          updated_at = ${options.now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(options.records)}::jsonb) as x(id uuid, phone text, email text, owner_key text)
        where c.id = x.id and c.location_id = ${options.locationId}
          and ((c.phone is null and x.phone is not null) or (c.email is null and x.email is not null) or (c.owner_key is null and x.owner_key is not null))`,
  );
}

/** New points; a value that another writer stored meanwhile stays with its contact. `run()` returns how many were stored. */
export function insertContactPoints(db: SqlRunner, options: { locationId: string; now: Date; records: ContactPointRecord[] }): PendingInsert {
  const now = options.now.toISOString();
  return prepareInsertRows(db, {
    table: 'contact_points',
    columns: POINT_INSERT_COLUMNS,
    rows: options.records.map((r) => [options.locationId, now, now, ...POINT_COLUMNS.map(([n]) => r[n])]),
    onConflict: 'on conflict (location_id, kind, value) do nothing',
  });
}

/** A property link, with the copies of the property's tier and market that the analytics' lead filters read. */
export interface PropertyContactLink {
  property_id: string;
  contact_id: string;
  role: string;
  tier: string | null;
  market_id: string | null;
}

export function insertPropertyContacts(db: SqlRunner, options: { now: Date; links: PropertyContactLink[] }): PendingInsert {
  const now = options.now.toISOString();
  return prepareInsertRows(db, {
    table: 'property_contacts',
    columns: [['property_id', 'uuid'], ['contact_id', 'uuid'], ['role', 'text'], ['tier', 'text'], ['market_id', 'uuid'], ['created_at', 'timestamptz']],
    rows: options.links.map((l) => [l.property_id, l.contact_id, l.role, l.tier, l.market_id, now]),
    onConflict: 'on conflict (property_id, contact_id) do nothing',
  });
}

/**
 * A `new` lead status for each new contact. The contacts were made in this transaction, so none has a status
 * yet: a plain COPY, without the savepoint and the ON CONFLICT fallback (two round trips a batch fewer).
 */
export function insertNewLeadStatuses(db: SqlRunner, options: { locationId: string; now: Date; contactIds: string[]; ids: string[] }): PendingInsert {
  const now = options.now.toISOString();
  return prepareInsertRows(db, {
    table: 'lead_statuses',
    columns: [['id', 'uuid'], ['location_id', 'uuid'], ['contact_id', 'uuid'], ['status', 'text'], ['changed_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    rows: options.contactIds.map((c, i) => [options.ids[i], options.locationId, c, 'new', now, now]),
  });
}

/** Serialises writers of one location's leads for the length of the transaction (imports, syncs, skip traces). */
export async function lockLocationLeads(db: SqlRunner, locationId: string): Promise<void> {
  await runRows(db, sql`select pg_advisory_xact_lock(hashtextextended(${`leads:${locationId}`}, 0))`);
}

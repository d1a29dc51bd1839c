import { sql } from 'drizzle-orm';
import { recordsetColumns, runRows, type SqlRunner } from './run-sql.js';

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
const CONTACT_NAMES = CONTACT_COLUMNS.map(([n]) => n);
const POINT_COLUMNS = [
  ['id', 'uuid'], ['contact_id', 'uuid'], ['kind', 'text'], ['value', 'text'], ['line_type', 'text'], ['verified', 'boolean'], ['confidence', 'real'], ['source', 'text'], ['status', 'text'],
] as const;
const POINT_NAMES = POINT_COLUMNS.map(([n]) => n);

/** Contacts of one location by owner key (oldest first: the first contact made for an owner stays theirs). */
export async function selectContactsByOwnerKey(db: SqlRunner, options: { locationId: string; ownerKeys: string[] }): Promise<Array<{ id: string; owner_key: string }>> {
  if (options.ownerKeys.length === 0) return [];
  return runRows(
    db,
    sql`select c.id, c.owner_key
        from jsonb_array_elements_text(${JSON.stringify(options.ownerKeys)}::jsonb) as k(v)
        join contacts c on c.location_id = ${options.locationId} and c.owner_key = k.v
        order by c.created_at, c.id`,
  );
}

/** Which of these phone numbers / emails are already somebody's contact point in this location. */
export async function selectContactPointsByValue(db: SqlRunner, options: { locationId: string; values: string[] }): Promise<Array<{ kind: string; value: string; contact_id: string }>> {
  if (options.values.length === 0) return [];
  return runRows(
    db,
    // (kind, value) pairs so each one is a probe of the (location, kind, value) unique index.
    sql`select cp.kind, cp.value, cp.contact_id
        from jsonb_to_recordset(${JSON.stringify(options.values.map((value) => ({ kind: value.startsWith('+') ? 'phone' : 'email', value })))}::jsonb) as x(kind text, value text)
        join contact_points cp on cp.location_id = ${options.locationId} and cp.kind = x.kind and cp.value = x.value`,
  );
}

export async function insertContacts(db: SqlRunner, options: { locationId: string; now: Date; records: ContactRecord[] }): Promise<void> {
  if (options.records.length === 0) return;
  const now = options.now.toISOString();
  await runRows(
    db,
    sql`insert into contacts (location_id, created_at, updated_at, ${sql.raw(CONTACT_NAMES.join(', '))})
        select ${options.locationId}::uuid, ${now}::timestamptz, ${now}::timestamptz, ${sql.raw(CONTACT_NAMES.map((n) => `x.${n}`).join(', '))}
        from jsonb_to_recordset(${JSON.stringify(options.records)}::jsonb) as x(${sql.raw(recordsetColumns(CONTACT_COLUMNS))})`,
  );
}

/** Gives existing contacts a primary phone / email when they had none and a new point arrived. */
export async function fillContactPrimaries(db: SqlRunner, options: { locationId: string; now: Date; records: Array<{ id: string; phone: string | null; email: string | null }> }): Promise<void> {
  if (options.records.length === 0) return;
  await runRows(
    db,
    sql`update contacts c set phone = coalesce(c.phone, x.phone), email = coalesce(c.email, x.email), updated_at = ${options.now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(options.records)}::jsonb) as x(id uuid, phone text, email text)
        where c.id = x.id and c.location_id = ${options.locationId}
          and ((c.phone is null and x.phone is not null) or (c.email is null and x.email is not null))`,
  );
}

/** New points; a value that another writer stored meanwhile stays with its contact. Returns how many were stored. */
export async function insertContactPoints(db: SqlRunner, options: { locationId: string; now: Date; records: ContactPointRecord[] }): Promise<number> {
  if (options.records.length === 0) return 0;
  const now = options.now.toISOString();
  const rows = await runRows<{ id: string }>(
    db,
    sql`insert into contact_points (location_id, created_at, updated_at, ${sql.raw(POINT_NAMES.join(', '))})
        select ${options.locationId}::uuid, ${now}::timestamptz, ${now}::timestamptz, ${sql.raw(POINT_NAMES.map((n) => `x.${n}`).join(', '))}
        from jsonb_to_recordset(${JSON.stringify(options.records)}::jsonb) as x(${sql.raw(recordsetColumns(POINT_COLUMNS))})
        on conflict (location_id, kind, value) do nothing
        returning id`,
  );
  return rows.length;
}

export async function insertPropertyContacts(db: SqlRunner, options: { now: Date; links: Array<{ property_id: string; contact_id: string; role: string }> }): Promise<void> {
  if (options.links.length === 0) return;
  await runRows(
    db,
    sql`insert into property_contacts (property_id, contact_id, role, created_at)
        select x.property_id, x.contact_id, x.role, ${options.now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(options.links)}::jsonb) as x(property_id uuid, contact_id uuid, role text)
        on conflict (property_id, contact_id) do nothing`,
  );
}

/** A `new` lead status for each new contact. */
export async function insertNewLeadStatuses(db: SqlRunner, options: { locationId: string; now: Date; contactIds: string[]; ids: string[] }): Promise<void> {
  if (options.contactIds.length === 0) return;
  const now = options.now.toISOString();
  const records = options.contactIds.map((c, i) => ({ id: options.ids[i], contact_id: c }));
  await runRows(
    db,
    sql`insert into lead_statuses (id, location_id, contact_id, status, changed_at, updated_at)
        select x.id, ${options.locationId}::uuid, x.contact_id, 'new', ${now}::timestamptz, ${now}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(id uuid, contact_id uuid)
        on conflict (contact_id) do nothing`,
  );
}

/** Serialises writers of one location's leads for the length of the transaction (imports, syncs, skip traces). */
export async function lockLocationLeads(db: SqlRunner, locationId: string): Promise<void> {
  await runRows(db, sql`select pg_advisory_xact_lock(hashtextextended(${`leads:${locationId}`}, 0))`);
}

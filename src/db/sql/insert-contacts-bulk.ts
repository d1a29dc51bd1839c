/**
 * Bulk insert of contacts and their points (a contact's lead status is `new` until its first change): one statement per table with one array
 * parameter per column (`unnest`), so the cost does not grow with a query builder's per-value work.
 * Reviewed hot path (`npm run bench -- foundation`).
 */
import type { Database } from '../client.js';

export interface BulkContactRow {
  id: string;
  locationId: string;
  ownerName: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  parcelId: string | null;
  source: string;
  mailingAddress: string | null;
  mailingCity: string | null;
  mailingState: string | null;
  mailingZip: string | null;
  timeZone: string | null;
  tags: string[];
  custom: Record<string, unknown>;
}

export interface BulkPointRow {
  id: string;
  locationId: string;
  contactId: string;
  kind: 'phone' | 'email';
  value: string;
  source: string;
}

const col = <T, K extends keyof T>(rows: T[], key: K): Array<T[K]> => rows.map((r) => r[key]);

export async function insertContactsBulk(database: Pick<Database, 'executeSql'>, rows: BulkContactRow[], points: BulkPointRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await database.executeSql(
    `insert into contacts (id, location_id, owner_name, first_name, last_name, phone, email, parcel_id, source,
       mailing_address, mailing_city, mailing_state, mailing_zip, time_zone, tags, custom, created_at, updated_at)
     select u.id, u.location_id, u.owner_name, u.first_name, u.last_name, u.phone, u.email, u.parcel_id, u.source,
       u.mailing_address, u.mailing_city, u.mailing_state, u.mailing_zip, u.time_zone,
       coalesce(array(select jsonb_array_elements_text(u.tags)), '{}'), u.custom, $17, $17
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                 $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::jsonb[], $16::jsonb[])
       as u(id, location_id, owner_name, first_name, last_name, phone, email, parcel_id, source,
            mailing_address, mailing_city, mailing_state, mailing_zip, time_zone, tags, custom)`,
    [
      col(rows, 'id'),
      col(rows, 'locationId'),
      col(rows, 'ownerName'),
      col(rows, 'firstName'),
      col(rows, 'lastName'),
      col(rows, 'phone'),
      col(rows, 'email'),
      col(rows, 'parcelId'),
      col(rows, 'source'),
      col(rows, 'mailingAddress'),
      col(rows, 'mailingCity'),
      col(rows, 'mailingState'),
      col(rows, 'mailingZip'),
      col(rows, 'timeZone'),
      rows.map((r) => JSON.stringify(r.tags)),
      rows.map((r) => JSON.stringify(r.custom)),
      at,
    ],
  );
  if (points.length > 0) {
    // A number or address another contact already has stays with that contact (one point, one owner).
    await database.executeSql(
      `insert into contact_points (id, location_id, contact_id, kind, value, source, created_at, updated_at)
       select u.id, u.location_id, u.contact_id, u.kind, u.value, u.source, $7, $7
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) as u(id, location_id, contact_id, kind, value, source)
       on conflict do nothing`,
      [col(points, 'id'), col(points, 'locationId'), col(points, 'contactId'), col(points, 'kind'), col(points, 'value'), col(points, 'source'), at],
    );
  }
}

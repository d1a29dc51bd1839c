/**
 * Bulk insert of contacts and their points (a contact's lead status is `new` until its first change). The
 * contacts go in with one `COPY` (their ids are new, nothing can conflict); the points are copied into a
 * temporary staging table and moved with one INSERT … SELECT … ON CONFLICT DO NOTHING, since a number or
 * address may already belong to another contact. Reviewed hot path (`npm run bench -- foundation`).
 */
import type { TxExecutor } from '../client.js';
import { copyField, copyText, textArrayLiteral } from './copy-rows.js';

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

const f = (v: string | null): string => (v === null ? '\\N' : copyText(v));

export async function insertContactsBulk(tx: Pick<TxExecutor, 'executeSql' | 'copyFrom'>, rows: BulkContactRow[], points: BulkPointRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const ts = at.toISOString();
  let text = '';
  for (const r of rows) {
    text += `${r.id}\t${r.locationId}\t${f(r.ownerName)}\t${f(r.firstName)}\t${f(r.lastName)}\t${f(r.phone)}\t${f(r.email)}\t${f(r.parcelId)}\t${f(r.source)}\t${f(r.mailingAddress)}\t${f(r.mailingCity)}\t${f(r.mailingState)}\t${f(r.mailingZip)}\t${f(r.timeZone)}\t${r.tags.length === 0 ? '{}' : copyText(textArrayLiteral(r.tags))}\t${copyField(r.custom)}\t${ts}\t${ts}\n`;
  }
  await tx.copyFrom(
    `contacts (id, location_id, owner_name, first_name, last_name, phone, email, parcel_id, source, mailing_address, mailing_city, mailing_state, mailing_zip, time_zone, tags, custom, created_at, updated_at)`,
    text,
  );
  if (points.length === 0) return;
  let pointText = '';
  for (const p of points) pointText += `${p.id}\t${p.locationId}\t${p.contactId}\t${p.kind}\t${copyText(p.value)}\t${copyText(p.source)}\n`;
  // The staging table lives for the transaction only; emptied after use in case one transaction runs this twice.
  await tx.executeSql('create temp table if not exists curb_stage_contact_points (id uuid, location_id uuid, contact_id uuid, kind text, value text, source text) on commit drop');
  await tx.copyFrom('curb_stage_contact_points', pointText);
  // A number or address another contact already has stays with that contact (one point, one owner).
  await tx.executeSql(
    `insert into contact_points (id, location_id, contact_id, kind, value, source, created_at, updated_at)
       select id, location_id, contact_id, kind, value, source, '${ts}', '${ts}' from curb_stage_contact_points
       on conflict do nothing;
     truncate curb_stage_contact_points`,
  );
}

/**
 * Bulk insert of contacts and their points (a contact's lead status is `new` until its first change). The
 * contacts go in with one `COPY` (their ids are new, nothing can conflict) that is fed while the rows are
 * still being validated and built, so the server inserts one slice while the client prepares the next. The
 * points follow with a plain COPY under a savepoint: a number or address may already belong to another
 * contact, but that is rare, and a plain COPY costs the server far less than staging and INSERT … ON CONFLICT.
 * On a unique violation the savepoint is rolled back and the points go through a temporary staging table and
 * one INSERT … SELECT … ON CONFLICT DO NOTHING (the first owner of a value keeps it).
 * Reviewed hot path (`npm run bench -- foundation`).
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

/** A slice of a batch: contacts and their points, made while the previous slice is being inserted. */
export interface BulkContactSlice {
  rows: BulkContactRow[];
  points: BulkPointRow[];
}

const f = (v: string | null): string => (v === null ? '\\N' : copyText(v));

const CONTACT_TARGET =
  'contacts (id, location_id, owner_name, first_name, last_name, phone, email, parcel_id, source, mailing_address, mailing_city, mailing_state, mailing_zip, time_zone, tags, custom, created_at, updated_at)';
const POINT_COLUMNS = 'id, location_id, contact_id, kind, value, source, created_at, updated_at';
const UNIQUE_VIOLATION = '23505';

/** Inserts the slices' contacts and points in the caller's transaction; returns how many contacts were stored. */
export async function insertContactsBulk(tx: Pick<TxExecutor, 'executeSql' | 'copyFrom' | 'copyFromChunks'>, slices: Iterable<BulkContactSlice>, at: Date): Promise<number> {
  const ts = at.toISOString();
  let pointText = '';
  function* contactText(): Generator<string> {
    for (const { rows, points } of slices) {
      let text = '';
      for (const r of rows) {
        text += `${r.id}\t${r.locationId}\t${f(r.ownerName)}\t${f(r.firstName)}\t${f(r.lastName)}\t${f(r.phone)}\t${f(r.email)}\t${f(r.parcelId)}\t${f(r.source)}\t${f(r.mailingAddress)}\t${f(r.mailingCity)}\t${f(r.mailingState)}\t${f(r.mailingZip)}\t${f(r.timeZone)}\t${r.tags.length === 0 ? '{}' : copyText(textArrayLiteral(r.tags))}\t${copyField(r.custom)}\t${ts}\t${ts}\n`;
      }
      for (const p of points) pointText += `${p.id}\t${p.locationId}\t${p.contactId}\t${p.kind}\t${copyText(p.value)}\t${copyText(p.source)}\t${ts}\t${ts}\n`;
      yield text;
    }
  }
  const n = await tx.copyFromChunks(CONTACT_TARGET, contactText());
  if (pointText === '') return n;
  await tx.executeSql('savepoint curb_contact_points');
  try {
    await tx.copyFrom(`contact_points (${POINT_COLUMNS})`, pointText);
    await tx.executeSql('release savepoint curb_contact_points');
    return n;
  } catch (e) {
    if ((e as { code?: unknown }).code !== UNIQUE_VIOLATION) throw e;
    await tx.executeSql('rollback to savepoint curb_contact_points');
  }
  // The staging table lives for the transaction only; emptied after use in case one transaction runs this twice.
  await tx.executeSql(
    'create temp table if not exists curb_stage_contact_points (id uuid, location_id uuid, contact_id uuid, kind text, value text, source text, created_at timestamptz, updated_at timestamptz) on commit drop',
  );
  await tx.copyFrom('curb_stage_contact_points', pointText);
  // A number or address another contact already has stays with that contact (one point, one owner).
  await tx.executeSql(
    `insert into contact_points (${POINT_COLUMNS}) select ${POINT_COLUMNS} from curb_stage_contact_points on conflict do nothing;
     truncate curb_stage_contact_points`,
  );
  return n;
}

import { sql } from 'drizzle-orm';
import { PROPERTY_WRITE_COLUMNS, type PropertyRecord } from './property-columns.js';
import { copyField, copyJson, type CopyValue } from '../copy-rows.js';
import { copySinkOf, insertRows, recordsetColumns, runRows, type SqlRunner } from './run-sql.js';

const COLUMNS = recordsetColumns(PROPERTY_WRITE_COLUMNS);
const NAMES = PROPERTY_WRITE_COLUMNS.map(([n]) => n);
const SET_LIST = NAMES.filter((n) => n !== 'id')
  .map((n) => `${n} = x.${n}`)
  .join(', ');

/** Columns of an inserted property: the location and the time stamps, then the written columns. */
const INSERT_COLUMNS = [['location_id', 'uuid'], ['scored_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ...PROPERTY_WRITE_COLUMNS] as const;

const INSERT_NAMES = INSERT_COLUMNS.map(([n]) => n).join(', ');
const JSON_COLUMN = NAMES.map((n) => PROPERTY_WRITE_COLUMNS.find(([c]) => c === n)![1] === 'jsonb');
/** Columns a line takes from `override` when given (an import's score of a row it has not stored yet). */
const OVERRIDDEN = new Set(['owner_key', 'market_id', 'score', 'tier', 'score_contributions']);

/**
 * One line of `COPY properties` in the column order of `insertProperties`, for a record with `now` (ISO) as
 * its time stamps; columns named in `override` are taken from it instead of the record.
 */
export function propertyCopyLine(locationId: string, now: string, record: PropertyRecord, override?: object): Buffer {
  const fields: string[] = new Array<string>(NAMES.length + 4);
  fields[0] = locationId;
  fields[1] = fields[2] = fields[3] = now;
  for (let i = 0; i < NAMES.length; i++) {
    const name = NAMES[i]!;
    const v = (override && OVERRIDDEN.has(name) ? (override as Record<string, unknown>)[name] : record[name]) as CopyValue;
    fields[i + 4] = JSON_COLUMN[i] && v !== null && v !== undefined ? copyJson(v) : copyField(v);
  }
  // Joined flat and encoded here, while the previous batch is in the database, rather than when this one is sent.
  return Buffer.from(`${fields.join('\t')}\n`);
}

/**
 * New properties in one go (COPY in a transaction); the caller holds the location's import lock. `lines`, when
 * given, are the records' COPY lines made beforehand (`propertyCopyLine`), used where the rows go by COPY.
 */
export async function insertProperties(db: SqlRunner, options: { locationId: string; now: Date; records: PropertyRecord[]; lines?: Buffer[] }): Promise<void> {
  if (options.records.length === 0) return;
  const sink = options.lines ? copySinkOf(db) : null;
  if (sink && options.lines) {
    await sink.copyFrom(`properties (${INSERT_NAMES})`, Buffer.concat(options.lines));
    return;
  }
  const now = options.now.toISOString();
  await insertRows(db, { table: 'properties', columns: INSERT_COLUMNS, rows: options.records.map((r) => [options.locationId, now, now, now, ...NAMES.map((n) => r[n] as CopyValue)]) });
}

/** One multi-row update of changed properties (already merged and re-scored by the caller). */
export async function updateProperties(db: SqlRunner, options: { locationId: string; now: Date; records: PropertyRecord[] }): Promise<void> {
  if (options.records.length === 0) return;
  await runRows(
    db,
    sql`update properties p set ${sql.raw(SET_LIST)}, scored_at = ${options.now.toISOString()}::timestamptz, updated_at = ${options.now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(options.records)}::jsonb) as x(${sql.raw(COLUMNS)})
        where p.id = x.id and p.location_id = ${options.locationId}`,
  );
}

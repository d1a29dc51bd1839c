import { sql } from 'drizzle-orm';
import { PROPERTY_WRITE_COLUMNS, type PropertyRecord } from './property-columns.js';
import type { CopyValue } from '../copy-rows.js';
import { insertRows, recordsetColumns, runRows, type SqlRunner } from './run-sql.js';

const COLUMNS = recordsetColumns(PROPERTY_WRITE_COLUMNS);
const NAMES = PROPERTY_WRITE_COLUMNS.map(([n]) => n);
const SET_LIST = NAMES.filter((n) => n !== 'id')
  .map((n) => `${n} = x.${n}`)
  .join(', ');

/** Columns of an inserted property: the location and the time stamps, then the written columns. */
const INSERT_COLUMNS = [['location_id', 'uuid'], ['scored_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ...PROPERTY_WRITE_COLUMNS] as const;

/** New properties in one go (COPY in a transaction); the caller holds the location's import lock. */
export async function insertProperties(db: SqlRunner, options: { locationId: string; now: Date; records: PropertyRecord[] }): Promise<void> {
  if (options.records.length === 0) return;
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

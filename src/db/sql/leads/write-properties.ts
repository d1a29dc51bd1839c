import { sql } from 'drizzle-orm';
import { PROPERTY_WRITE_COLUMNS, type PropertyRecord } from './property-columns.js';
import { recordsetColumns, runRows, type SqlRunner } from './run-sql.js';

const COLUMNS = recordsetColumns(PROPERTY_WRITE_COLUMNS);
const NAMES = PROPERTY_WRITE_COLUMNS.map(([n]) => n);
const INSERT_LIST = NAMES.join(', ');
const SELECT_LIST = NAMES.map((n) => `x.${n}`).join(', ');
const SET_LIST = NAMES.filter((n) => n !== 'id')
  .map((n) => `${n} = x.${n}`)
  .join(', ');

/** One multi-row insert of new properties (the caller holds the location's import lock). */
export async function insertProperties(db: SqlRunner, options: { locationId: string; now: Date; records: PropertyRecord[] }): Promise<void> {
  if (options.records.length === 0) return;
  await runRows(
    db,
    sql`insert into properties (location_id, scored_at, created_at, updated_at, ${sql.raw(INSERT_LIST)})
        select ${options.locationId}::uuid, ${options.now.toISOString()}::timestamptz, ${options.now.toISOString()}::timestamptz, ${options.now.toISOString()}::timestamptz, ${sql.raw(SELECT_LIST)}
        from jsonb_to_recordset(${JSON.stringify(options.records)}::jsonb) as x(${sql.raw(COLUMNS)})`,
  );
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

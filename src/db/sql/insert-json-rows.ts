/**
 * Many-row inserts as one JSON parameter: `INSERT … SELECT … FROM jsonb_to_recordset($1)`. Building a
 * 500-row, 20-column insert through the query builder costs far more client CPU than the database's own
 * work (a parameter per value); one JSON document costs one serialisation. For the hot batch paths
 * (scheduler, dispatcher). Column names and types come from code, never from input.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';

export type JsonColumn = readonly [name: string, pgType: string];

const IDENT = /^[a-z_][a-z0-9_]*$/;
const TYPE = /^[a-z0-9_ ]+(\[\])?$/;

/** Runs the insert; `tail` is an optional `on conflict …` / `returning …` clause (code, not input). */
export async function insertJsonRows<T = Record<string, unknown>>(db: Db, table: string, columns: readonly JsonColumn[], rows: ReadonlyArray<Record<string, unknown>>, tail?: SQL): Promise<T[]> {
  if (rows.length === 0) return [];
  if (!IDENT.test(table) || columns.some(([n, t]) => !IDENT.test(n) || !TYPE.test(t))) throw new Error(`insertJsonRows: bad identifier in ${table}`);
  const names = columns.map(([n]) => n).join(', ');
  const defs = columns.map(([n, t]) => `${n} ${t}`).join(', ');
  // Dates serialise through their own toJSON (ISO, UTC); a replacer function would cost a call per value.
  const json = JSON.stringify(rows);
  const r = await db.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(defs)}) ${tail ?? sql``}`);
  return ((r as unknown as { rows?: T[] }).rows ?? []) as T[];
}

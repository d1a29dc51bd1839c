import type { SQL } from 'drizzle-orm';
import type { Db } from '../../client.js';

/** A drizzle database or transaction: both run raw statements through `execute`. */
export type SqlRunner = Pick<Db, 'execute'>;

/** Rows of a raw statement; node-postgres and PGlite both answer `{ rows }`. */
export async function runRows<T>(db: SqlRunner, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows?: T[] };
  return r.rows ?? [];
}

/**
 * The column list of a `jsonb_to_recordset` alias, from [name, type] pairs. Batches travel as ONE jsonb
 * parameter, so a batch of any size is one statement with a few parameters on both drivers (no 65,535
 * parameter ceiling, no per-row round trip).
 */
export function recordsetColumns(columns: ReadonlyArray<readonly [string, string]>): string {
  return columns.map(([name, type]) => `${name} ${type}`).join(', ');
}

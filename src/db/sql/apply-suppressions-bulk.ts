/**
 * Bulk writes of suppression list entries: one statement per batch with one array parameter per column
 * (`unnest`), ON CONFLICT DO NOTHING against the (value, list, state, location_id) key, so a re-import is a no-op
 * and duplicates inside a batch cost nothing. Reviewed hot path (`npm run bench -- compliance`).
 */
import type { SqlExecutor } from '../client.js';

export interface SuppressionBatchScope {
  list: string;
  /** two-letter state for state lists, '' otherwise */
  state: string;
  /** null for the shared lists (national, state, litigator); the location for internal DNC */
  locationId: string | null;
  /** YYYY-MM-DD */
  listDate: string;
  source: string;
  at: Date;
}

/** Inserts the values not already on the list; returns how many were new. */
export async function insertSuppressionsBulk(tx: SqlExecutor, scope: SuppressionBatchScope, values: string[]): Promise<number> {
  if (values.length === 0) return 0;
  const r = await tx.executeSql<{ n: number }>(
    `with ins as (
       insert into suppressions (list, location_id, state, value, list_date, source, created_at)
       -- Sorted, so the unique index on value is filled left to right instead of at random pages.
       select $1, $2::uuid, $3, v, $5::date, $6, $7 from unnest($4::text[]) as v order by v
       on conflict do nothing
       returning 1)
     select count(*)::int as n from ins`,
    [scope.list, scope.locationId, scope.state, values, scope.listDate, scope.source, scope.at],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Deletes the given values from the list (change-list deletions); returns how many were there. */
export async function deleteSuppressionsBulk(tx: SqlExecutor, scope: Pick<SuppressionBatchScope, 'list' | 'state' | 'locationId'>, values: string[]): Promise<number> {
  if (values.length === 0) return 0;
  const r = await tx.executeSql<{ n: number }>(
    `with del as (
       delete from suppressions
       where value = any($4::text[]) and list = $1 and state = $3 and location_id is not distinct from $2::uuid
       returning 1)
     select count(*)::int as n from del`,
    [scope.list, scope.locationId, scope.state, values],
  );
  return Number(r.rows[0]?.n ?? 0);
}

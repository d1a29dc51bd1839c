import type { Database } from '../../db/client.js';
import type { SuppressionList } from './suppression-schemas.js';

export interface LookupSuppressionsOptions {
  locationId: string;
  /** E.164 phones and lowercase emails, as stored */
  values: readonly string[];
}

/**
 * The lists each value is on: the shared national, state and litigator lists plus this location's internal
 * list (another location's internal list never counts here). One statement on the (value, …) unique index.
 * Values on no list are absent from the map.
 *
 * @example (await lookupSuppressions(services, { locationId, values: ['+14075551234'] })).get('+14075551234') // ['national_dnc']
 */
export async function lookupSuppressions(deps: Pick<{ database: Database }, 'database'>, options: LookupSuppressionsOptions): Promise<Map<string, SuppressionList[]>> {
  const out = new Map<string, SuppressionList[]>();
  if (options.values.length === 0) return out;
  const r = await deps.database.executePrepared<{ value: string; list: SuppressionList }>(
    'curb_lookup_suppressions',
    'select value, list from suppressions where value = any($1::text[]) and (location_id is null or location_id = $2::uuid)',
    [options.values, options.locationId],
  );
  for (const row of r.rows) {
    const lists = out.get(row.value);
    if (!lists) out.set(row.value, [row.list]);
    else if (!lists.includes(row.list)) lists.push(row.list);
  }
  return out;
}

import { sql } from 'drizzle-orm';
import { runRows, type SqlRunner } from './run-sql.js';

/**
 * Existing properties of one location matching any of the parcel ids, or (parcel-less ones) any of the
 * situs keys, each as its `to_jsonb` text so both drivers return the same JSON values (numbers,
 * `YYYY-MM-DD` dates). Written as joins from the key list so each key is one probe of the matching
 * (partial) unique index, whatever the table's size.
 */
export async function selectPropertiesByIdentity(
  db: SqlRunner,
  options: { locationId: string; parcelIds: string[]; situsKeys: string[] },
): Promise<Array<Record<string, unknown>>> {
  if (options.parcelIds.length === 0 && options.situsKeys.length === 0) return [];
  const rows = await runRows<{ j: string }>(
    db,
    sql`select to_jsonb(p)::text as j
        from jsonb_array_elements_text(${JSON.stringify(options.parcelIds)}::jsonb) as k(v)
        join properties p on p.location_id = ${options.locationId} and p.parcel_id = k.v
        union all
        select to_jsonb(p)::text as j
        from jsonb_array_elements_text(${JSON.stringify(options.situsKeys)}::jsonb) as k(v)
        join properties p on p.location_id = ${options.locationId} and p.parcel_id is null and p.situs_key = k.v`,
  );
  return rows.map((r) => JSON.parse(r.j) as Record<string, unknown>);
}

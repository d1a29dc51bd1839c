import { sql } from 'drizzle-orm';
import { runRows, type SqlRunner } from './run-sql.js';

/**
 * Existing properties of one location matching any of the parcel ids, or (parcel-less ones) any of the
 * situs keys, each as its `to_jsonb` text so both drivers return the same JSON values (numbers,
 * `YYYY-MM-DD` dates). Each key is a LATERAL subquery fenced with `offset 0`, so it is one probe of the
 * matching (partial) unique index whatever the table's size: a plain join from the key list let the planner
 * scan all of the location's properties for every batch, and an import slowed down as it grew.
 */
export async function selectPropertiesByIdentity(
  db: SqlRunner,
  options: { locationId: string; parcelIds: string[]; situsKeys: string[] },
): Promise<Array<Record<string, unknown>>> {
  if (options.parcelIds.length === 0 && options.situsKeys.length === 0) return [];
  const rows = await runRows<{ j: string }>(
    db,
    sql`select p.j
        from jsonb_array_elements_text(${JSON.stringify(options.parcelIds)}::jsonb) as k(v)
        cross join lateral (
          select to_jsonb(p)::text as j from properties p
          where p.location_id = ${options.locationId} and p.parcel_id is not null and p.parcel_id = k.v offset 0) p
        union all
        select p.j
        from jsonb_array_elements_text(${JSON.stringify(options.situsKeys)}::jsonb) as k(v)
        cross join lateral (
          select to_jsonb(p)::text as j from properties p
          where p.location_id = ${options.locationId} and p.parcel_id is null and p.situs_key is not null and p.situs_key = k.v offset 0) p`,
  );
  return rows.map((r) => JSON.parse(r.j) as Record<string, unknown>);
}

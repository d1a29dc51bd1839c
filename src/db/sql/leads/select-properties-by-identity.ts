import { sql } from 'drizzle-orm';
import { runRows, type SqlRunner } from './run-sql.js';

/**
 * Existing properties of one location matching any of the parcel ids or situs keys, each as its
 * `to_jsonb` text so both drivers return the same JSON values (numbers, `YYYY-MM-DD` dates).
 */
export async function selectPropertiesByIdentity(
  db: SqlRunner,
  options: { locationId: string; parcelIds: string[]; situsKeys: string[] },
): Promise<Array<Record<string, unknown>>> {
  if (options.parcelIds.length === 0 && options.situsKeys.length === 0) return [];
  const rows = await runRows<{ j: string }>(
    db,
    sql`select to_jsonb(p)::text as j from properties p
        where p.location_id = ${options.locationId}
          and (p.parcel_id in (select jsonb_array_elements_text(${JSON.stringify(options.parcelIds)}::jsonb))
               or p.situs_key in (select jsonb_array_elements_text(${JSON.stringify(options.situsKeys)}::jsonb)))`,
  );
  return rows.map((r) => JSON.parse(r.j) as Record<string, unknown>);
}

import { sql } from 'drizzle-orm';
import { runRows, type SqlRunner } from './run-sql.js';

export interface SelectPropertiesByIdentityOptions {
  locationId: string;
  /** Properties with any of these parcel ids. */
  parcelIds: string[];
  /** Parcel-less properties with any of these situs keys (a parcel-less property may gain the parcel id of a row). */
  situsKeys: string[];
  /**
   * Properties that have a parcel id and one of these situs keys (the situs of rows without a parcel id), at most
   * two a key: one is the row's property, two or more mean the street line is several parcels' and names none.
   */
  parcelSitusKeys?: string[];
}

/**
 * Existing properties of one location matching any of the parcel ids, or (parcel-less ones) any of the
 * situs keys, or (parcel-bearing ones) any of the parcel situs keys, each as its `to_jsonb` text so both drivers
 * return the same JSON values (numbers, `YYYY-MM-DD` dates); a property can come back more than once. Each key is
 * a LATERAL subquery fenced with `offset 0` or `limit`, so it is one probe of the matching partial index
 * (`properties_location_parcel`, `properties_location_situs`, `properties_location_situs_parcel`) whatever the
 * table's size: a plain join from the key list let the planner scan all of the location's properties for every
 * batch, and an import slowed down as it grew.
 */
export async function selectPropertiesByIdentity(db: SqlRunner, options: SelectPropertiesByIdentityOptions): Promise<Array<Record<string, unknown>>> {
  const parcelSitusKeys = options.parcelSitusKeys ?? [];
  if (options.parcelIds.length === 0 && options.situsKeys.length === 0 && parcelSitusKeys.length === 0) return [];
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
          where p.location_id = ${options.locationId} and p.parcel_id is null and p.situs_key is not null and p.situs_key = k.v offset 0) p
        union all
        select p.j
        from jsonb_array_elements_text(${JSON.stringify(parcelSitusKeys)}::jsonb) as k(v)
        cross join lateral (
          select to_jsonb(p)::text as j from properties p
          where p.location_id = ${options.locationId} and p.parcel_id is not null and p.situs_key is not null and p.situs_key = k.v limit 2) p`,
  );
  return rows.map((r) => JSON.parse(r.j) as Record<string, unknown>);
}

/**
 * The `properties` columns an import or a parcel sync writes, with their types for `jsonb_to_recordset`.
 * One list, so the insert, the update and the change check cannot drift apart.
 */
export const PROPERTY_WRITE_COLUMNS = [
  ['id', 'uuid'],
  ['market_id', 'uuid'],
  ['parcel_id', 'text'],
  ['parcel_id_display', 'text'],
  ['situs_address', 'text'],
  ['situs_city', 'text'],
  ['situs_state', 'text'],
  ['situs_zip', 'text'],
  ['situs_key', 'text'],
  ['owner_name', 'text'],
  ['owner_key', 'text'],
  ['mailing_address', 'text'],
  ['mailing_city', 'text'],
  ['mailing_state', 'text'],
  ['mailing_zip', 'text'],
  ['just_value', 'numeric'],
  ['land_value', 'numeric'],
  ['building_value', 'numeric'],
  ['estimated_value', 'numeric'],
  ['last_sale_price', 'numeric'],
  ['last_sale_date', 'date'],
  ['homestead', 'boolean'],
  ['use_code', 'text'],
  ['signals', 'jsonb'],
  ['score', 'real'],
  ['tier', 'text'],
  ['score_contributions', 'jsonb'],
  ['source', 'text'],
  ['source_ref', 'text'],
  ['raw', 'jsonb'],
] as const;

export type PropertyWriteColumn = (typeof PROPERTY_WRITE_COLUMNS)[number][0];

/** A property as written: snake_case keys, JSON values (numbers for numerics, `YYYY-MM-DD` dates). */
export type PropertyRecord = { [K in PropertyWriteColumn]?: unknown } & { id: string };

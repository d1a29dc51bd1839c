import type { ArcgisField, ArcgisRecord } from './interface.js';

/**
 * ArcGIS `esriFieldTypeDate` values are epoch milliseconds UTC; Curb stores ISO-8601 strings.
 * DateOnly/TimestampOffset (11.2+) already arrive as strings and are left alone.
 */
export function convertDates(record: Record<string, unknown>, fields: ReadonlyArray<Pick<ArcgisField, 'name' | 'type'>>): ArcgisRecord {
  const out: ArcgisRecord = { ...record };
  for (const f of fields) {
    if (f.type !== 'esriFieldTypeDate') continue;
    const v = out[f.name];
    if (typeof v === 'number' && Number.isFinite(v)) out[f.name] = new Date(v).toISOString();
  }
  return out;
}

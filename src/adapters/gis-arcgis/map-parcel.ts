import { failure, ok, type Result } from '../../lib/result.js';
import type { ArcgisRecord, CanonicalParcel, FieldMap } from './interface.js';

function text(record: ArcgisRecord, field: string | undefined): string | undefined {
  if (!field) return undefined;
  const v = record[field];
  if (v === null || v === undefined) return undefined;
  const s = String(v).replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
}

function num(record: ArcgisRecord, field: string | undefined): number | undefined {
  if (!field) return undefined;
  const v = record[field];
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.replace(/[$,\s]/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Parcel ids are compared stripped of punctuation and upper-cased; Seminole's letters are kept. */
export function normalizeParcelId(display: string): string {
  return display.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Maps one source record into the canonical parcel through a market's field map. A record without a
 * parcel id is a per-row `missing_parcel_id` failure, so the rest of the layer still syncs.
 */
export function mapParcel(record: ArcgisRecord, fieldMap: FieldMap): Result<CanonicalParcel> {
  const display = text(record, fieldMap.parcel_id);
  const parcelId = display ? normalizeParcelId(display) : '';
  if (!display || parcelId === '') {
    return failure('missing_parcel_id', `record has no value in parcel id field ${fieldMap.parcel_id}`, false, { field: fieldMap.parcel_id, record });
  }
  const owners = [fieldMap.owner_name_1, fieldMap.owner_name_2, fieldMap.owner_name_3]
    .map((f) => text(record, f))
    .filter((s): s is string => s !== undefined);
  const situsLine =
    text(record, fieldMap.situs_line_1) ??
    ([text(record, fieldMap.situs_number), text(record, fieldMap.situs_street), text(record, fieldMap.situs_suffix)].filter(Boolean).join(' ') || undefined);
  const saleDate = text(record, fieldMap.sale_date);
  const salePrice = num(record, fieldMap.sale_price);
  return ok({
    parcelId,
    parcelIdDisplay: display,
    owners,
    situs: compact({ line1: situsLine, city: text(record, fieldMap.situs_city), zip: text(record, fieldMap.situs_zip) }),
    mailing: compact({
      line1: text(record, fieldMap.mail_line_1),
      line2: text(record, fieldMap.mail_line_2),
      line3: text(record, fieldMap.mail_line_3),
      line4: text(record, fieldMap.mail_line_4),
      city: text(record, fieldMap.mail_city),
      state: text(record, fieldMap.mail_state),
      zip: text(record, fieldMap.mail_zip),
    }),
    values: compact({ just: num(record, fieldMap.just_value), land: num(record, fieldMap.land_value), building: num(record, fieldMap.building_value) }),
    ...compact({ useCode: text(record, fieldMap.use_code) ?? text(record, fieldMap.county_use_code) }),
    ...(saleDate !== undefined || salePrice !== undefined ? { lastSale: compact({ date: saleDate, price: salePrice }) } : {}),
    raw: record,
  });
}

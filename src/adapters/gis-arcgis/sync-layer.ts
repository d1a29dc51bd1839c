import type { Result } from '../../lib/result.js';
import { ArcgisQueryError, type ArcgisClient, type CanonicalParcel, type FieldMap, type QueryAllOptions } from './interface.js';
import { mapParcel } from './map-parcel.js';

export interface SyncLayerOptions extends Omit<QueryAllOptions, 'outFields'> {
  client: ArcgisClient;
  fieldMap: FieldMap;
  /** Defaults to the fields named in the field map: never `*` in production (smaller, stable pages). */
  outFields?: string[] | '*';
}

/**
 * Streams a parcel layer as canonical parcels. Each item is a Result: a row that cannot be mapped is a
 * value naming the field, so one bad row never loses the rest. A failure of the query itself
 * (token, WAF, server down) ends the stream with one final `err` item.
 *
 * @example
 * for await (const r of syncLayer({ client, layerUrl, fieldMap: { parcel_id: 'PARCEL', owner_name_1: 'NAME1' } })) {
 *   if (r.ok) await upsert(r.value); else report(r.error);
 * }
 */
export async function* syncLayer(options: SyncLayerOptions): AsyncGenerator<Result<CanonicalParcel>, void, undefined> {
  const { client, fieldMap, outFields, ...query } = options;
  const fields = outFields ?? [...new Set(Object.values(fieldMap).filter((v): v is string => typeof v === 'string' && v !== ''))];
  try {
    for await (const record of client.queryAll({ ...query, outFields: fields })) {
      yield mapParcel(record, fieldMap);
    }
  } catch (e) {
    if (e instanceof ArcgisQueryError) {
      yield { ok: false, error: e.failure };
      return;
    }
    throw e;
  }
}

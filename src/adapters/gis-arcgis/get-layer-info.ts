import { failure, ok, type Result } from '../../lib/result.js';
import { LayerInfoSchema, type LayerInfo } from './interface.js';
import { requestArcgisJson, type ArcgisContext } from './request-json.js';

// Esri's documented default when a layer does not say; small enough to be safe on old servers.
const DEFAULT_MAX_RECORD_COUNT = 1000;

export interface GetLayerInfoOptions {
  signal?: AbortSignal;
  /** A configured object id field (market YAML `object_id_field`): wins over the metadata, checked against its fields. */
  objectIdField?: string;
}

/**
 * Reads `<layer>?f=json`: maxRecordCount, objectIdField, pagination support and fields. Read at run time,
 * never hard-coded: caps differ per host (1000 Escambia, 2000 hosted, 3000 OCPA).
 */
export async function getLayerInfo(ctx: ArcgisContext, url: string, opts: GetLayerInfoOptions = {}): Promise<Result<LayerInfo>> {
  const layerUrl = url.replace(/\/+$/, '');
  const res = await requestArcgisJson(ctx, { url: layerUrl, params: { f: 'json' }, method: 'GET', signal: opts.signal });
  if (!res.ok) return res;
  const parsed = LayerInfoSchema.safeParse(res.value);
  if (!parsed.success) return failure('invalid_response', `layer metadata at ${layerUrl} has an unexpected shape`, false, { issues: parsed.error.issues });
  const info = parsed.data;
  const fields = info.fields ?? [];
  let oid = info.objectIdField ?? fields.find((f) => f.type === 'esriFieldTypeOID')?.name;
  if (opts.objectIdField) {
    // Attributes come back under the layer's own spelling of a name; field names are case-insensitive in queries.
    const listed = fields.find((f) => f.name.toLowerCase() === opts.objectIdField!.toLowerCase());
    if (fields.length > 0 && !listed) {
      return failure('arcgis_unknown_field', `object id field ${opts.objectIdField} is not a field of layer ${layerUrl}`, false, { field: opts.objectIdField, fields: fields.map((f) => f.name) });
    }
    oid = listed?.name ?? opts.objectIdField;
  }
  if (!oid) return failure('invalid_response', `layer ${layerUrl} names no object id field (set the source's object_id_field)`, false);
  return ok({
    url: layerUrl,
    ...(info.id === undefined ? {} : { id: info.id }),
    name: info.name ?? '',
    type: info.type ?? 'Feature Layer',
    ...(info.geometryType ? { geometryType: info.geometryType } : {}),
    objectIdField: oid,
    maxRecordCount: info.maxRecordCount && info.maxRecordCount > 0 ? info.maxRecordCount : DEFAULT_MAX_RECORD_COUNT,
    maxRecordCountKnown: Boolean(info.maxRecordCount && info.maxRecordCount > 0),
    supportsPagination: info.advancedQueryCapabilities?.supportsPagination === true,
    fields,
  });
}

import { failure, ok, type Result } from '../../lib/result.js';
import { LayerInfoSchema, type LayerInfo } from './interface.js';
import { requestArcgisJson, type ArcgisContext } from './request-json.js';

// Esri's documented default when a layer does not say; small enough to be safe on old servers.
const DEFAULT_MAX_RECORD_COUNT = 1000;

/**
 * Reads `<layer>?f=json`: maxRecordCount, objectIdField, pagination support and fields. Read at run time,
 * never hard-coded: caps differ per host (1000 Escambia, 2000 hosted, 3000 OCPA).
 */
export async function getLayerInfo(ctx: ArcgisContext, url: string, opts: { signal?: AbortSignal } = {}): Promise<Result<LayerInfo>> {
  const layerUrl = url.replace(/\/+$/, '');
  const res = await requestArcgisJson(ctx, { url: layerUrl, params: { f: 'json' }, method: 'GET', signal: opts.signal });
  if (!res.ok) return res;
  const parsed = LayerInfoSchema.safeParse(res.value);
  if (!parsed.success) return failure('invalid_response', `layer metadata at ${layerUrl} has an unexpected shape`, false, { issues: parsed.error.issues });
  const info = parsed.data;
  const fields = info.fields ?? [];
  const oid = info.objectIdField ?? fields.find((f) => f.type === 'esriFieldTypeOID')?.name;
  if (!oid) return failure('invalid_response', `layer ${layerUrl} names no object id field`, false);
  return ok({
    url: layerUrl,
    ...(info.id === undefined ? {} : { id: info.id }),
    name: info.name ?? '',
    type: info.type ?? 'Feature Layer',
    ...(info.geometryType ? { geometryType: info.geometryType } : {}),
    objectIdField: oid,
    maxRecordCount: info.maxRecordCount && info.maxRecordCount > 0 ? info.maxRecordCount : DEFAULT_MAX_RECORD_COUNT,
    supportsPagination: info.advancedQueryCapabilities?.supportsPagination === true,
    fields,
  });
}

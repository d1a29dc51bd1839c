import { failure, type AppFailure, type Result } from '../../lib/result.js';
import { convertDates } from './convert-dates.js';
import { getLayerInfo } from './get-layer-info.js';
import {
  ArcgisQueryError,
  FeatureSetSchema,
  GeoJsonFeatureCollectionSchema,
  IdsResponseSchema,
  type ArcgisField,
  type ArcgisRecord,
  type LayerInfo,
  type QueryAllOptions,
} from './interface.js';
import { requestArcgisJson, type ArcgisContext } from './request-json.js';
import { rewriteWhereWithoutAngleBrackets } from './rewrite-where.js';

interface Page {
  records: Record<string, unknown>[];
  fields: ArcgisField[];
  /** true / false when the server said so, undefined when it did not. */
  exceeded: boolean | undefined;
}

// Failures after which the objectIds fallback is worth a try: the server could not page this query.
// Token, WAF and bad-where failures would fail the same way in the fallback.
const FALLBACK_CODES = new Set(['arcgis_error', 'arcgis_unavailable', 'upstream_error', 'timeout', 'invalid_response']);
// Empty pages that still say "more" are legal (Esri query help); this many in a row means the server is lost.
const MAX_EMPTY_PAGES = 3;
const DEFAULT_IDS_BATCH = 250;

function parsePage(body: unknown, format: 'json' | 'geojson'): Result<Page> {
  if (format === 'geojson') {
    const g = GeoJsonFeatureCollectionSchema.safeParse(body);
    if (!g.success) return failure('invalid_response', 'query answer is not a GeoJSON FeatureCollection', false);
    return {
      ok: true,
      value: {
        records: g.data.features.map((f) => ({ ...(f.properties ?? {}) })),
        fields: [],
        // GeoJSON puts the flag in the collection's top-level `properties`.
        exceeded: g.data.properties?.exceededTransferLimit ?? (body as { exceededTransferLimit?: boolean }).exceededTransferLimit ?? undefined,
      },
    };
  }
  const fs = FeatureSetSchema.safeParse(body);
  if (!fs.success) return failure('invalid_response', 'query answer is not a FeatureSet', false);
  return {
    ok: true,
    value: { records: fs.data.features.map((f) => ({ ...(f.attributes ?? {}) })), fields: fs.data.fields ?? [], exceeded: fs.data.exceededTransferLimit ?? undefined },
  };
}

function outFieldsParam(outFields: QueryAllOptions['outFields'], oid: string): string {
  if (outFields === undefined || outFields === '*') return '*';
  // The object id is always requested: the ids fallback and de-duplication key on it.
  return outFields.includes(oid) ? outFields.join(',') : [oid, ...outFields].join(',');
}

/** The configured order with the object id appended as the last key, unless it is already one. */
function stableOrder(orderBy: string | undefined, oid: string): string {
  const keys = (orderBy ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (keys.some((k) => k.split(/\s+/)[0]!.toLowerCase() === oid.toLowerCase())) return keys.join(',');
  return [...keys, `${oid} ASC`].join(',');
}

function throwFailure(f: AppFailure): never {
  throw new ArcgisQueryError(f);
}

/**
 * Streams every record a where clause matches, following florida-data.md §1.6:
 * offset paging (`resultOffset`/`resultRecordCount`, `orderByFields=<oid> ASC`) while the server says
 * `exceededTransferLimit`, and `returnIdsOnly` + `objectIds=` batches where paging is unsupported or fails.
 * Records already yielded are never yielded twice (keyed by object id). Throws `ArcgisQueryError`.
 *
 * @example
 * for await (const r of client.queryAll({ layerUrl, where: "DOR_CODE = '0100'", outFields: ['PARCEL', 'NAME1'] })) { … }
 */
export async function* queryAll(ctx: ArcgisContext, options: QueryAllOptions, layerInfoCache?: Map<string, LayerInfo>): AsyncGenerator<ArcgisRecord, void, undefined> {
  const layerUrl = options.layerUrl.replace(/\/+$/, '');
  const cacheKey = `${layerUrl}|${options.objectIdField ?? ''}`;
  let info = layerInfoCache?.get(cacheKey);
  if (!info) {
    const r = await getLayerInfo(ctx, layerUrl, { ...(options.signal ? { signal: options.signal } : {}), ...(options.objectIdField ? { objectIdField: options.objectIdField } : {}) });
    if (!r.ok) throwFailure(r.error);
    info = r.value;
    layerInfoCache?.set(cacheKey, info);
  }
  let where = options.where ?? '1=1';
  if (ctx.quirks.noAngleBrackets) {
    const r = rewriteWhereWithoutAngleBrackets(where);
    if (!r.ok) throwFailure(r.error);
    where = r.value;
  }
  const format = options.format ?? 'json';
  const oid = info.objectIdField;
  const outFields = outFieldsParam(options.outFields, oid);
  const queryUrl = `${layerUrl}/query`;
  const seen = new Set<unknown>();
  const layerFields = info.fields;

  const emit = (records: Record<string, unknown>[], pageFields: ArcgisField[]): ArcgisRecord[] => {
    const fields = pageFields.length > 0 ? pageFields : layerFields;
    const fresh: ArcgisRecord[] = [];
    for (const rec of records) {
      const id = rec[oid];
      if (id !== undefined && id !== null) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      fresh.push(convertDates(rec, fields));
    }
    return fresh;
  };

  let pagingFailure: AppFailure | undefined;
  if (info.supportsPagination && !options.forceIdsFallback) {
    // A stated cap bounds the page; Esri's default (when the layer states none) only stands in for a missing page size.
    const cap = info.maxRecordCountKnown === false ? Number.POSITIVE_INFINITY : info.maxRecordCount;
    const pageSize = Math.max(1, Math.min(options.pageSize ?? info.maxRecordCount, cap));
    const orderBy = stableOrder(options.orderBy, oid);
    let offset = 0;
    let emptyInARow = 0;
    for (;;) {
      const res = await requestArcgisJson(ctx, {
        url: queryUrl,
        params: {
          where,
          outFields,
          returnGeometry: 'false',
          orderByFields: orderBy,
          resultOffset: String(offset),
          resultRecordCount: String(pageSize),
          f: format,
        },
        method: options.method,
        signal: options.signal,
      });
      const page = res.ok ? parsePage(res.value, format) : res;
      if (!page.ok) {
        if (!FALLBACK_CODES.has(page.error.code)) throwFailure(page.error);
        pagingFailure = page.error;
        break;
      }
      yield* emit(page.value.records, page.value.fields);
      const n = page.value.records.length;
      if (n === 0) {
        if (page.value.exceeded !== true) return;
        // "Zero results but exceededTransferLimit": this window held nothing that matched; step over it.
        emptyInARow++;
        if (emptyInARow >= MAX_EMPTY_PAGES) {
          pagingFailure = { code: 'arcgis_paging_stalled', message: `${MAX_EMPTY_PAGES} empty pages in a row still flagged as more`, retry: false };
          break;
        }
        offset += pageSize;
        continue;
      }
      emptyInARow = 0;
      offset += n;
      // Continue on an explicit true; when the flag is absent a full page may still have a successor.
      if (page.value.exceeded === true) continue;
      if (page.value.exceeded === undefined && n >= pageSize) continue;
      return;
    }
  }

  // Fallback: ids are not capped by maxRecordCount (Esri docs), so one request lists them all.
  const idsRes = await requestArcgisJson(ctx, {
    url: queryUrl,
    params: { where, returnIdsOnly: 'true', f: 'json' },
    method: options.method,
    signal: options.signal,
  });
  if (!idsRes.ok) throwFailure(pagingFailure ? { ...idsRes.error, details: { ...(idsRes.error.details as object), pagingFailure } } : idsRes.error);
  const ids = IdsResponseSchema.safeParse(idsRes.value);
  if (!ids.success) throwFailure({ code: 'invalid_response', message: 'returnIdsOnly answer has no objectIds', retry: false });
  const todo = [...(ids.data.objectIds ?? [])].filter((id) => !seen.has(id)).sort((a, b) => a - b);
  const batch = Math.max(1, Math.min(options.idsBatchSize ?? DEFAULT_IDS_BATCH, info.maxRecordCount));
  for (let i = 0; i < todo.length; i += batch) {
    const chunk = todo.slice(i, i + batch);
    const res = await requestArcgisJson(ctx, {
      url: queryUrl,
      params: { objectIds: chunk.join(','), outFields, returnGeometry: 'false', f: format },
      // Hundreds of ids overflow a GET URL; requestArcgisJson switches to POST unless the host is GET-only.
      method: options.method,
      signal: options.signal,
    });
    const page = res.ok ? parsePage(res.value, format) : res;
    if (!page.ok) throwFailure(page.error);
    yield* emit(page.value.records, page.value.fields);
  }
}

import type { Result } from '../../lib/result.js';
import { ok } from '../../lib/result.js';
import { guessFieldMap, parcelLayerScore, type GuessedFieldMap } from './guess-field-map.js';
import { LayerInfoSchema, ServiceInfoSchema, ServicesDirectorySchema, type ArcgisClient } from './interface.js';

export interface DiscoveredLayer {
  url: string;
  service: string;
  serviceType: 'MapServer' | 'FeatureServer';
  id: number;
  name: string;
  kind: 'layer' | 'table';
  geometryType?: string;
  objectIdField?: string;
  maxRecordCount?: number;
  supportsPagination?: boolean;
  fieldNames: string[];
  guess: GuessedFieldMap;
  /** Likelihood that this is a parcel layer with owner data, in [0, 1]. */
  score: number;
}

export interface Discovery {
  rootUrl: string;
  /** Best parcel candidates first. */
  layers: DiscoveredLayer[];
  /** Folders, services or layers that could not be read; discovery goes on without them. */
  problems: Array<{ url: string; code: string; message: string }>;
  truncated: boolean;
}

export interface DiscoverOptions {
  client: ArcgisClient;
  /** e.g. `https://host/arcgis/rest/services` */
  servicesDirectoryUrl: string;
  maxDepth?: number;
  maxServices?: number;
  maxLayers?: number;
  signal?: AbortSignal;
}

const SERVICE_TYPES = new Set(['MapServer', 'FeatureServer']);

/**
 * Walks an ArcGIS services directory (folders recursively, bounded), reads every MapServer/FeatureServer
 * and its layers' fields, and ranks the layers by how much they look like a parcel layer with owner
 * and mailing fields. Read-only GETs through the client's rate limit.
 *
 * @example
 * const d = await discover({ client, servicesDirectoryUrl: 'https://gis.example.gov/arcgis/rest/services' });
 * const draft = draftMarketConfig(d.value, { key: 'orange', name: 'Orange', state: 'FL' });
 */
export async function discover(options: DiscoverOptions): Promise<Result<Discovery>> {
  const { client } = options;
  const root = options.servicesDirectoryUrl.replace(/\/+$/, '');
  const maxDepth = options.maxDepth ?? 3;
  const maxServices = options.maxServices ?? 50;
  const maxLayers = options.maxLayers ?? 200;
  const problems: Discovery['problems'] = [];
  const services: Array<{ name: string; type: 'MapServer' | 'FeatureServer' }> = [];
  let truncated = false;

  const rootRes = await client.getJson(root, { signal: options.signal });
  if (!rootRes.ok) return rootRes;

  const queue: Array<{ body: unknown; url: string; depth: number }> = [{ body: rootRes.value, url: root, depth: 0 }];
  while (queue.length > 0) {
    const { body, url, depth } = queue.shift()!;
    const dir = ServicesDirectorySchema.safeParse(body);
    if (!dir.success) {
      problems.push({ url, code: 'invalid_response', message: 'not a services directory' });
      continue;
    }
    for (const s of dir.data.services ?? []) {
      if (!SERVICE_TYPES.has(s.type)) continue;
      if (services.length >= maxServices) {
        truncated = true;
        break;
      }
      services.push({ name: s.name, type: s.type as 'MapServer' | 'FeatureServer' });
    }
    if (depth >= maxDepth) {
      if ((dir.data.folders ?? []).length > 0) truncated = true;
      continue;
    }
    for (const folder of dir.data.folders ?? []) {
      if (services.length >= maxServices) break;
      // Inside a folder listing, names are already folder-prefixed ("OCPA/Base"); folders at the root are bare.
      const folderUrl = `${root}/${folder.split('/').map(encodeURIComponent).join('/')}`;
      const res = await client.getJson(folderUrl, { signal: options.signal });
      if (!res.ok) problems.push({ url: folderUrl, code: res.error.code, message: res.error.message });
      else queue.push({ body: res.value, url: folderUrl, depth: depth + 1 });
    }
  }

  const layers: DiscoveredLayer[] = [];
  outer: for (const svc of services) {
    const svcUrl = `${root}/${svc.name.split('/').map(encodeURIComponent).join('/')}/${svc.type}`;
    const res = await client.getJson(svcUrl, { signal: options.signal });
    if (!res.ok) {
      problems.push({ url: svcUrl, code: res.error.code, message: res.error.message });
      continue;
    }
    const info = ServiceInfoSchema.safeParse(res.value);
    if (!info.success) {
      problems.push({ url: svcUrl, code: 'invalid_response', message: 'not a service description' });
      continue;
    }
    const refs = [
      ...(info.data.layers ?? []).filter((l) => !l.subLayerIds || l.subLayerIds.length === 0).map((l) => ({ ...l, kind: 'layer' as const })),
      ...(info.data.tables ?? []).map((t) => ({ ...t, kind: 'table' as const })),
    ];
    for (const ref of refs) {
      if (layers.length >= maxLayers) {
        truncated = true;
        break outer;
      }
      const layerUrl = `${svcUrl}/${ref.id}`;
      const lr = await client.getJson(layerUrl, { signal: options.signal });
      if (!lr.ok) {
        problems.push({ url: layerUrl, code: lr.error.code, message: lr.error.message });
        continue;
      }
      const layer = LayerInfoSchema.safeParse(lr.value);
      if (!layer.success) {
        problems.push({ url: layerUrl, code: 'invalid_response', message: 'not a layer description' });
        continue;
      }
      const fields = layer.data.fields ?? [];
      const guess = guessFieldMap(fields);
      const name = layer.data.name ?? ref.name;
      layers.push({
        url: layerUrl,
        service: svc.name,
        serviceType: svc.type,
        id: ref.id,
        name,
        kind: ref.kind,
        ...(layer.data.geometryType ? { geometryType: layer.data.geometryType } : {}),
        ...(layer.data.objectIdField ? { objectIdField: layer.data.objectIdField } : {}),
        ...(layer.data.maxRecordCount ? { maxRecordCount: layer.data.maxRecordCount } : {}),
        supportsPagination: layer.data.advancedQueryCapabilities?.supportsPagination === true,
        fieldNames: fields.map((f) => f.name),
        guess,
        score: parcelLayerScore(guess, { name, geometryType: layer.data.geometryType ?? null }),
      });
    }
  }
  layers.sort((a, b) => b.score - a.score || a.url.localeCompare(b.url));
  return ok({ rootUrl: root, layers, problems, truncated });
}

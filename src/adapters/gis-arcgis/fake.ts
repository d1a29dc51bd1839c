import { failure, ok } from '../../lib/result.js';
import { ArcgisQueryError, type ArcgisClient, type ArcgisRecord, type LayerInfo } from './interface.js';

export interface FakeArcgisLayer {
  info: Omit<LayerInfo, 'url'>;
  records: ArcgisRecord[];
}

export interface FakeArcgisClientOptions {
  layers?: Record<string, FakeArcgisLayer>;
  /** Raw `?f=json` bodies for services directories and service metadata, by URL. */
  json?: Record<string, unknown>;
  /** Every record matches: the fake has no SQL; filter with `match` when a test needs it. */
  match?: (record: ArcgisRecord, where: string) => boolean;
}

/** An in-memory ArcGIS port for service tests: no HTTP, no paging, same contract. */
export function createFakeArcgisClient(options: FakeArcgisClientOptions = {}): ArcgisClient {
  const layers = options.layers ?? {};
  const match = options.match ?? (() => true);
  const find = (url: string): FakeArcgisLayer | undefined => layers[url.replace(/\/+$/, '')];
  return {
    async getLayerInfo(url) {
      const l = find(url);
      return l ? ok({ ...l.info, url }) : failure('not_found', `no fake layer at ${url}`, false);
    },
    async *queryAll(q) {
      const l = find(q.layerUrl);
      if (!l) throw new ArcgisQueryError({ code: 'not_found', message: `no fake layer at ${q.layerUrl}`, retry: false });
      for (const r of l.records) if (match(r, q.where ?? '1=1')) yield { ...r };
    },
    async queryCount(q) {
      const l = find(q.layerUrl);
      if (!l) return failure('not_found', `no fake layer at ${q.layerUrl}`, false);
      return ok(l.records.filter((r) => match(r, q.where ?? '1=1')).length);
    },
    async getJson(url) {
      const key = url.replace(/\/+$/, '');
      if (options.json && key in options.json) return ok(options.json[key]);
      const l = find(key);
      if (l) return ok({ ...l.info, url: undefined });
      return failure('not_found', `no fake resource at ${url}`, false);
    },
  };
}

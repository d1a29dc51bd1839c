import { createFetchWithExtraCa } from '../public-records/fetch-with-extra-ca.js';
import type { FetchLike } from '../public-records/http-request.js';
import { createHostRateLimiter, type HostRateLimiter } from '../public-records/rate-limiter.js';
import { getLayerInfo } from './get-layer-info.js';
import type { ArcgisClient, ArcgisQuirks, LayerInfo } from './interface.js';
import { queryAll } from './query-all.js';
import { queryCount } from './query-count.js';
import { requestArcgisJson, type ArcgisContext } from './request-json.js';

export interface ArcgisClientOptions {
  /** Sent on every request; name Curb and a contact (config `ARCGIS_USER_AGENT`). */
  userAgent: string;
  timeoutMs?: number;
  /** Minimum spacing between two requests to one host (config `ARCGIS_MIN_INTERVAL_MS`). */
  minIntervalMs?: number;
  retries?: number;
  baseDelayMs?: number;
  quirks?: ArcgisQuirks;
  /**
   * ArcGIS tokens for secured layers, by host (`gis.example.gov`, or `gis.example.gov:6443` for one port only),
   * sent as `token=` to that host only and only over https (loopback exempt). Requests that carry a token do
   * not follow redirects. Config: `ARCGIS_TOKENS`, or `ARCGIS_TOKEN` with `ARCGIS_TOKEN_HOSTS`.
   */
  tokens?: Readonly<Record<string, string>>;
  /**
   * PEM certificates trusted in addition to the system roots, for a host that sends an incomplete chain
   * (market YAML `tls.extra_ca_bundle`). Verification stays on.
   */
  extraCa?: string;
  /** Share one limiter between clients that hit the same host. */
  rateLimiter?: HostRateLimiter;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The real ArcGIS REST client. One client per source (quirks are per source); pass a shared
 * `rateLimiter` when several sources live on one host.
 *
 * @example
 * const arcgis = createArcgisClient({ userAgent: 'Curb/0.1 (+mailto:ops@example.com)', quirks: { noAngleBrackets: true, preferPost: true } });
 * for await (const rec of arcgis.queryAll({ layerUrl, where: '1=1', outFields: ['PARCEL', 'NAME1'] })) { … }
 */
export function createArcgisClient(options: ArcgisClientOptions): ArcgisClient {
  const ctx: ArcgisContext = {
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs ?? 30_000,
    retries: options.retries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 1000,
    quirks: options.quirks ?? {},
    tokens: Object.fromEntries(Object.entries(options.tokens ?? {}).map(([host, token]) => [host.toLowerCase(), token])),
    rateLimiter: options.rateLimiter ?? createHostRateLimiter({ minIntervalMs: options.minIntervalMs ?? 1000, sleep: options.sleep }),
    fetch: options.fetch ?? (options.extraCa ? createFetchWithExtraCa({ ca: options.extraCa }) : undefined),
    sleep: options.sleep,
  };
  const layerInfoCache = new Map<string, LayerInfo>();
  return {
    getLayerInfo: (url, opts) => getLayerInfo(ctx, url, opts),
    queryAll: (q) => queryAll(ctx, q, layerInfoCache),
    queryCount: (q) => queryCount(ctx, q),
    getJson: (url, opts) => requestArcgisJson(ctx, { url: url.replace(/\/+$/, ''), params: { f: 'json' }, method: 'GET', signal: opts?.signal }),
  };
}

import { systemClock, type Clock } from '../../lib/clock.js';
import { type AppFailure } from '../../lib/result.js';
import { httpRequest, type FetchLike } from '../public-records/http-request.js';
import { createHostRateLimiter } from '../public-records/rate-limiter.js';
import { buildOffMarketFilter } from './build-filter.js';
import {
  DEFAULT_SELECT,
  ODataErrorSchema,
  ODataPageSchema,
  ResoQueryError,
  type ExpiredListingProspect,
  type FetchOffMarketOptions,
  type QueryResourceOptions,
  type ResoAuth,
  type ResoClient,
} from './interface.js';
import { mapListing } from './map-listing.js';
import { createTokenProvider } from './token-provider.js';

export interface ResoClientOptions {
  /** The OData service root, e.g. `https://api.mls.example/reso/odata` (config `RESO_BASE_URL`). */
  baseUrl: string;
  auth: ResoAuth;
  userAgent: string;
  clock?: Clock;
  timeoutMs?: number;
  minIntervalMs?: number;
  retries?: number;
  baseDelayMs?: number;
  /** Safety stop for one sync run. */
  maxPages?: number;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

const fail = (f: AppFailure): never => {
  throw new ResoQueryError(f);
};

/**
 * A RESO Web API client: OData `$filter/$select/$orderby/$top`, paging by `@odata.nextLink` with a
 * `$skip` fallback for servers that do not send one, and one token refresh on a 401.
 *
 * @example
 * const reso = createResoClient({ baseUrl, auth: { kind: 'client_credentials', tokenUrl, clientId, clientSecret }, userAgent });
 * for await (const p of reso.fetchOffMarketListings({ modifiedSince: new Date('2025-01-01T00:00:00Z') })) { … }
 */
export function createResoClient(options: ResoClientOptions): ResoClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limiter = createHostRateLimiter({ minIntervalMs: options.minIntervalMs ?? 250, sleep: options.sleep });
  const tokens = createTokenProvider({ auth: options.auth, clock: options.clock ?? systemClock, timeoutMs, userAgent: options.userAgent, fetch: options.fetch, sleep: options.sleep });
  const maxPages = options.maxPages ?? 10_000;

  async function getPage(url: string, signal?: AbortSignal) {
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.get(signal);
      if (!token.ok) return fail(token.error);
      const res = await httpRequest({
        url,
        headers: { Authorization: `Bearer ${token.value}`, Accept: 'application/json', 'User-Agent': options.userAgent },
        timeoutMs,
        retry: { retries: options.retries ?? 3, baseDelayMs: options.baseDelayMs ?? 1000 },
        rateLimiter: limiter,
        fetch: options.fetch,
        sleep: options.sleep,
        signal,
      });
      if (!res.ok) return fail(res.error);
      const { status, body } = res.value;
      if (status === 401 && attempt === 0 && options.auth.kind === 'client_credentials') {
        // The token expired or was revoked server-side before our clock said so: refresh once.
        tokens.invalidate();
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const odataError = ODataErrorSchema.safeParse(json);
      const message = odataError.success ? (odataError.data.error.message ?? String(odataError.data.error.code)) : `HTTP ${status}`;
      if (status === 401) return fail({ code: 'unauthorized', message: `RESO server refused the token: ${message}`, retry: false });
      if (status === 403) return fail({ code: 'forbidden', message: `RESO server: ${message}`, retry: false });
      if (status === 429 || status >= 500) return fail({ code: 'upstream_error', message: `RESO server: ${message}`, retry: true });
      if (status >= 400 || odataError.success) return fail({ code: 'bad_request', message: `RESO server rejected the query: ${message}`, retry: false, details: { url } });
      const page = ODataPageSchema.safeParse(json);
      if (!page.success) return fail({ code: 'invalid_response', message: 'RESO answer has no value array', retry: false });
      return page.data;
    }
  }

  async function* queryResource(q: QueryResourceOptions): AsyncGenerator<Record<string, unknown>, void, undefined> {
    const top = q.top ?? 200;
    const params = new URLSearchParams();
    if (q.filter) params.set('$filter', q.filter);
    if (q.select && q.select.length > 0) params.set('$select', q.select.join(','));
    if (q.orderBy) params.set('$orderby', q.orderBy);
    params.set('$top', String(top));
    const first = `${base}/${q.resource}?${params.toString().replaceAll('+', '%20')}`;
    let url: string | undefined = first;
    let skip = 0;
    for (let pages = 0; url && pages < maxPages; pages++) {
      const page = await getPage(url, q.signal);
      yield* page.value;
      const next = page['@odata.nextLink'];
      if (next) {
        url = new URL(next, `${base}/`).toString();
      } else if (page.value.length >= top) {
        // No nextLink but a full page: the server may page only by $skip.
        skip += page.value.length;
        const p = new URLSearchParams(params);
        p.set('$skip', String(skip));
        url = `${base}/${q.resource}?${p.toString().replaceAll('+', '%20')}`;
      } else {
        url = undefined;
      }
    }
  }

  return {
    queryResource,
    async *fetchOffMarketListings(o: FetchOffMarketOptions): AsyncGenerator<ExpiredListingProspect, void, undefined> {
      const statuses = o.statuses ?? ['Expired', 'Withdrawn', 'Canceled'];
      for await (const rec of queryResource({
        resource: 'Property',
        filter: buildOffMarketFilter(statuses, o.modifiedSince),
        select: o.select ?? DEFAULT_SELECT,
        // Ordering by the timestamp makes an interrupted sync resumable from the last one seen.
        orderBy: 'ModificationTimestamp asc,ListingKey asc',
        top: o.top ?? 200,
        signal: o.signal,
      })) {
        const p = mapListing(rec);
        if (p) yield p;
      }
    },
  };
}

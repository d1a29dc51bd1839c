import { failure, ok, type Result } from '../../lib/result.js';
import { httpRequest, type FetchLike } from '../public-records/http-request.js';
import { createHostRateLimiter, type HostRateLimiter } from '../public-records/rate-limiter.js';
import {
  BatchDataResponseSchema,
  type BatchDataPerson,
  type BatchDataRequestBody,
  type BatchDataResponse,
  type BatchDataResultItem,
  type SkipTracePerson,
  type SkipTraceProvider,
  type SkipTraceRequest,
  type SkipTraceResult,
} from './interface.js';
import { lineTypeOf, toE164 } from './normalize-phone.js';

export interface BatchDataProviderOptions {
  /** `https://api.batchdata.com` in production (config `BATCHDATA_BASE_URL`). */
  baseUrl: string;
  /** Bearer token (config `BATCHDATA_API_TOKEN`). */
  token: string;
  timeoutMs?: number;
  /** Minimum spacing between two calls (config `BATCHDATA_MIN_INTERVAL_MS`). */
  minIntervalMs?: number;
  /** Attempts after the first, for the safe cases only (429, 503, connection refused). */
  retries?: number;
  baseDelayMs?: number;
  userAgent?: string;
  rateLimiter?: HostRateLimiter;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

const MAX_BATCH = 100;
const NAME = 'batchdata';

function personName(p: BatchDataPerson): string {
  return p.name?.full ?? [p.name?.first, p.name?.last].filter(Boolean).join(' ');
}

function mapPerson(p: BatchDataPerson): SkipTracePerson {
  const phones = (p.phones ?? p.phoneNumbers ?? []).flatMap((ph) => {
    const e164 = toE164(ph.number);
    if (!e164) return [];
    const raw = ph.confidence ?? ph.score ?? undefined;
    // `score` is 0–100 in the variant that uses it; `confidence` is 0–1.
    const confidence = raw === undefined || Number.isNaN(raw) ? undefined : raw > 1 ? raw / 100 : raw;
    return [{
      e164,
      lineType: lineTypeOf(ph.type),
      ...(ph.carrier ? { carrier: ph.carrier } : {}),
      ...(confidence === undefined ? {} : { confidence }),
      ...(ph.dnc === null || ph.dnc === undefined ? {} : { dnc: ph.dnc }),
      // The documented body flags a known TCPA litigator as `tcpa`; other clients read `litigator`.
      ...((ph.litigator ?? ph.tcpa) == null ? {} : { litigator: (ph.litigator ?? ph.tcpa)! }),
      ...(ph.lastReportedDate ? { lastSeen: ph.lastReportedDate } : {}),
    }];
  });
  const emails = (p.emails ?? []).map((e) => (typeof e === 'string' ? { address: e } : { address: e.email, ...(e.tested == null ? {} : { verified: e.tested }) }));
  const m = p.mailingAddress;
  return {
    fullName: personName(p),
    phones,
    emails,
    ...(m?.street ? { mailingAddress: { street: m.street, ...(m.city ? { city: m.city } : {}), ...(m.state ? { state: m.state } : {}), ...(m.zip ? { zip: m.zip } : {}) } } : {}),
  };
}

function itemsOf(body: BatchDataResponse): { items: BatchDataResultItem[]; loosePersons?: BatchDataPerson[] } {
  if (body.result?.data) return { items: body.result.data };
  if (Array.isArray(body.results)) return { items: body.results };
  if (body.results?.data) return { items: body.results.data };
  return { items: [], ...(body.results?.persons ? { loosePersons: body.results.persons } : {}) };
}

const requestIdOf = (item: BatchDataResultItem): string | undefined => item.input?.requestId ?? item.request?.requestId ?? item.requestId ?? undefined;

/** Maps a BatchData body to one result per request, matched by requestId (never by array position). */
export function mapBatchDataResponse(batch: ReadonlyArray<SkipTraceRequest>, body: BatchDataResponse): SkipTraceResult[] {
  const { items, loosePersons } = itemsOf(body);
  const byId = new Map<string, BatchDataResultItem>();
  for (const item of items) {
    const id = requestIdOf(item);
    if (id !== undefined) byId.set(id, item);
  }
  // The `results.persons` variant carries no request id: it can only belong to a batch of one.
  if (loosePersons && batch.length === 1) byId.set(batch[0]!.requestId, { persons: loosePersons });
  return batch.map((req) => {
    const item = byId.get(req.requestId);
    const persons = (item?.persons ?? []).map(mapPerson);
    const matched = item?.meta?.matched ?? persons.length > 0;
    return { requestId: req.requestId, matched, persons, provider: NAME, billedUnits: matched ? 1 : 0, raw: item ?? null };
  });
}

function toWire(batch: ReadonlyArray<SkipTraceRequest>): BatchDataRequestBody {
  return {
    requests: batch.map((r) => {
      let first = r.ownerName?.first;
      let last = r.ownerName?.last;
      if (!first && !last && r.ownerName?.full) {
        // Property-appraiser rolls write "LAST FIRST M"; BatchData wants the parts.
        const [l, f] = r.ownerName.full.trim().split(/\s+/);
        last = l;
        first = f;
      }
      return {
        requestId: r.requestId,
        propertyAddress: { street: r.propertyAddress.street, city: r.propertyAddress.city, state: r.propertyAddress.state, zip: r.propertyAddress.zip },
        ...(first || last ? { name: { first, last } } : {}),
      };
    }),
  };
}

/**
 * BatchData's synchronous property skip-trace (`POST {base}/api/v1/property/skip-trace`, Bearer token,
 * ≤100 requests per call). Every call is billable, so only failures that prove the work was not done
 * are retried: 429, 503 and connection errors before the request left. A timeout or other 5xx is
 * returned as non-retryable: a person decides whether to pay again.
 */
export function createBatchDataProvider(options: BatchDataProviderOptions): SkipTraceProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const limiter = options.rateLimiter ?? createHostRateLimiter({ minIntervalMs: options.minIntervalMs ?? 500, sleep: options.sleep });
  return {
    name: NAME,
    matchesBy: 'address',
    maxBatch: MAX_BATCH,
    async trace(batch, opts = {}): Promise<Result<SkipTraceResult[]>> {
      if (batch.length === 0) return ok([]);
      if (batch.length > MAX_BATCH) return failure('batch_too_large', `BatchData takes at most ${MAX_BATCH} requests per call, got ${batch.length}`, false);
      const ids = new Set<string>();
      for (const [i, r] of batch.entries()) {
        if (!r.propertyAddress.street.trim()) return failure('validation_failed', `request ${i} (${r.requestId}) has no property street`, false, { index: i, field: 'propertyAddress.street' });
        if (ids.has(r.requestId)) return failure('validation_failed', `requestId ${r.requestId} appears twice; results are matched by it`, false, { index: i, field: 'requestId' });
        ids.add(r.requestId);
      }
      const sent = await httpRequest({
        url: `${base}/api/v1/property/skip-trace`,
        method: 'POST',
        headers: {
          Authorization: `Bearer ${options.token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
        },
        body: JSON.stringify(toWire(batch)),
        timeoutMs: options.timeoutMs ?? 60_000,
        retry: {
          retries: options.retries ?? 3,
          baseDelayMs: options.baseDelayMs ?? 1000,
          retryStatus: (s) => s === 429 || s === 503,
          retryTimeouts: false,
          retryAmbiguousNetworkErrors: false,
        },
        rateLimiter: limiter,
        fetch: options.fetch,
        sleep: options.sleep,
        signal: opts.signal,
      });
      if (!sent.ok) {
        if (sent.error.code === 'timeout') {
          return failure('outcome_unknown', `BatchData did not answer in time; the batch may have been processed and billed, so it is not retried automatically`, false, { requestIds: [...ids] });
        }
        return { ok: false, error: { ...sent.error, details: { ...(sent.error.details as object), requestIds: [...ids] } } };
      }
      const res = sent.value;
      let json: unknown;
      try {
        json = JSON.parse(res.body);
      } catch {
        json = undefined;
      }
      const parsed = BatchDataResponseSchema.safeParse(json);
      const status = parsed.success ? parsed.data.status : undefined;
      const code = status?.code ?? res.status;
      const message = status?.message ?? status?.text ?? `HTTP ${res.status}`;
      if (res.status === 429 || code === 429) return failure('rate_limited', `BatchData rate limit: ${message}`, true);
      if (res.status === 503 || code === 503) return failure('provider_unavailable', `BatchData unavailable: ${message}`, true);
      if (code === 401 || res.status === 401) return failure('unauthorized', `BatchData rejected the token: ${message}`, false);
      if (code === 403 || res.status === 403) return failure('forbidden', `BatchData refused: ${message}`, false);
      if (res.status >= 500 || code >= 500) {
        return failure('upstream_error', `BatchData answered ${code}: ${message}; not retried because the batch may have been billed`, false, { requestIds: [...ids] });
      }
      if (res.status >= 400 || code >= 400) return failure('bad_request', `BatchData rejected the request: ${message}`, false);
      if (!parsed.success) return failure('invalid_response', 'BatchData answer has an unexpected shape', false, { issues: parsed.error.issues.slice(0, 5) });
      return ok(mapBatchDataResponse(batch, parsed.data));
    },
  };
}

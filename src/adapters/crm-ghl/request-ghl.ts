/**
 * One LeadConnector request with everything every call needs: Bearer token, the endpoint's `Version`
 * header, a timeout per attempt, the client-side rate limiter, retries with exponential back-off and full
 * jitter on 408/429/5xx/timeouts/connection errors only, and the circuit breaker.
 *
 * Why not `adapters/llm/request-json.ts`: it knows only GET/POST, words failures as `llm_*` codes and
 * never shows the response headers, and HighLevel's limits live in those headers. The breaker is shared.
 */
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { CircuitBreaker } from '../../lib/circuit-breaker.js';
import { GhlFailureCode, WireErrorSchema, type GhlApiVersion } from './interface.js';
import type { GhlRateLimiter } from './rate-limiter.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface GhlTransport {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  clock: Clock;
  timeoutMs: number;
  /** Extra attempts after the first, for retryable failures. */
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A 429 asking to wait longer than this is returned to the caller (a job can reschedule) instead of slept on. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  breaker: CircuitBreaker;
  limiter: GhlRateLimiter;
}

export interface GhlRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, already URL-encoded, e.g. `/contacts/abc`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  version: GhlApiVersion;
  /**
   * false for a request that has an effect each time it runs (sending a message, booking). HighLevel has
   * no idempotency key, so such a request is retried only when it surely did not run: a 429, a 502/503,
   * or a connection that never opened. A timeout or a 500/504 comes back retryable with
   * `details.ambiguous: true` and the caller (which owns the touch's idempotency) decides.
   */
  idempotent?: boolean;
}

export interface GhlResponse {
  status: number;
  json: unknown;
  attempts: number;
}

type AttemptOutcome =
  | { kind: 'ok'; status: number; json: unknown }
  | { kind: 'throttled'; failure: AppFailure; waitMs: number };

function errorMessage(json: unknown, text: string): string {
  const parsed = WireErrorSchema.safeParse(json);
  if (parsed.success) {
    const m = parsed.data.message ?? parsed.data.msg ?? parsed.data.error;
    if (Array.isArray(m)) return m.join('; ');
    if (m) return m;
  }
  return text.slice(0, 200);
}

// Answers that mean the request was not processed: a gateway or overload refusal before the API ran.
const NOT_PROCESSED_STATUSES = new Set([429, 502, 503]);
// Connection errors raised before any byte reached HighLevel.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function statusFailure(status: number, message: string, details: Record<string, unknown>): AppFailure {
  const f = (code: string, retry: boolean): AppFailure => ({ code, message, retry, details: retry ? { ...details, ambiguous: !NOT_PROCESSED_STATUSES.has(status) } : details });
  if (status === 401) return f(GhlFailureCode.Unauthorized, false);
  if (status === 403) return f(GhlFailureCode.Forbidden, false);
  if (status === 404) return f(GhlFailureCode.NotFound, false);
  if (status === 429) return f(GhlFailureCode.RateLimited, true);
  if (status === 408 || status >= 500) return f(GhlFailureCode.Unavailable, true);
  return f(GhlFailureCode.BadRequest, false);
}

/** `Retry-After` in seconds or as an HTTP date; falls back to the burst interval header. */
function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw !== null) {
    const secs = Number(raw);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(raw);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const interval = Number(headers.get('x-ratelimit-interval-milliseconds'));
  return Number.isFinite(interval) && interval > 0 ? interval : undefined;
}

function buildUrl(t: GhlTransport, r: GhlRequest): string {
  const url = new URL(t.baseUrl.replace(/\/+$/, '') + r.path);
  for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

async function attempt(t: GhlTransport, r: GhlRequest, url: string): Promise<Result<AttemptOutcome, AppFailure>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, t.timeoutMs);
  const what = `GoHighLevel ${r.method} ${r.path}`;
  try {
    const res = await t.fetch(url, {
      method: r.method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${t.token}`,
        version: r.version,
        ...(r.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
      signal: controller.signal,
    });
    // The body is read under the same timeout: headers followed by a stall is a timeout too.
    const text = await res.text();
    t.limiter.observe(res.headers);
    let json: unknown = null;
    let parsed = text.trim() === '';
    if (!parsed) {
      try {
        json = JSON.parse(text) as unknown;
        parsed = true;
      } catch {
        parsed = false;
      }
    }
    if (res.ok) {
      if (!parsed) return failure(GhlFailureCode.InvalidResponse, `${what}: response is not JSON: ${text.slice(0, 200)}`, false);
      return ok({ kind: 'ok', status: res.status, json });
    }
    const message = `${what}: HTTP ${res.status}: ${errorMessage(json, text)}`;
    const f = statusFailure(res.status, message, { status: res.status, ...(parsed && json !== null ? { body: json } : {}) });
    if (res.status === 429) {
      // A 429 says the provider is healthy and busy: it must not count towards opening the circuit.
      return ok({ kind: 'throttled', failure: f, waitMs: retryAfterMs(res.headers, t.clock.now().getTime()) ?? 0 });
    }
    return { ok: false, error: f };
  } catch (e) {
    if (timedOut) return failure(GhlFailureCode.Timeout, `${what}: no answer within ${t.timeoutMs} ms`, true, { ambiguous: true });
    const cause = e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.message) : String(e);
    return failure(GhlFailureCode.Unavailable, `${what}: cannot connect (${cause})`, true, { cause, ambiguous: !NEVER_SENT.has(cause) });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * @example
 * const r = await requestGhl(transport, { method: 'GET', path: `/contacts/${id}`, version: GhlApiVersion.Default });
 */
export async function requestGhl(t: GhlTransport, r: GhlRequest): Promise<Result<GhlResponse, AppFailure>> {
  const url = buildUrl(t, r);
  const maxAttempts = 1 + Math.max(0, t.retries);
  let last: AppFailure | undefined;
  for (let n = 1; n <= maxAttempts; n++) {
    const slot = await t.limiter.acquire();
    if (!slot.ok) return slot;
    const out = await t.breaker.execute(() => attempt(t, r, url));
    let waitMs = 0;
    if (out.ok && out.value.kind === 'ok') return ok({ status: out.value.status, json: out.value.json, attempts: n });
    if (out.ok && out.value.kind === 'throttled') {
      last = { ...out.value.failure, details: { ...(out.value.failure.details as object), attempts: n, retryAfterMs: out.value.waitMs } };
      if (out.value.waitMs > t.maxRetryAfterMs) break;
      waitMs = out.value.waitMs;
    } else if (!out.ok) {
      last = { ...out.error, details: { ...(out.error.details as object | undefined), attempts: n } };
      if (!out.error.retry || out.error.code === GhlFailureCode.CircuitOpen) break;
      if (r.idempotent === false && (out.error.details as { ambiguous?: boolean } | undefined)?.ambiguous !== false) break;
    }
    if (n === maxAttempts) break;
    // Full jitter keeps many workers from retrying in lock-step against a struggling server.
    const backoff = Math.min(t.backoffMaxMs, t.backoffBaseMs * 2 ** (n - 1)) * t.random();
    await t.sleep(Math.max(backoff, waitMs));
  }
  return { ok: false, error: last! };
}

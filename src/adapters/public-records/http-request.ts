import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { realSleep, type HostRateLimiter } from './rate-limiter.js';

/**
 * The one HTTP primitive the lead-source adapters share: a timeout per attempt (AbortController), a
 * per-host rate limit, and exponential backoff on transient failures only. Every adapter decides what a
 * final status means; this function only says whether the exchange happened.
 */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  url: string;
}

export interface RetryPolicy {
  /** Extra attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Statuses worth another attempt (5xx, 429 by default). */
  retryStatus: (status: number) => boolean;
  /** A body can also say "try later" (ArcGIS answers HTTP 200 with `{error:{code:500}}`). */
  retryResponse?: (response: HttpResponse) => boolean;
  /**
   * Whether a timeout may be retried. False for billable POSTs: the server may have done the work.
   */
  retryTimeouts: boolean;
  /** Whether a connection error after the request may have left is retried (refused/DNS always are). */
  retryAmbiguousNetworkErrors: boolean;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  retryStatus: (s) => s >= 500 || s === 429,
  retryTimeouts: true,
  retryAmbiguousNetworkErrors: true,
};

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpRequestOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  rateLimiter?: HostRateLimiter;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** `manual` returns a 3xx as the answer instead of following it (a request carrying a host's secret). */
  redirect?: 'follow' | 'manual';
}

// Errors raised before any byte reached the server: a retry cannot cause a duplicate side effect.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

// Certificate verification failures: the same chain fails the same way on every attempt.
const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE', 'INVALID_CA', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function networkErrorCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** Delay before attempt `attempt` (1-based retry count), honouring a numeric Retry-After. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, retryAfter?: string | null): number {
  const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, policy.maxDelayMs);
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

/**
 * Sends one request with retries. Returns `ok(response)` for any final HTTP answer (the caller reads the
 * status), and a failure only when no usable answer came: `timeout`, `network_error`, `aborted`, or
 * `tls_untrusted` (a certificate that does not verify: not retried).
 */
export async function httpRequest(options: HttpRequestOptions): Promise<Result<HttpResponse>> {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const sleep = options.sleep ?? realSleep;
  const host = new URL(options.url).host;
  let last: AppFailure | undefined;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (options.signal?.aborted) return failure('aborted', 'request cancelled by caller', false);
    await options.rateLimiter?.wait(host);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeoutMs);
    const onOuterAbort = (): void => controller.abort(new Error('aborted'));
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let retryAfter: string | null = null;
    try {
      const res = await doFetch(options.url, {
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
        signal: controller.signal,
        redirect: options.redirect ?? 'follow',
      });
      const body = await res.text();
      const response: HttpResponse = { status: res.status, headers: res.headers, body, url: res.url || options.url };
      const transient = policy.retryStatus(res.status) || (policy.retryResponse?.(response) ?? false);
      if (!transient || attempt === policy.retries) return ok(response);
      retryAfter = res.headers.get('retry-after');
      last = { code: 'upstream_error', message: `HTTP ${res.status} from ${host}`, retry: true };
    } catch (e) {
      if (options.signal?.aborted) return failure('aborted', 'request cancelled by caller', false);
      const timedOut = controller.signal.aborted;
      const code = networkErrorCode(e);
      if (timedOut) {
        last = { code: 'timeout', message: `no answer from ${host} within ${options.timeoutMs} ms`, retry: policy.retryTimeouts };
        if (!policy.retryTimeouts) return { ok: false, error: last };
      } else if (code !== undefined && TLS_VERIFY_CODES.has(code)) {
        return failure('tls_untrusted', `${host}: its certificate could not be verified (${code})`, false, { cause: code });
      } else {
        const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
        last = {
          code: 'network_error',
          message: `could not reach ${host}: ${code ?? (e instanceof Error ? e.message : String(e))}`,
          retry: true,
          details: { neverSent, cause: code },
        };
        if (!neverSent && !policy.retryAmbiguousNetworkErrors) return { ok: false, error: { ...last, retry: false } };
      }
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onOuterAbort);
    }
    if (attempt < policy.retries) await sleep(backoffDelay(attempt + 1, policy, retryAfter));
  }
  return { ok: false, error: last ?? { code: 'network_error', message: 'request failed', retry: true } };
}

/**
 * One JSON request to a model server with the behaviour every HTTP adapter shares: a timeout per attempt
 * (AbortController), retries with exponential back-off and full jitter on retryable failures only
 * (timeouts, connection errors, 408/425/429/5xx/529 — never 400/401/403/404), and a circuit breaker.
 */
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { CircuitBreaker } from '../../lib/circuit-breaker.js';
import { LlmFailureCode } from './interface.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** How an adapter's calls behave; built once per provider from its options. */
export interface HttpTransport {
  fetch: FetchLike;
  timeoutMs: number;
  /** Extra attempts after the first, for retryable failures. */
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  breaker?: CircuitBreaker;
}

export interface JsonRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the transport's timeout (a model pull takes minutes). */
  timeoutMs?: number;
}

export interface RequestJsonOptions {
  request: JsonRequest;
  transport: HttpTransport;
  /** Pulls the provider's error message out of an error body (each API words it differently). */
  errorMessage?: (body: unknown) => string | undefined;
  /** Lets a provider refine the code of an HTTP error (e.g. Ollama's 404 means "model not pulled"). */
  classify?: (status: number, message: string) => Partial<AppFailure> | undefined;
}

export interface JsonResponse {
  status: number;
  json: unknown;
  attempts: number;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 529]);

function statusFailure(status: number, message: string): AppFailure {
  if (status === 429) return { code: LlmFailureCode.RateLimited, message, retry: true };
  if (status === 529) return { code: LlmFailureCode.Overloaded, message, retry: true };
  if (RETRYABLE_STATUS.has(status)) return { code: LlmFailureCode.Unavailable, message, retry: true };
  if (status === 401 || status === 403) return { code: LlmFailureCode.Unauthorized, message, retry: false };
  if (status === 404) return { code: LlmFailureCode.ModelNotFound, message, retry: false };
  return { code: LlmFailureCode.BadRequest, message, retry: false };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

async function attempt(o: RequestJsonOptions): Promise<Result<{ status: number; json: unknown }, AppFailure> & { retryAfterMs?: number }> {
  const { request, transport } = o;
  const controller = new AbortController();
  let timedOut = false;
  const timeoutMs = request.timeoutMs ?? transport.timeoutMs;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await transport.fetch(request.url, {
      method: request.method,
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: controller.signal,
    });
    // The body is read under the same timeout: a server that sends headers and then stalls is a timeout too.
    const text = await res.text();
    const parsed = parseJson(text);
    if (res.ok) {
      if (!parsed.ok) return failure(LlmFailureCode.InvalidResponse, `${request.url}: response is not JSON: ${text.slice(0, 200)}`, false);
      return ok({ status: res.status, json: parsed.value });
    }
    const providerMessage = parsed.ok ? o.errorMessage?.(parsed.value) : undefined;
    const message = `${request.url}: HTTP ${res.status}${providerMessage ? `: ${providerMessage}` : text ? `: ${text.slice(0, 200)}` : ''}`;
    const base = statusFailure(res.status, message);
    const refined = { ...base, ...o.classify?.(res.status, providerMessage ?? text) };
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      ok: false,
      error: { ...refined, details: { status: res.status, ...(parsed.ok ? { body: parsed.value } : {}) } },
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
  } catch (e) {
    if (timedOut) return failure(LlmFailureCode.Timeout, `${request.url}: no answer within ${timeoutMs} ms`, true);
    if (request.signal?.aborted) return failure(LlmFailureCode.Aborted, `${request.url}: cancelled by the caller`, false);
    const cause = e instanceof Error ? ((e.cause as { code?: string } | undefined)?.code ?? e.message) : String(e);
    return failure(LlmFailureCode.Unavailable, `${request.url}: cannot connect (${cause})`, true);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * @example
 * const r = await requestJson({ request: { url: `${host}/api/tags`, method: 'GET' }, transport });
 */
export async function requestJson(o: RequestJsonOptions): Promise<Result<JsonResponse, AppFailure>> {
  const { transport } = o;
  const maxAttempts = 1 + Math.max(0, transport.retries);
  let last: AppFailure | undefined;
  for (let n = 1; n <= maxAttempts; n++) {
    let retryAfterMs: number | undefined;
    const run = async (): Promise<Result<{ status: number; json: unknown }, AppFailure>> => {
      const r = await attempt(o);
      retryAfterMs = r.retryAfterMs;
      return r;
    };
    const r = transport.breaker ? await transport.breaker.execute(run) : await run();
    if (r.ok) return ok({ ...r.value, attempts: n });
    last = { ...r.error, details: { ...(r.error.details as object | undefined), attempts: n } };
    if (!r.error.retry || r.error.code === LlmFailureCode.CircuitOpen || n === maxAttempts) break;
    // Full jitter keeps many workers from retrying in lock-step against a struggling server.
    const backoff = Math.min(transport.backoffMaxMs, transport.backoffBaseMs * 2 ** (n - 1)) * transport.random();
    if (retryAfterMs !== undefined && retryAfterMs > transport.backoffMaxMs) break;
    await transport.sleep(Math.max(backoff, retryAfterMs ?? 0));
  }
  return { ok: false, error: last! };
}

import { failure, ok, type Result } from '../../lib/result.js';
import { httpRequest, type FetchLike, type HttpResponse } from '../public-records/http-request.js';
import type { HostRateLimiter } from '../public-records/rate-limiter.js';
import { ArcgisErrorBodySchema, type ArcgisQuirks } from './interface.js';

/** Everything a single ArcGIS request needs; built once by `createArcgisClient`. */
export interface ArcgisContext {
  userAgent: string;
  timeoutMs: number;
  retries: number;
  baseDelayMs: number;
  quirks: ArcgisQuirks;
  /** Token per host (`host` or `host:port`, lower case): a token goes to its own host only. */
  tokens: Readonly<Record<string, string>>;
  rateLimiter: HostRateLimiter;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestArcgisJsonOptions {
  url: string;
  params: Record<string, string>;
  method?: 'GET' | 'POST';
  signal?: AbortSignal;
}

// URLs longer than this are sent as POST where the host allows it (IIS and proxies cut near 2 KB).
const MAX_GET_URL = 1800;

/** HTTP-200 error codes that a later attempt may fix; 400/498/499 never are. */
const isTransientArcgisCode = (code: number): boolean => code >= 500;

function classifyArcgisError(code: number, message: string, details: unknown): Result<never> {
  if (code === 499) return failure('arcgis_token_required', `ArcGIS: token required (${message})`, false, { arcgisCode: code, details });
  if (code === 498) return failure('arcgis_token_invalid', `ArcGIS: invalid or expired token (${message})`, false, { arcgisCode: code, details });
  if (code === 403) return failure('arcgis_forbidden', `ArcGIS: ${message}`, false, { arcgisCode: code, details });
  if (isTransientArcgisCode(code)) return failure('arcgis_unavailable', `ArcGIS: ${message}`, true, { arcgisCode: code, details });
  return failure('arcgis_error', `ArcGIS error ${code}: ${message}`, false, { arcgisCode: code, details });
}

function looksLikeHtml(res: HttpResponse): boolean {
  const type = res.headers.get('content-type') ?? '';
  return type.includes('text/html') || /^\s*</.test(res.body);
}

function hasTransientErrorBody(res: HttpResponse): boolean {
  if (res.status !== 200 || !res.body.includes('"error"')) return false;
  try {
    const parsed = ArcgisErrorBodySchema.safeParse(JSON.parse(res.body));
    return parsed.success && isTransientArcgisCode(parsed.data.error.code);
  } catch {
    return false;
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The token configured for this URL's host: `host:port` first, then the bare host name (any port). A host
 * without an entry gets no token, whatever other hosts have.
 */
function tokenForUrl(tokens: Readonly<Record<string, string>>, url: URL): string | undefined {
  const hostname = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return tokens[`${hostname}:${port}`] ?? tokens[hostname];
}

function encodeForm(params: Record<string, string>, percent20: boolean): string {
  const body = new URLSearchParams(params).toString();
  // URLSearchParams writes spaces as '+'; a literal '+' is already %2B, so the swap is lossless.
  return percent20 ? body.replaceAll('+', '%20') : body;
}

/**
 * Sends one ArcGIS REST request and returns the parsed JSON body, or a typed failure. ArcGIS reports
 * most errors as HTTP 200 with `{"error":{code,message,details}}`, so the body is checked before use.
 */
export async function requestArcgisJson(ctx: ArcgisContext, options: RequestArcgisJsonOptions): Promise<Result<unknown>> {
  const params: Record<string, string> = { ...options.params };
  const target = new URL(options.url);
  const token = tokenForUrl(ctx.tokens, target);
  if (token) {
    // Over plain http the token would cross the network readable; loopback (a local proxy, tests) is exempt.
    if (target.protocol !== 'https:' && !LOOPBACK.has(target.hostname.toLowerCase())) {
      return failure('arcgis_token_insecure', `a token is configured for ${target.host}, but ${target.origin} is plain http: Curb sends tokens over https only`, false, { url: options.url });
    }
    params['token'] = token;
  }
  const query = new URLSearchParams(params).toString();
  let method = options.method ?? (ctx.quirks.preferPost ? 'POST' : 'GET');
  if (method === 'GET' && options.url.length + query.length + 1 > MAX_GET_URL) method = 'POST';
  if (ctx.quirks.getOnly) method = 'GET';

  const headers: Record<string, string> = { 'User-Agent': ctx.quirks.userAgent ?? ctx.userAgent, Accept: 'application/json' };
  const url = method === 'GET' ? `${options.url}?${query}` : options.url;
  let body: string | undefined;
  if (method === 'POST') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = encodeForm(params, ctx.quirks.encodeSpacesAsPercent20 ?? false);
  }

  const sent = await httpRequest({
    url,
    method,
    headers,
    body,
    timeoutMs: ctx.timeoutMs,
    retry: { retries: ctx.retries, baseDelayMs: ctx.baseDelayMs, retryResponse: hasTransientErrorBody },
    rateLimiter: ctx.rateLimiter,
    fetch: ctx.fetch,
    sleep: ctx.sleep,
    signal: options.signal,
    // A redirect would carry the token (query string or re-sent body) to wherever it points.
    ...(token ? { redirect: 'manual' as const } : {}),
  });
  if (!sent.ok) {
    if (sent.error.code === 'tls_untrusted') {
      return failure('tls_untrusted', `${sent.error.message}; if the host sends an incomplete chain, give the source a tls.extra_ca_bundle (never disable verification)`, false, sent.error.details);
    }
    return sent;
  }
  const res = sent.value;

  if (token && res.status >= 300 && res.status < 400) {
    const location = res.headers.get('location') ?? '';
    return failure(
      'arcgis_redirected',
      `${target.host} redirected a request that carries its token to ${location || 'another address'}; Curb does not follow it: set the source's url to the final address (and scope a token to that host if it needs one)`,
      false,
      { status: res.status, location },
    );
  }

  if (res.status === 403 && looksLikeHtml(res)) {
    const hint = /[<>]/.test(decodeURIComponent(query)) ? ' (the request contains < or >: enable the noAngleBrackets quirk)' : '';
    return failure('waf_blocked', `ArcGIS host refused the request with an HTML 403 page${hint}`, false, { status: 403 });
  }
  if (res.status === 401 || res.status === 403) return failure('arcgis_forbidden', `ArcGIS host answered HTTP ${res.status}`, false, { status: res.status });
  if (res.status === 429) return failure('rate_limited', 'ArcGIS host is rate limiting us', true, { status: 429 });
  if (res.status >= 500) return failure('upstream_error', `ArcGIS host answered HTTP ${res.status}`, true, { status: res.status });
  if (res.status === 404) return failure('not_found', `no ArcGIS resource at ${options.url}`, false, { status: 404 });
  if (res.status !== 200) return failure('arcgis_http_error', `ArcGIS host answered HTTP ${res.status}`, false, { status: res.status });

  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    return failure('invalid_response', `ArcGIS answer from ${options.url} is not JSON`, false, { snippet: res.body.slice(0, 200) });
  }
  const error = ArcgisErrorBodySchema.safeParse(json);
  if (error.success) return classifyArcgisError(error.data.error.code, error.data.error.message, error.data.error.details);
  return ok(json);
}

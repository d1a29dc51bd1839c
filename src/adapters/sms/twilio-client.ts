/**
 * Builds the official Twilio client. The SDK builds every request (resource URLs, parameter names and
 * serialisation), parses every answer and throws its RestException on an error answer; only the transport
 * is ours, through the SDK's documented `httpClient` option (twilio-node #326: "pass a custom
 * HttpClient… replace the URLs with whatever host you want").
 *
 * Why not the SDK's own RequestClient (axios): at campaign volume its per-request cost (config merging,
 * header normalisation, transforms) was half the CPU of a send (`npm run bench -- outreach`, `--cpu-prof`).
 * Ours makes the same request with node:http(s) on a keep-alive agent shared by every call of the client:
 * for api.twilio.com the agent the SDK itself builds (keep-alive, socket limits, `HTTP_PROXY`,
 * `TWILIO_CA_BUNDLE`), for a plain-http base URL (the local test server, a proxy) one of our own.
 */
import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

export type TwilioClient = ReturnType<typeof twilio>;

export interface CreateTwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Replaces `https://api.twilio.com` (e.g. `http://127.0.0.1:4010` for the local test server, or a
   * proxy). From `TWILIO_API_BASE_URL`. Unset → the real API.
   */
  apiBaseUrl?: string;
  /** Per request, ms. Also the socket timeout. Default 15 s. */
  timeoutMs?: number;
}

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;
type SdkResponse<TData> = Awaited<ReturnType<RequestClient['request']>> & { body: TData };

/** Rewrites every `*.twilio.com` URL onto `base`, keeping path and query. */
export function rebaseTwilioUrl(uri: string, base: string): string {
  return rebaseOnto(uri, baseOf(base));
}

type Base = { origin: string; prefix: string };
const baseOf = (base: string): Base => {
  const b = new URL(base);
  return { origin: b.origin, prefix: b.pathname.replace(/\/$/, '') };
};
const TWILIO_HOST = /^https:\/\/([a-z0-9-]+\.)*twilio\.com(?=[/?#]|$)/i;

function rebaseOnto(uri: string, b: Base): string {
  // The SDK's URLs are `https://<host>.twilio.com/<path>`: the common case needs no URL parse.
  const m = TWILIO_HOST.exec(uri);
  if (m) return `${b.origin}${b.prefix}${uri.slice(m[0].length) || '/'}`;
  const u = new URL(uri);
  if (!/(^|\.)twilio\.com$/.test(u.hostname)) return uri;
  return `${b.origin}${b.prefix}${u.pathname}${u.search}`;
}

/**
 * Form encoding as the SDK's RequestClient does it (`qs`, `arrayFormat: 'repeat'`): a list repeats its
 * key, an absent value is left out. The SDK has already serialised dates, booleans and JSON values.
 */
export function encodeTwilioForm(data: object | undefined): string {
  if (!data) return '';
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v as unknown[]) form.append(k, item === null || item === undefined ? '' : String(item));
    else form.append(k, v === null ? '' : String(v));
  }
  return form.toString();
}

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * The SDK's transport contract: `request(opts)` answers `{ statusCode, body, headers }`; the body may be
 * the raw JSON text (the SDK parses it). A timeout or a socket error rejects with the system error code
 * (`ETIMEDOUT`, `ECONNRESET`, `ECONNREFUSED`, …), which `classifyTwilioError` reads.
 */
class KeepAliveRequestClient extends twilio.RequestClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly base: Base | undefined;
  /** The Basic credentials of the last request (one account per client: computed once). */
  private basic: { user: string; password: string; header: string } | null = null;

  constructor(
    private readonly o: { timeout: number; base: string | undefined },
  ) {
    // autoRetry off: retries are ours (withRetry), so they are counted and bounded.
    super({ timeout: o.timeout, autoRetry: false, keepAlive: true });
    this.httpsAgent = this.axios.defaults.httpsAgent as https.Agent;
    this.httpAgent = new http.Agent({ keepAlive: true, timeout: o.timeout });
    this.base = o.base ? baseOf(o.base) : undefined;
  }

  private basicAuth(user: string, password: string): string {
    if (this.basic?.user !== user || this.basic.password !== password) {
      this.basic = { user, password, header: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    }
    return this.basic.header;
  }

  override async request<TData>(opts: RequestOptions<TData>): Promise<SdkResponse<TData>> {
    const uri = new URL(this.base ? rebaseOnto(opts.uri, this.base) : opts.uri);
    const query = encodeTwilioForm(opts.params as object | undefined);
    if (query) uri.search = uri.search ? `${uri.search}&${query}` : `?${query}`;
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (opts.username && opts.password) headers.Authorization = this.basicAuth(opts.username, opts.password);
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    let body: string | undefined;
    if (opts.data !== undefined && opts.data !== null) {
      body = headers['Content-Type'] === 'application/json' ? JSON.stringify(opts.data) : encodeTwilioForm(opts.data as object);
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const timeout = opts.timeout ?? this.defaultTimeout;
    const secure = uri.protocol === 'https:';
    const send = secure ? https.request : http.request;
    return new Promise<SdkResponse<TData>>((resolve, reject) => {
      const req = send(uri, { method: opts.method.toUpperCase(), headers, agent: secure ? this.httpsAgent : this.httpAgent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers } as unknown as SdkResponse<TData>));
      });
      // A request without an answer in time is abandoned with its socket (never reused with a late answer).
      req.setTimeout(timeout, () => req.destroy(new TimeoutError(`timeout of ${timeout}ms exceeded`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/**
 * One client per account and process: its agent keeps connections to Twilio open between sends.
 *
 * @example
 * const client = createTwilioClient({ accountSid, authToken, apiBaseUrl: server.baseUrl, timeoutMs: 2_000 });
 * await client.messages.create({ to, from, body });
 */
export function createTwilioClient(o: CreateTwilioClientOptions): TwilioClient {
  const timeout = o.timeoutMs ?? 15_000;
  const base = o.apiBaseUrl === '' ? undefined : o.apiBaseUrl;
  return twilio(o.accountSid, o.authToken, { httpClient: new KeepAliveRequestClient({ timeout, base }) });
}

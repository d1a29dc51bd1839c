/**
 * Builds the official Twilio client. Twilio documents a custom `httpClient` as the way to point the SDK
 * at another host (twilio-node #326: "pass a custom HttpClient… replace the URLs with whatever host you
 * want"); we subclass its own RequestClient so auth, form encoding and error handling stay the SDK's.
 */
import twilio from 'twilio';

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

type RequestOptions = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0];

/** Rewrites every `*.twilio.com` URL onto `base`, keeping path and query. */
export function rebaseTwilioUrl(uri: string, base: string): string {
  const u = new URL(uri);
  if (!/(^|\.)twilio\.com$/.test(u.hostname)) return uri;
  const b = new URL(base);
  const prefix = b.pathname.replace(/\/$/, '');
  return `${b.origin}${prefix}${u.pathname}${u.search}`;
}

/**
 * @example
 * const client = createTwilioClient({ accountSid, authToken, apiBaseUrl: server.baseUrl, timeoutMs: 2_000 });
 * await client.messages.create({ to, from, body });
 */
export function createTwilioClient(o: CreateTwilioClientOptions): TwilioClient {
  const timeout = o.timeoutMs ?? 15_000;
  // The SDK's own 429 auto-retry stays off: retries are ours (withRetry), so they are counted and bounded.
  const base = o.apiBaseUrl;
  if (base === undefined || base === '') return twilio(o.accountSid, o.authToken, { timeout, autoRetry: false });
  class RebasedRequestClient extends twilio.RequestClient {
    override request<TData>(opts: RequestOptions & { data?: TData }) {
      return super.request({ ...opts, uri: rebaseTwilioUrl(opts.uri, base as string) });
    }
  }
  return twilio(o.accountSid, o.authToken, { httpClient: new RebasedRequestClient({ timeout, autoRetry: false }) });
}

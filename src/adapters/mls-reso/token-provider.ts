import type { Clock } from '../../lib/clock.js';
import { failure, ok, type Result } from '../../lib/result.js';
import { httpRequest, type FetchLike } from '../public-records/http-request.js';
import { TokenResponseSchema, type ResoAuth } from './interface.js';

export interface TokenProvider {
  get(signal?: AbortSignal): Promise<Result<string>>;
  /** Forget the cached token (after a 401) so the next `get` fetches a new one. */
  invalidate(): void;
}

export interface CreateTokenProviderOptions {
  auth: ResoAuth;
  clock: Clock;
  timeoutMs: number;
  userAgent: string;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

// Refresh a little before expiry so a token never dies mid-page.
const EARLY_REFRESH_MS = 60_000;

/** OAuth2 client-credentials (RFC 6749 §4.4) with an expiry-aware cache, or a static bearer token. */
export function createTokenProvider(options: CreateTokenProviderOptions): TokenProvider {
  const { auth } = options;
  if (auth.kind === 'bearer') return { get: async () => ok(auth.token), invalidate: () => {} };
  let cached: { token: string; expiresAt: number } | undefined;
  return {
    invalidate: () => {
      cached = undefined;
    },
    async get(signal) {
      const now = options.clock.now().getTime();
      if (cached && cached.expiresAt - EARLY_REFRESH_MS > now) return ok(cached.token);
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret });
      if (auth.scope) form.set('scope', auth.scope);
      const res = await httpRequest({
        url: auth.tokenUrl,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'User-Agent': options.userAgent },
        body: form.toString(),
        timeoutMs: options.timeoutMs,
        retry: { retries: 2, baseDelayMs: 500 },
        fetch: options.fetch,
        sleep: options.sleep,
        signal,
      });
      if (!res.ok) return res;
      if (res.value.status === 400 || res.value.status === 401) return failure('unauthorized', `token endpoint refused the client credentials (HTTP ${res.value.status})`, false);
      if (res.value.status !== 200) return failure('upstream_error', `token endpoint answered HTTP ${res.value.status}`, res.value.status >= 500);
      let json: unknown;
      try {
        json = JSON.parse(res.value.body);
      } catch {
        json = undefined;
      }
      const t = TokenResponseSchema.safeParse(json);
      if (!t.success) return failure('invalid_response', 'token endpoint answer has no access_token', false);
      const ttlMs = (t.data.expires_in && Number.isFinite(t.data.expires_in) ? t.data.expires_in : 3600) * 1000;
      cached = { token: t.data.access_token, expiresAt: now + ttlMs };
      return ok(cached.token);
    },
  };
}

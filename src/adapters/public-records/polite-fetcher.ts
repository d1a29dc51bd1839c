import { systemClock, type Clock } from '../../lib/clock.js';
import { failure, ok, type Result } from '../../lib/result.js';
import { createMemoryCacheStore } from './cache-store.js';
import { detectBotCheck } from './detect-bot-check.js';
import { httpRequest, type FetchLike } from './http-request.js';
import type { CacheStore, PageResponse, PoliteFetcher, PoliteGetOptions } from './interface.js';
import { createHostRateLimiter, realSleep } from './rate-limiter.js';
import { createRobotsCache } from './robots.js';

export interface PoliteFetcherOptions {
  /** A clear agent with a contact, e.g. `Curb/0.1 (+https://example.org/curb; ops@example.org)` (config `PUBLIC_RECORDS_USER_AGENT`). */
  userAgent: string;
  /** The token robots.txt groups are matched on; defaults to the agent's first word ("Curb"). */
  agentToken?: string;
  /** Minimum spacing per host (config `PUBLIC_RECORDS_MIN_INTERVAL_MS`, default 1000); a larger Crawl-delay wins. */
  minIntervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  baseDelayMs?: number;
  /** How long a fetched page is reused (config `PUBLIC_RECORDS_CACHE_TTL_MS`, default 6 h). */
  cacheTtlMs?: number;
  cache?: CacheStore;
  clock?: Clock;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The polite fetcher for public-record pages: robots.txt first (cached per host), a per-host interval,
 * a TTL cache, retries with backoff on 5xx/timeouts only, and a hard stop on bot checks.
 *
 * @example
 * const web = createPoliteFetcher({ userAgent: 'Curb/0.1 (+mailto:ops@example.org)' });
 * const page = await web.get('https://orange.realtaxdeed.com/index.cfm?zaction=user&zmethod=calendar');
 * if (!page.ok && page.error.code === 'bot_check') notifyOperator(page.error);
 */
export function createPoliteFetcher(options: PoliteFetcherOptions): PoliteFetcher {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const minInterval = options.minIntervalMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ttl = options.cacheTtlMs ?? 6 * 3_600_000;
  const cache = options.cache ?? createMemoryCacheStore();
  const limiter = createHostRateLimiter({ minIntervalMs: minInterval, sleep });
  const agentToken = options.agentToken ?? options.userAgent.split(/[\s/]/)[0] ?? 'Curb';
  const robots = createRobotsCache({ userAgent: options.userAgent, agentToken, clock, timeoutMs, rateLimiter: limiter, fetch: options.fetch, sleep });

  return {
    async get(url: string, opts: PoliteGetOptions = {}): Promise<Result<PageResponse>> {
      const key = `GET ${url}`;
      const now = clock.now();
      if (!opts.bypassCache) {
        const cached = await cache.get(key);
        if (cached && now.getTime() - Date.parse(cached.storedAt) < ttl) {
          return ok({ url: cached.url, status: cached.status, body: cached.body, ...(cached.contentType ? { contentType: cached.contentType } : {}), fromCache: true, fetchedAt: cached.storedAt });
        }
      }
      const policy = await robots.policyFor(url, opts.signal);
      if (!policy.ok) return policy;
      if (!policy.value.allowed(url)) {
        return failure('disallowed_by_robots', `robots.txt of ${new URL(url).host} disallows ${new URL(url).pathname} for ${agentToken}`, false, { url });
      }
      const host = new URL(url).host;
      const crawlDelay = policy.value.crawlDelayMs ?? 0;
      // A site's Crawl-delay longer than our own interval wins: wait the difference on top of the limiter.
      if (crawlDelay > minInterval) await sleep(crawlDelay - minInterval);
      const res = await httpRequest({
        url,
        headers: { 'User-Agent': options.userAgent, Accept: 'text/html,application/json;q=0.9,*/*;q=0.5', ...opts.headers },
        timeoutMs,
        retry: { retries: options.retries ?? 3, baseDelayMs: options.baseDelayMs ?? 1000, retryStatus: (s) => s >= 500 && s !== 501 },
        rateLimiter: limiter,
        fetch: options.fetch,
        sleep,
        signal: opts.signal,
      });
      if (!res.ok) return res;
      const { status, body, headers } = res.value;
      // Checked before the status: challenges come as 403/503 and as 200 alike, and must never be retried.
      const marker = detectBotCheck(body, headers);
      if (marker) return failure('bot_check', `${host} answered with a bot check (${marker}); Curb does not solve or evade these`, false, { url, status, marker });
      if (status >= 500) return failure('upstream_error', `${host} answered HTTP ${status}`, true, { url, status });
      if (status === 429) return failure('rate_limited', `${host} asks us to slow down`, true, { url, status, retryAfter: headers.get('retry-after') });
      if (status >= 400) return failure('http_error', `${host} answered HTTP ${status}`, false, { url, status });
      const contentType = headers.get('content-type') ?? undefined;
      const fetchedAt = now.toISOString();
      await cache.set(key, { storedAt: fetchedAt, url: res.value.url, status, body, ...(contentType ? { contentType } : {}) });
      return ok({ url: res.value.url, status, body, ...(contentType ? { contentType } : {}), fromCache: false, fetchedAt });
    },
  };
}

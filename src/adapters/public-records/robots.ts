import { createRequire } from 'node:module';
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type Result } from '../../lib/result.js';
import { httpRequest, type FetchLike } from './http-request.js';
import type { HostRateLimiter } from './rate-limiter.js';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS and its typings do not resolve under NodeNext; load it through require.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, body: string) => Robot;

export interface RobotsPolicy {
  allowed(url: string): boolean;
  /** Crawl-delay for our agent in ms, if the site sets one. */
  crawlDelayMs?: number;
}

export interface RobotsCacheOptions {
  userAgent: string;
  /** The product token matched against `User-agent:` lines (e.g. "Curb"). */
  agentToken: string;
  clock: Clock;
  ttlMs?: number;
  timeoutMs: number;
  rateLimiter?: HostRateLimiter;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

export interface RobotsCache {
  policyFor(url: string, signal?: AbortSignal): Promise<Result<RobotsPolicy>>;
}

const allowAll: RobotsPolicy = { allowed: () => true };
const disallowAll: RobotsPolicy = { allowed: () => false };

/**
 * Fetches and caches `/robots.txt` per origin (RFC 9309): 2xx → parse; 4xx → no rules (allowed);
 * 5xx or unreachable → treat as full disallow for now (the RFC's rule), returned as a retryable
 * `robots_unavailable` failure so the job tries again later.
 */
export function createRobotsCache(options: RobotsCacheOptions): RobotsCache {
  const ttl = options.ttlMs ?? 24 * 3_600_000;
  const cache = new Map<string, { policy: RobotsPolicy; until: number }>();
  return {
    async policyFor(url, signal) {
      const origin = new URL(url).origin;
      const now = options.clock.now().getTime();
      const hit = cache.get(origin);
      if (hit && hit.until > now) return ok(hit.policy);
      const res = await httpRequest({
        url: `${origin}/robots.txt`,
        headers: { 'User-Agent': options.userAgent, Accept: 'text/plain' },
        timeoutMs: options.timeoutMs,
        retry: { retries: 1, baseDelayMs: 500 },
        rateLimiter: options.rateLimiter,
        fetch: options.fetch,
        sleep: options.sleep,
        signal,
      });
      let policy: RobotsPolicy;
      if (!res.ok || res.value.status >= 500) {
        cache.set(origin, { policy: disallowAll, until: now + 10 * 60_000 });
        return failure('robots_unavailable', `robots.txt of ${origin} could not be read; not fetching until it can`, true);
      }
      if (res.value.status >= 400) policy = allowAll;
      else {
        const robot = robotsParser(`${origin}/robots.txt`, res.value.body);
        const delay = robot.getCrawlDelay(options.agentToken);
        policy = {
          // Unmatched means no rule applies: allowed.
          allowed: (u) => robot.isAllowed(u, options.agentToken) !== false,
          ...(delay === undefined ? {} : { crawlDelayMs: delay * 1000 }),
        };
      }
      cache.set(origin, { policy, until: now + ttl });
      return ok(policy);
    },
  };
}

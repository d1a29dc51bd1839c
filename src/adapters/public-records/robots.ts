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

/** Why robots.txt could not be read: its HTTP status, or the network failure when no answer came. */
interface Unreachable {
  status?: number;
  cause?: string;
}

// How long an unreachable robots.txt is not asked again: long enough not to hammer a failing server.
const UNREACHABLE_TTL_MS = 10 * 60_000;

function unreachableFailure(origin: string, why: Unreachable): Result<never> {
  const what = why.status === undefined ? (why.cause ?? 'no answer') : `HTTP ${why.status}`;
  return failure('robots_unreachable', `robots.txt of ${origin} is unreachable (${what}); RFC 9309 says to assume everything is disallowed, so nothing is fetched until it answers`, true, {
    robotsUrl: `${origin}/robots.txt`,
    ...why,
  });
}

/**
 * Fetches and caches `/robots.txt` per origin (RFC 9309): 2xx → parse; 4xx → "unavailable", no rules
 * (allowed), except 429, which asks us to slow down and is treated like a 5xx; 5xx or no answer →
 * "unreachable": complete disallow (the RFC's rule), returned as a retryable `robots_unreachable` failure
 * with the status (never as `disallowed_by_robots`, which is the site's own rule) and asked again after
 * ten minutes.
 */
export function createRobotsCache(options: RobotsCacheOptions): RobotsCache {
  const ttl = options.ttlMs ?? 24 * 3_600_000;
  const cache = new Map<string, { until: number } & ({ policy: RobotsPolicy } | { unreachable: Unreachable })>();
  return {
    async policyFor(url, signal) {
      const origin = new URL(url).origin;
      const now = options.clock.now().getTime();
      const hit = cache.get(origin);
      if (hit && hit.until > now) return 'policy' in hit ? ok(hit.policy) : unreachableFailure(origin, hit.unreachable);
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
      if (!res.ok && res.error.code === 'aborted') return res;
      if (!res.ok || res.value.status >= 500 || res.value.status === 429) {
        const why: Unreachable = res.ok ? { status: res.value.status } : { cause: res.error.code };
        cache.set(origin, { unreachable: why, until: now + UNREACHABLE_TTL_MS });
        return unreachableFailure(origin, why);
      }
      let policy: RobotsPolicy;
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

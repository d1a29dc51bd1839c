import { join } from 'node:path';
import { createFileCacheStore } from '../../adapters/public-records/cache-store.js';
import type { PoliteFetcher } from '../../adapters/public-records/interface.js';
import { createPoliteFetcher } from '../../adapters/public-records/polite-fetcher.js';
import type { Config } from '../../config/env.js';
import type { Clock } from '../../lib/clock.js';

/**
 * The polite fetcher for public-record pages with Curb's settings (`PUBLIC_RECORDS_*`): robots.txt, the
 * per-host interval, and a file cache in `<CURB_DATA_DIR>/cache/public-records`, so a re-run within the TTL
 * does not ask the county's vendor again.
 */
export function createPoliteFetcherFromConfig(config: Config, options: { clock?: Clock } = {}): PoliteFetcher {
  const env = config.env;
  return createPoliteFetcher({
    userAgent: env.PUBLIC_RECORDS_USER_AGENT,
    minIntervalMs: env.PUBLIC_RECORDS_MIN_INTERVAL_MS,
    timeoutMs: env.PUBLIC_RECORDS_TIMEOUT_MS,
    cacheTtlMs: env.PUBLIC_RECORDS_CACHE_TTL_MS,
    cache: createFileCacheStore({ dir: join(config.dataDir, 'cache', 'public-records') }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

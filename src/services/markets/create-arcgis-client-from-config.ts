import { createArcgisClient } from '../../adapters/gis-arcgis/client.js';
import type { ArcgisClient, ArcgisQuirks } from '../../adapters/gis-arcgis/interface.js';
import type { Config } from '../../config/env.js';
import { arcgisTokensOf } from '../../config/host-tokens.js';

export interface CreateArcgisClientFromConfigOptions {
  /** The source's quirks (`readArcgisSourceSettings`). */
  quirks?: ArcgisQuirks;
  /** The source's `tls.extra_ca_bundle`, read: trusted for this client's requests only. */
  extraCa?: string;
}

/**
 * The ArcGIS client with Curb's settings: user agent, spacing, timeout, and the tokens of `ARCGIS_TOKENS` /
 * `ARCGIS_TOKEN` + `ARCGIS_TOKEN_HOSTS`, each sent to its own host only (a services directory given to
 * `markets discover` on another host never sees them).
 */
export function createArcgisClientFromConfig(config: Config, options: CreateArcgisClientFromConfigOptions = {}): ArcgisClient {
  const env = config.env;
  return createArcgisClient({
    userAgent: env.ARCGIS_USER_AGENT,
    minIntervalMs: env.ARCGIS_MIN_INTERVAL_MS,
    timeoutMs: env.ARCGIS_TIMEOUT_MS,
    quirks: options.quirks ?? {},
    tokens: arcgisTokensOf(env),
    ...(options.extraCa ? { extraCa: options.extraCa } : {}),
  });
}

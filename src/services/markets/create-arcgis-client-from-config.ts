import { createArcgisClient } from '../../adapters/gis-arcgis/client.js';
import type { ArcgisClient, ArcgisQuirks } from '../../adapters/gis-arcgis/interface.js';
import type { Config } from '../../config/env.js';

/** Market YAML quirk names → the client's quirk switches. */
export function quirksOf(names: readonly string[] | undefined): ArcgisQuirks {
  const q: ArcgisQuirks = {};
  for (const n of names ?? []) {
    if (n === 'no_angle_brackets_use_between' || n === 'no_angle_brackets') q.noAngleBrackets = true;
    else if (n === 'prefer_post') q.preferPost = true;
    else if (n === 'get_only' || n === 'reject_post') q.getOnly = true;
    else if (n === 'encode_spaces_as_percent20') q.encodeSpacesAsPercent20 = true;
  }
  return q;
}

/** The ArcGIS client with Curb's settings (user agent, spacing, timeout, token). */
export function createArcgisClientFromConfig(config: Config, quirks: ArcgisQuirks = {}): ArcgisClient {
  const env = config.env;
  return createArcgisClient({
    userAgent: env.ARCGIS_USER_AGENT,
    minIntervalMs: env.ARCGIS_MIN_INTERVAL_MS,
    timeoutMs: env.ARCGIS_TIMEOUT_MS,
    quirks,
    ...(env.ARCGIS_TOKEN ? { token: env.ARCGIS_TOKEN } : {}),
  });
}

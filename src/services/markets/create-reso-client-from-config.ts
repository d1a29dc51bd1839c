import { createResoClient } from '../../adapters/mls-reso/client.js';
import type { ResoAuth, ResoClient } from '../../adapters/mls-reso/interface.js';
import type { Config } from '../../config/env.js';
import { validationError } from '../../lib/errors.js';

/**
 * The RESO Web API client the configuration describes: `RESO_BASE_URL`, and either a static `RESO_TOKEN` or
 * OAuth2 client credentials (`RESO_TOKEN_URL`, `RESO_CLIENT_ID`, `RESO_CLIENT_SECRET`, optional `RESO_SCOPE`).
 * A missing setting is a validation error naming it.
 */
export function createResoClientFromConfig(config: Config): ResoClient {
  const e = config.env;
  if (!e.RESO_BASE_URL) throw validationError([{ path: ['RESO_BASE_URL'], message: 'required to sync MLS listings (the RESO Web API service root)' }], 'configuration');
  let auth: ResoAuth;
  if (e.RESO_TOKEN) auth = { kind: 'bearer', token: e.RESO_TOKEN };
  else {
    const missing = (['RESO_TOKEN_URL', 'RESO_CLIENT_ID', 'RESO_CLIENT_SECRET'] as const).filter((k) => !e[k]);
    if (missing.length > 0) throw validationError(missing.map((k) => ({ path: [k], message: 'required for OAuth2 client credentials (or set RESO_TOKEN)' })), 'configuration');
    auth = { kind: 'client_credentials', tokenUrl: e.RESO_TOKEN_URL!, clientId: e.RESO_CLIENT_ID!, clientSecret: e.RESO_CLIENT_SECRET!, ...(e.RESO_SCOPE ? { scope: e.RESO_SCOPE } : {}) };
  }
  return createResoClient({ baseUrl: e.RESO_BASE_URL, auth, userAgent: e.ARCGIS_USER_AGENT, minIntervalMs: e.RESO_MIN_INTERVAL_MS });
}

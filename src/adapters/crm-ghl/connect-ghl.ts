import { createCircuitBreaker, type CircuitStateChange } from '../../lib/circuit-breaker.js';
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { createGhlClient } from './create-ghl-client.js';
import { GHL_DEFAULT_BASE_URL, GhlFailureCode, type GhlClient } from './interface.js';
import type { FetchLike } from './request-ghl.js';
import { createGhlContactResolver, type GhlContactResolver } from './resolve-contact.js';

/** The GoHighLevel settings of `src/config/env.ts` the channels and services read. */
export interface GhlSettings {
  GHL_API_BASE_URL?: string | undefined;
  /** Private Integration (or OAuth access) token of `GHL_LOCATION_ID`. */
  GHL_PRIVATE_TOKEN?: string | undefined;
  GHL_LOCATION_ID?: string | undefined;
  /** Tokens of several sub-accounts: `locationId:token,locationId:token`. */
  GHL_LOCATION_TOKENS?: string | undefined;
  /** `message` (default): Curb's text via conversations; `workflow`: enrol in SDR_WORKFLOW_SMS_1 / _EMAIL_1. */
  GHL_SEND_MODE?: 'message' | 'workflow' | undefined;
  SDR_WORKFLOW_SMS_1?: string | undefined;
  SDR_WORKFLOW_EMAIL_1?: string | undefined;
  SDR_WORKFLOW_VOICEMAIL_DROP?: string | undefined;
}

/** One sub-account's client and contact cache, shared by its SMS, email and voicemail channels. */
export interface GhlConnection {
  locationId: string;
  client: GhlClient;
  contacts: GhlContactResolver;
}

export interface ConnectGhlOptions {
  settings: GhlSettings;
  clock: Clock;
  /** A HighLevel location id other than `GHL_LOCATION_ID` (its token comes from GHL_LOCATION_TOKENS). */
  locationId?: string | null | undefined;
  fetch?: FetchLike;
  onCircuitStateChange?: (change: CircuitStateChange) => void;
}

/** `GHL_LOCATION_TOKENS` (`loc1:token1,loc2:token2`) as a map; a token may itself contain `:`. */
export function parseGhlLocationTokens(v: string | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of (v ?? '').split(',')) {
    const i = part.indexOf(':');
    if (i <= 0) continue;
    const id = part.slice(0, i).trim();
    const token = part.slice(i + 1).trim();
    if (id && token) m.set(id, token);
  }
  return m;
}

// HighLevel's limits are per location and app: every channel and service of one location must go
// through one client (one limiter, one breaker). Keyed by base URL, location and token.
const connections = new Map<string, GhlConnection>();

/**
 * The client of one GoHighLevel sub-account, built once per process from config and then reused.
 *
 * @example
 * const ghl = connectGhl({ settings: config, clock: systemClock });
 * if (ghl.ok) await ghl.value.client.getFreeSlots({ ... });
 */
export function connectGhl(o: ConnectGhlOptions): Result<GhlConnection, AppFailure> {
  const s = o.settings;
  const locationId = o.locationId ?? s.GHL_LOCATION_ID;
  if (!locationId) return failure('config_missing', 'GoHighLevel needs GHL_LOCATION_ID (the sub-account id)', false);
  const token = parseGhlLocationTokens(s.GHL_LOCATION_TOKENS).get(locationId) ?? (locationId === s.GHL_LOCATION_ID ? s.GHL_PRIVATE_TOKEN : undefined);
  if (!token) return failure('config_missing', `GoHighLevel location ${locationId} needs a token: GHL_PRIVATE_TOKEN or a GHL_LOCATION_TOKENS entry`, false);
  const baseUrl = s.GHL_API_BASE_URL ?? GHL_DEFAULT_BASE_URL;
  const key = `${baseUrl}|${locationId}|${token}`;
  const known = connections.get(key);
  if (known) return ok(known);
  const breaker = createCircuitBreaker({
    name: `ghl:${locationId}`,
    failureThreshold: 3,
    coolDownMs: 30_000,
    clock: o.clock,
    openCode: GhlFailureCode.CircuitOpen,
    ...(o.onCircuitStateChange ? { onStateChange: o.onCircuitStateChange } : {}),
  });
  const client = createGhlClient({ baseUrl, token, locationId, clock: o.clock, breaker, ...(o.fetch ? { fetch: o.fetch } : {}) });
  const connection: GhlConnection = { locationId, client, contacts: createGhlContactResolver({ client, clock: o.clock }) };
  connections.set(key, connection);
  return ok(connection);
}

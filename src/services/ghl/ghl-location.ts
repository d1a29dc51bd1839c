/**
 * The two directions between a Curb location and a GoHighLevel sub-account: the sub-account a Curb
 * location works with (its `ghl_location_id`, else `GHL_LOCATION_ID`), its client, and the Curb location
 * a webhook's `locationId` belongs to.
 */
import { eq } from 'drizzle-orm';
import { connectGhl, type GhlConnection } from '../../adapters/crm-ghl/connect-ghl.js';
import { locations } from '../../db/schema/index.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { AppServices } from '../app-services.js';
import { circuitAlertHook } from '../outreach/channels.js';

const overrides = new WeakMap<object, (ghlLocationId: string) => GhlConnection | null>();

/** Use these connections for this services object (tests with an in-process fake, the demo). */
export function useGhlConnections(services: object, connect: (ghlLocationId: string) => GhlConnection | null): void {
  overrides.set(services, connect);
}

/** The GoHighLevel sub-account id of a Curb location, or null when GoHighLevel is not set up for it. */
export async function ghlLocationIdOf(services: Pick<AppServices, 'db' | 'config'>, locationId: string): Promise<string | null> {
  const [row] = await services.db.select({ ghlLocationId: locations.ghlLocationId }).from(locations).where(eq(locations.id, locationId)).limit(1);
  return row?.ghlLocationId ?? services.config.env.GHL_LOCATION_ID ?? null;
}

/** The client of a Curb location's sub-account; `config_missing` when no sub-account or token is configured. */
export async function ghlConnectionFor(services: Pick<AppServices, 'db' | 'config' | 'clock' | 'logger'>, locationId: string): Promise<Result<GhlConnection, AppFailure>> {
  const ghlLocationId = await ghlLocationIdOf(services, locationId);
  if (!ghlLocationId) return failure('config_missing', 'GoHighLevel is not configured for this location: set GHL_LOCATION_ID and GHL_PRIVATE_TOKEN (or the location’s ghlLocationId and GHL_LOCATION_TOKENS)', false);
  const override = overrides.get(services);
  if (override) {
    const c = override(ghlLocationId);
    return c ? ok(c) : failure('config_missing', `no GoHighLevel connection for ${ghlLocationId}`, false);
  }
  return connectGhl({ settings: services.config.env, clock: services.clock, locationId: ghlLocationId, onCircuitStateChange: circuitAlertHook(services) });
}

/**
 * The Curb location a GoHighLevel sub-account id belongs to: the location linked by `ghl_location_id`;
 * else, for `GHL_LOCATION_ID` (the single-sub-account setup), the only location there is, or the
 * default one. Null when it cannot be told — the webhook is acknowledged and logged.
 */
export async function curbLocationForGhl(services: Pick<AppServices, 'db' | 'config'>, ghlLocationId: string | null): Promise<{ id: string; timeZone: string } | null> {
  if (!ghlLocationId) return null;
  const [linked] = await services.db.select({ id: locations.id, timeZone: locations.timeZone }).from(locations).where(eq(locations.ghlLocationId, ghlLocationId)).limit(1);
  if (linked) return linked;
  if (ghlLocationId !== services.config.env.GHL_LOCATION_ID) return null;
  const all = await services.db.select({ id: locations.id, timeZone: locations.timeZone, isDefault: locations.isDefault, ghlLocationId: locations.ghlLocationId }).from(locations);
  const unlinked = all.filter((l) => !l.ghlLocationId);
  const pick = unlinked.length === 1 ? unlinked[0] : unlinked.find((l) => l.isDefault);
  return pick ? { id: pick.id, timeZone: pick.timeZone } : null;
}

import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { markets } from '../../db/schema/index.js';
import type { MarketConfig } from '../../domain/markets/market-config.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { loadMarkets } from '../leads/load-markets.js';
import type { Market } from './market-schemas.js';

export interface EnsureMarketsOptions {
  locationId: string;
  /** The config folder holding `markets/*.yaml`. */
  configDir: string;
}

/** A market row of this location with its YAML config (null when the file is gone). */
export interface LoadedMarket {
  market: Market;
  config: MarketConfig | null;
}

/**
 * The market registry is YAML (config/markets); a location's `markets` rows are upserted from it on
 * first use and whenever a file changes, so ids are stable for properties and campaigns while the
 * file stays the source of truth for thresholds and sources.
 */
export async function ensureMarkets(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: EnsureMarketsOptions): Promise<LoadedMarket[]> {
  const loaded = await loadMarkets({ dir: join(options.configDir, 'markets') });
  if (!loaded.ok) throw new AppError(ErrorCode.ValidationFailed, loaded.error.message, loaded.error.details);
  const now = deps.clock.now();
  const configs = new Map(loaded.value.map((m) => [m.id, m]));
  if (loaded.value.length > 0) {
    await deps.db
      .insert(markets)
      .values(
        loaded.value.map((m) => ({
          id: newId(),
          locationId: options.locationId,
          key: m.id,
          name: m.name,
          county: m.county,
          state: m.state,
          timeZone: m.timezone,
          dorCountyNumber: m.fl_dor_co_no ?? null,
          sources: m.sources as Record<string, unknown>,
          tierThresholds: m.tiers,
          localContext: m.local_context,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [markets.locationId, markets.key],
        set: {
          name: sql`excluded.name`,
          county: sql`excluded.county`,
          state: sql`excluded.state`,
          timeZone: sql`excluded.time_zone`,
          dorCountyNumber: sql`excluded.dor_county_number`,
          sources: sql`excluded.sources`,
          tierThresholds: sql`excluded.tier_thresholds`,
          localContext: sql`excluded.local_context`,
          updatedAt: now,
        },
        // Only rows whose file changed are rewritten: listing markets does not churn updated_at.
        setWhere: sql`(${markets.name}, ${markets.county}, ${markets.state}, ${markets.timeZone}, ${markets.sources}, ${markets.tierThresholds}, ${markets.localContext})
          is distinct from (excluded.name, excluded.county, excluded.state, excluded.time_zone, excluded.sources, excluded.tier_thresholds, excluded.local_context)`,
      });
  }
  const rows = await deps.db.select().from(markets).where(eq(markets.locationId, options.locationId)).orderBy(asc(markets.key));
  return rows.map((r) => {
    const config = configs.get(r.key) ?? null;
    return {
      config,
      market: {
        id: r.id,
        key: r.key,
        name: r.name,
        county: r.county,
        state: r.state,
        timeZone: r.timeZone,
        tierThresholds: r.tierThresholds,
        scoringProfile: config?.scoring_profile ?? null,
        cities: config?.cities ?? [],
        sources: Object.entries(config?.sources ?? {}).map(([name, s]) => ({ name, kind: s.kind, status: s.status, enabled: s.enabled })),
        active: r.active,
        lastSyncedAt: r.lastSyncedAt ? r.lastSyncedAt.toISOString() : null,
        inRegistry: config !== null,
      },
    };
  });
}

/** Finds a market by key (`orange-fl`), or by a key prefix / county name when it is unambiguous (`orange`). */
export function findMarket(all: readonly LoadedMarket[], given: string): LoadedMarket | undefined {
  const g = given.trim().toLowerCase();
  const exact = all.find((m) => m.market.key === g);
  if (exact) return exact;
  const loose = all.filter((m) => m.market.key.split('-')[0] === g || m.market.county?.toLowerCase() === g);
  return loose.length === 1 ? loose[0] : undefined;
}

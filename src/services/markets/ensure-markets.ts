import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { markets } from '../../db/schema/index.js';
import type { MarketConfig } from '../../domain/markets/market-config.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { loadMarkets } from '../leads/load-markets.js';
import type { Market } from './market-schemas.js';
import { readArcgisSourceSettings } from './read-arcgis-source-settings.js';

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
  // The ArcGIS sources' own settings (page size, order, out fields, object id, CA bundle) are checked here too,
  // so a wrong key stops every command that reads markets instead of being ignored until a sync.
  for (const m of loaded.value) {
    for (const [sourceName, source] of Object.entries(m.sources)) {
      if (source.kind !== 'arcgis_query') continue;
      const settings = readArcgisSourceSettings({ marketId: m.id, sourceName, source, configDir: options.configDir });
      if (!settings.ok) throw new AppError(ErrorCode.ValidationFailed, settings.error.message, settings.error.details);
    }
  }
  const now = deps.clock.now();
  const configs = new Map(loaded.value.map((m) => [m.id, m]));
  // Thresholds as stored before this call: a market whose file changed them gets its properties re-tiered.
  const before = new Map(
    (await deps.db.select({ key: markets.key, tiers: markets.tierThresholds }).from(markets).where(eq(markets.locationId, options.locationId))).map((r) => [r.key, r.tiers]),
  );
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
        setWhere: sql`(${markets.name}, ${markets.county}, ${markets.state}, ${markets.timeZone}, ${markets.dorCountyNumber}, ${markets.sources}, ${markets.tierThresholds}, ${markets.localContext})
          is distinct from (excluded.name, excluded.county, excluded.state, excluded.time_zone, excluded.dor_county_number, excluded.sources, excluded.tier_thresholds, excluded.local_context)`,
      });
    const retier = loaded.value.filter((m) => before.has(m.id) && JSON.stringify(sortedTiers(before.get(m.id))) !== JSON.stringify(sortedTiers(m.tiers))).map((m) => m.id);
    if (retier.length > 0) await retierProperties(deps, { locationId: options.locationId, marketKeys: retier, now });
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

function sortedTiers(t: unknown): Array<[string, unknown]> {
  return Object.entries((t ?? {}) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A market's thresholds changed: its scored properties take the tier their stored score now earns (the score
 * itself does not depend on thresholds). The property update triggers carry the new tiers to the analytics.
 */
async function retierProperties(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; marketKeys: string[]; now: Date }): Promise<void> {
  const tierOf = sql`case when p.score >= (m.tier_thresholds->>'A')::real then 'A' when p.score >= (m.tier_thresholds->>'B+')::real then 'B+'
    when p.score >= (m.tier_thresholds->>'B')::real then 'B' when p.score >= (m.tier_thresholds->>'C')::real then 'C' else 'D' end`;
  await deps.db.execute(sql`
    update properties p set tier = ${tierOf}, updated_at = ${options.now.toISOString()}::timestamptz
    from markets m
    where m.location_id = ${options.locationId} and m.key in (select jsonb_array_elements_text(${JSON.stringify(options.marketKeys)}::jsonb))
      and p.location_id = ${options.locationId} and p.market_id = m.id and p.score is not null and p.tier is distinct from ${tierOf}`);
}

/** Finds a market by key (`orange-fl`), or by a key prefix / county name when it is unambiguous (`orange`). */
export function findMarket(all: readonly LoadedMarket[], given: string): LoadedMarket | undefined {
  const g = given.trim().toLowerCase();
  const exact = all.find((m) => m.market.key === g);
  if (exact) return exact;
  const loose = all.filter((m) => m.market.key.split('-')[0] === g || m.market.county?.toLowerCase() === g);
  return loose.length === 1 ? loose[0] : undefined;
}

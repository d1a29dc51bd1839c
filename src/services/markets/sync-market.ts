import { and, eq } from 'drizzle-orm';
import type { ArcgisClient, CanonicalParcel, FieldMap } from '../../adapters/gis-arcgis/interface.js';
import { syncLayer } from '../../adapters/gis-arcgis/sync-layer.js';
import { markets } from '../../db/schema/index.js';
import type { MarketSource } from '../../domain/markets/market-config.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { batchedStore } from '../leads/batched-store.js';
import { buildScoringContext } from '../leads/build-scoring-context.js';
import type { LeadInput } from '../leads/lead-input.js';
import { createArcgisClientFromConfig } from './create-arcgis-client-from-config.js';
import { ensureMarkets, findMarket } from './ensure-markets.js';
import { readArcgisSourceSettings } from './read-arcgis-source-settings.js';

export interface SyncMarketOptions {
  locationId: string;
  market: string;
  /** Stop after this many records (a first look at a new source). */
  limit?: number;
  /** Injected in tests; otherwise built from config with the source's quirks. */
  client?: ArcgisClient;
  signal?: AbortSignal;
}

export interface SyncMarketReport {
  market: string;
  source: string;
  read: number;
  imported: number;
  updated: number;
  /** Records that could not be stored (no parcel id) and a query failure that ended the sync early. */
  failed: Array<{ row: number; reason: string }>;
}

/** The market's parcel layer: `parcel_lookup`, else the first enabled ArcGIS source with a field map. */
function parcelSource(sources: Record<string, MarketSource>): [string, MarketSource & { url: string; field_map: Record<string, string> }] | undefined {
  const ok = (s: MarketSource) => s.kind === 'arcgis_query' && s.enabled && s.url && s.field_map?.parcel_id;
  const named = sources.parcel_lookup;
  if (named && ok(named)) return ['parcel_lookup', named as never];
  const found = Object.entries(sources).find(([, s]) => ok(s));
  return found as never;
}

function toLeadInput(p: CanonicalParcel, row: number, state: string, source: string): LeadInput {
  const mailingLine = [p.mailing.line1, p.mailing.line2].filter((l) => l && !/^\s*$/.test(l)).join(' ') || undefined;
  return {
    row,
    property: {
      parcelId: p.parcelId,
      parcelIdDisplay: p.parcelIdDisplay,
      ...(p.owners[0] ? { ownerName: p.owners[0] } : {}),
      ...(p.owners[1] ? { owner2Name: p.owners[1] } : {}),
      situs: { ...(p.situs.line1 ? { line1: p.situs.line1 } : {}), ...(p.situs.city ? { city: p.situs.city.toUpperCase() } : {}), state, ...(p.situs.zip ? { zip: p.situs.zip.slice(0, 5) } : {}) },
      mailing: {
        ...(mailingLine ? { line1: mailingLine } : {}),
        ...(p.mailing.city ? { city: p.mailing.city.toUpperCase() } : {}),
        ...(p.mailing.state ? { state: p.mailing.state } : {}),
        ...(p.mailing.zip ? { zip: p.mailing.zip.slice(0, 5) } : {}),
      },
      source,
      ...(p.lastSale?.price !== undefined ? { lastSalePrice: p.lastSale.price } : {}),
      ...(p.lastSale?.date ? { lastSaleDate: p.lastSale.date.slice(0, 10) } : {}),
    },
    signals: {},
    contacts: [],
    parcel: { ...p.values.just !== undefined ? { justValue: p.values.just } : {}, ...(p.values.land !== undefined ? { landValue: p.values.land } : {}), ...(p.values.building !== undefined ? { buildingValue: p.values.building } : {}), ...(p.useCode ? { useCode: p.useCode } : {}), record: p.raw },
    sourceRef: p.parcelIdDisplay,
  };
}

/**
 * Pulls a market's county parcel layer (ArcGIS REST, through `syncLayer`) into properties tagged
 * `arcgis:<market>`, in transactional batches like a list import: new parcels are imported, changed ones
 * updated and re-scored, unchanged ones left alone. A bad record is reported and skipped; a query failure
 * ends the sync with what was stored so far kept.
 */
export async function syncMarket(deps: Pick<AppServices, 'db' | 'clock' | 'config'>, options: SyncMarketOptions): Promise<SyncMarketReport> {
  const all = await ensureMarkets(deps, { locationId: options.locationId, configDir: deps.config.configDir });
  const m = findMarket(all, options.market);
  if (!m) throw notFound('market', options.market);
  if (!m.config) throw new AppError(ErrorCode.ValidationFailed, `market ${m.market.key} has no YAML file in ${deps.config.configDir}/markets`);
  const found = parcelSource(m.config.sources);
  if (!found) throw new AppError(ErrorCode.ValidationFailed, `market ${m.market.key}: sources: no enabled arcgis_query source with a field_map.parcel_id`, { field: 'sources' });
  const [sourceName, source] = found;
  const settings = readArcgisSourceSettings({ marketId: m.market.key, sourceName, source, configDir: deps.config.configDir });
  if (!settings.ok) throw new AppError(ErrorCode.ValidationFailed, settings.error.message, settings.error.details);
  const s = settings.value;
  const client = options.client ?? createArcgisClientFromConfig(deps.config, { quirks: s.quirks, ...(s.extraCa ? { extraCa: s.extraCa.pem } : {}) });
  const scoring = await buildScoringContext({ markets: all, configDir: deps.config.configDir, forced: m });
  const tag = `arcgis:${m.market.key}`;
  const report: SyncMarketReport = { market: m.market.key, source: sourceName, read: 0, imported: 0, updated: 0, failed: [] };
  const store = batchedStore(deps, { locationId: options.locationId, scoring });
  for await (const r of syncLayer({
    client,
    layerUrl: s.url,
    fieldMap: source.field_map as FieldMap,
    ...(s.where ? { where: s.where } : {}),
    ...(s.method ? { method: s.method } : {}),
    ...(s.outFields ? { outFields: s.outFields } : {}),
    ...(s.pageSize ? { pageSize: s.pageSize } : {}),
    ...(s.orderBy ? { orderBy: s.orderBy } : {}),
    ...(s.objectIdField ? { objectIdField: s.objectIdField } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    if (options.limit !== undefined && report.read >= options.limit) break;
    if (!r.ok && r.error.code !== 'missing_parcel_id') {
      // The query itself failed: keep what is stored, say where it stopped (row 0 = not a record).
      report.failed.push({ row: 0, reason: `${r.error.code}: ${r.error.message}` });
      break;
    }
    report.read++;
    if (r.ok) await store.push(toLeadInput(r.value, report.read, m.market.state, tag));
    else report.failed.push({ row: report.read, reason: `${r.error.code}: ${r.error.message}` });
  }
  await store.flush();
  report.imported = store.counts.imported;
  report.updated = store.counts.updated;
  // A sync the server cut short (row 0) is not a sync: `markets list` keeps showing the last complete one.
  if (!report.failed.some((f) => f.row === 0)) {
    const now = deps.clock.now();
    await deps.db.update(markets).set({ lastSyncedAt: now, updatedAt: now }).where(and(eq(markets.id, m.market.id), eq(markets.locationId, options.locationId)));
  }
  return report;
}

import type { ExpiredListingProspect, OffMarketStatus, ResoClient } from '../../adapters/mls-reso/interface.js';
import { normalizeParcelId } from '../../domain/leads/normalize-parcel-id.js';
import { situsKey } from '../../domain/leads/situs-key.js';
import type { AppServices } from '../app-services.js';
import { batchedStore } from '../leads/batched-store.js';
import { buildScoringContext } from '../leads/build-scoring-context.js';
import type { LeadInput } from '../leads/lead-input.js';
import { ensureMarkets } from './ensure-markets.js';

/** The source every MLS listing is stored under: the same tag as the `expired` list preset, so analytics compares them. */
export const MLS_SOURCE = 'mls_expired';

export interface SyncMlsOptions {
  locationId: string;
  client: ResoClient;
  /** Listings modified since (the RESO `ModificationTimestamp`); default: all of them. */
  modifiedSince?: Date;
  statuses?: OffMarketStatus[];
  /** Stop after this many listings. */
  limit?: number;
  signal?: AbortSignal;
}

export interface SyncMlsReport {
  read: number;
  imported: number;
  updated: number;
  /** Listings without a parcel number or a street address: nothing to identify a property by. */
  skipped: Array<{ listingKey: string; reason: string }>;
  /** The latest `ModificationTimestamp` stored: the next run's `--since`. */
  lastModified: string | null;
}

/**
 * Expired, withdrawn and canceled MLS listings (seed 003 ProspectSource.EXPIRED_MLS) from a RESO Web API
 * server into properties, through the same store as list imports and parcel syncs: matched by parcel number,
 * else by situs address; scored (an off-market status is the `expired_listing` signal) in the market of the
 * situs county or city; tagged `mls_expired`. The listing agent is kept on the property, never made the owner's
 * contact. Batches commit one by one, so an interrupted run keeps what it stored and a re-run changes nothing.
 */
export async function syncMlsListings(deps: Pick<AppServices, 'db' | 'clock' | 'config'>, options: SyncMlsOptions): Promise<SyncMlsReport> {
  const markets = await ensureMarkets(deps, { locationId: options.locationId, configDir: deps.config.configDir });
  const scoring = await buildScoringContext({ markets, configDir: deps.config.configDir });
  const report: SyncMlsReport = { read: 0, imported: 0, updated: 0, skipped: [], lastModified: null };
  // The newest modification stored, committed with its batch: what the next run's --since can start from.
  let pending: string | null = null;
  const store = batchedStore(deps, {
    locationId: options.locationId,
    scoring,
    onStored: () => {
      if (pending && (!report.lastModified || pending > report.lastModified)) report.lastModified = pending;
    },
  });
  for await (const listing of options.client.fetchOffMarketListings({
    modifiedSince: options.modifiedSince ?? new Date(0),
    ...(options.statuses ? { statuses: options.statuses } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })) {
    if (options.limit !== undefined && report.read >= options.limit) break;
    report.read++;
    const input = toLeadInput(listing, report.read);
    if (!input) {
      report.skipped.push({ listingKey: listing.listingKey, reason: 'no ParcelNumber and no street address that names a street' });
      continue;
    }
    if (listing.modifiedAt && (!pending || listing.modifiedAt > pending)) pending = listing.modifiedAt;
    await store.push(input);
  }
  await store.flush();
  report.imported = store.counts.imported;
  report.updated = store.counts.updated;
  return report;
}

/**
 * One listing as a lead input, or undefined when it names no property: no parcel number, and no street line that
 * names a street (`situsKey`: a blank, a placeholder or a bare unit would be no identity for the store).
 */
export function toLeadInput(l: ExpiredListingProspect, row: number): LeadInput | undefined {
  const parcelId = l.parcelId ? normalizeParcelId(l.parcelId) : '';
  const line1 = l.address.line1?.trim();
  if (!parcelId && !situsKey({ line1, zip: l.address.zip, city: l.address.city })) return undefined;
  return {
    row,
    sourceRef: `reso:${l.listingKey}`,
    property: {
      ...(parcelId ? { parcelId, parcelIdDisplay: l.parcelId! } : {}),
      situs: {
        ...(line1 ? { line1 } : {}),
        ...(l.address.city ? { city: l.address.city.toUpperCase() } : {}),
        ...(l.address.state ? { state: l.address.state.toUpperCase() } : {}),
        ...(l.address.zip ? { zip: l.address.zip } : {}),
        ...(l.address.county ? { county: l.address.county.toUpperCase() } : {}),
      },
      mailing: {},
      source: MLS_SOURCE,
      ...(l.propertyType ? { propertyType: l.propertyType } : {}),
      ...(l.listingId ? { mlsNumber: l.listingId } : {}),
      mlsStatus: l.status,
      ...(l.listPrice !== undefined ? { listPrice: l.listPrice } : {}),
      ...(l.expirationDate ? { expirationDate: l.expirationDate.slice(0, 10) } : l.offMarketDate ? { expirationDate: l.offMarketDate.slice(0, 10) } : {}),
      ...(l.daysOnMarket !== undefined ? { daysOnMarket: l.daysOnMarket } : {}),
      ...(l.listAgent?.name ? { listingAgent: l.listAgent.name } : {}),
    },
    signals: {},
    contacts: [],
  };
}

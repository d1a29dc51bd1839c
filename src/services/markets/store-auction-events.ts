import type { Db } from '../../db/client.js';
import { selectPropertiesByIdentity } from '../../db/sql/leads/select-properties-by-identity.js';
import { lockLocationLeads } from '../../db/sql/leads/write-contacts.js';
import type { LeadSignalFields } from '../../domain/leads/types.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { buildScoringContext } from '../leads/build-scoring-context.js';
import type { LeadInput } from '../leads/lead-input.js';
import { storeLeadBatch } from '../leads/store-lead-batch.js';
import { ensureMarkets, findMarket } from './ensure-markets.js';
import type { AuctionEvent } from './read-auction-page.js';

export interface StoreAuctionEventsOptions {
  locationId: string;
  /** The market whose properties the auction items belong to (key, prefix or county). */
  market: string;
  events: readonly AuctionEvent[];
}

export interface StoreAuctionEventsReport {
  market: string;
  /** Items whose parcel is a stored property of the market. */
  matched: number;
  /** Properties whose signals changed and were re-scored (a re-run of the same page changes nothing). */
  updated: number;
  /** Items not recorded, and why: no parcel id on the item, no stored property, a property of another market. */
  unmatched: Array<{ auctionId: string; parcelId?: string; reason: string }>;
}

/** The scoring facts an auction item states: a scheduled foreclosure sale (with its time), or a tax-deed sale. */
function signalsOf(e: AuctionEvent): LeadSignalFields {
  if (e.signal === 'tax_deed_application_or_sale') return { taxDeed: true };
  // Without a sale time the item still says a foreclosure case exists.
  return e.saleAt ? { foreclosureSaleDate: e.saleAt } : { foreclosure: true };
}

/**
 * Records auction items on the stored properties they name (by parcel id, within the market), through the
 * store every source uses: the signals are merged into the property's, which is re-scored with the market's
 * profile and thresholds, its contacts' links following the new tier. Properties are never created here: an
 * auction item is a fact about a parcel Curb already holds (from the county roll or a list), not a lead by
 * itself. One transaction.
 *
 * @example
 * const page = await readAuctionPage({ fetcher, url, markets });
 * if (page.ok) await storeAuctionEvents(services, { locationId, market: 'orange-fl', events: page.value.events });
 */
export async function storeAuctionEvents(deps: Pick<AppServices, 'db' | 'clock' | 'config'>, options: StoreAuctionEventsOptions): Promise<StoreAuctionEventsReport> {
  const all = await ensureMarkets(deps, { locationId: options.locationId, configDir: deps.config.configDir });
  const m = findMarket(all, options.market);
  if (!m) throw notFound('market', options.market);
  if (!m.config) throw new AppError(ErrorCode.ValidationFailed, `market ${m.market.key} has no YAML file in ${deps.config.configDir}/markets`);
  const scoring = await buildScoringContext({ markets: all, configDir: deps.config.configDir, forced: m });
  const report: StoreAuctionEventsReport = { market: m.market.key, matched: 0, updated: 0, unmatched: [] };
  const withParcel = options.events.filter((e) => {
    if (!e.parcelId) report.unmatched.push({ auctionId: e.auctionId, reason: 'the item names no parcel id' });
    return Boolean(e.parcelId);
  });
  if (withParcel.length === 0) return report;
  const now = deps.clock.now();
  await deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // Taken before the look-up, so no import can add or change these properties between it and the store.
    await lockLocationLeads(tx, options.locationId);
    const stored = await selectPropertiesByIdentity(tx, { locationId: options.locationId, parcelIds: [...new Set(withParcel.map((e) => e.parcelId!))], situsKeys: [] });
    const marketOf = new Map(stored.map((p) => [String(p.parcel_id), (p.market_id as string | null) ?? null]));
    const inputs: LeadInput[] = [];
    for (const e of withParcel) {
      const owner = marketOf.get(e.parcelId!);
      if (owner === undefined) {
        report.unmatched.push({ auctionId: e.auctionId, parcelId: e.parcelId!, reason: 'no stored property has this parcel id' });
        continue;
      }
      if (owner !== null && owner !== m.market.id) {
        report.unmatched.push({ auctionId: e.auctionId, parcelId: e.parcelId!, reason: 'the property with this parcel id belongs to another market' });
        continue;
      }
      report.matched++;
      inputs.push({
        row: inputs.length + 1,
        // Identity only: the county roll's owner, situs, values and parcel id spelling stay as stored.
        property: { parcelId: e.parcelId!, situs: {}, mailing: {}, source: e.source },
        signals: signalsOf(e),
        contacts: [],
      });
    }
    if (inputs.length === 0) return;
    const r = await storeLeadBatch(tx, { locationId: options.locationId, now, inputs, scoring });
    report.updated = r.updated;
  });
  return report;
}

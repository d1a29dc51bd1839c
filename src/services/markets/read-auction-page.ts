import { DistressSignal, type DistressEvent, type PoliteFetcher } from '../../adapters/public-records/interface.js';
import { parseAuctionItems, type ParsedAuctionItems } from '../../adapters/public-records/realauction/parse-auction-items.js';
import { parseUpdateResponse } from '../../adapters/public-records/realauction/parse-update-response.js';
import { fromLocalEpochMs } from '../../domain/compliance/time/local-time.js';
import type { MarketConfig } from '../../domain/markets/market-config.js';
import { failure, ok, type Result } from '../../lib/result.js';

/** A distress event with its sale time as an instant, once the market's time zone is known. */
export interface AuctionEvent extends DistressEvent {
  /** `saleDate` (the calendar's local wall time) in the market's zone, as an ISO instant. */
  saleAt?: string;
}

export interface AuctionPage {
  url: string;
  fetchedAt: string;
  fromCache: boolean;
  /** The market the page belongs to (`--market`, or the one with a RealAuction source on the page's host). */
  market: string | null;
  /** `update_json`: the `Zmethod=UPDATE&FNC=LOAD` answer; `items_html`: a page of `div.AUCTION_ITEM`s. */
  format: 'update_json' | 'items_html';
  events: AuctionEvent[];
  /** Items that could not be read (an unknown auction type), so a layout change is noticed. */
  skipped: ParsedAuctionItems['skipped'];
  /** What the operator should know about this page (no items, a host that is not the market's). */
  notes: string[];
}

export interface ReadAuctionPageOptions {
  fetcher: PoliteFetcher;
  url: string;
  /** The market registry (config/markets). */
  markets: readonly MarketConfig[];
  /** A market key (`orange-fl`), or its unambiguous prefix or county; default: found by the page's host. */
  market?: string;
  bypassCache?: boolean;
  signal?: AbortSignal;
}

/** Hosts of a market's RealAuction sources (`realauction_calendar`: base_url, alt_url), with the signal each one yields. */
function realAuctionHosts(m: MarketConfig): Array<{ host: string; signal?: DistressSignal }> {
  const out: Array<{ host: string; signal?: DistressSignal }> = [];
  for (const s of Object.values(m.sources)) {
    if (s.kind !== 'realauction_calendar') continue;
    const signal = DistressSignal.safeParse(s.signal);
    for (const u of [s.base_url, s.alt_url]) if (u) out.push({ host: new URL(u).host.toLowerCase(), ...(signal.success ? { signal: signal.data } : {}) });
  }
  return out;
}

function findMarketConfig(all: readonly MarketConfig[], given: string): MarketConfig | undefined {
  const g = given.trim().toLowerCase();
  const exact = all.find((m) => m.id === g);
  if (exact) return exact;
  const loose = all.filter((m) => m.id.split('-')[0] === g || m.county.toLowerCase() === g);
  return loose.length === 1 ? loose[0] : undefined;
}

/** RealAuction's two platforms name the sale type in the host. */
function signalOfHost(host: string): DistressSignal | undefined {
  if (/realforeclose\./i.test(host)) return 'foreclosure_sale_scheduled';
  if (/realtaxdeed\./i.test(host)) return 'tax_deed_application_or_sale';
  return undefined;
}

/** "2025-10-14T11:00" (wall time in `zone`) → the UTC instant; a date alone is that day's start. */
function saleInstant(saleDate: string, zone: string): string | undefined {
  const local = Date.parse(`${saleDate.length === 10 ? `${saleDate}T00:00` : saleDate}:00Z`);
  return Number.isNaN(local) ? undefined : new Date(fromLocalEpochMs(zone, local)).toISOString();
}

/**
 * Fetches one RealAuction page through the polite fetcher (robots.txt, per-host interval, cache, bot-check
 * stop) and parses its auction items into distress events: the JSON answer of
 * `index.cfm?zaction=AUCTION&Zmethod=UPDATE&FNC=LOAD…`, or an HTML page of `div.AUCTION_ITEM`s. Sale
 * times are placed in the market's time zone. Fetch failures (`disallowed_by_robots`, `robots_unreachable`,
 * `bot_check`, …) and an unknown market are values.
 *
 * @example
 * const page = await readAuctionPage({ fetcher, url, markets });
 * if (page.ok) for (const e of page.value.events) console.log(e.parcelIdDisplay, e.signal, e.saleAt);
 */
export async function readAuctionPage(options: ReadAuctionPageOptions): Promise<Result<AuctionPage>> {
  const url = new URL(options.url);
  const host = url.host.toLowerCase();
  const notes: string[] = [];
  let market: MarketConfig | undefined;
  if (options.market !== undefined) {
    market = findMarketConfig(options.markets, options.market);
    if (!market) return failure('not_found', `market ${options.market} not found`, false, { market: options.market });
    if (!realAuctionHosts(market).some((h) => h.host === host)) notes.push(`${host} is not one of ${market.id}'s realauction_calendar sources`);
  } else {
    const owners = options.markets.filter((m) => realAuctionHosts(m).some((h) => h.host === host));
    if (owners.length === 1) market = owners[0];
    else notes.push(owners.length === 0 ? `no market has a realauction_calendar source on ${host}: sale times stay local (pass --market)` : `${host} belongs to several markets (${owners.map((m) => m.id).join(', ')}): pass --market`);
  }

  // The UPDATE endpoint answers its page's script; the header says which answer we want, it does not disguise us.
  const ajax = /zmethod=update/i.test(url.search) ? { headers: { 'X-Requested-With': 'XMLHttpRequest' } } : {};
  const page = await options.fetcher.get(options.url, { ...ajax, ...(options.bypassCache ? { bypassCache: true } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  if (!page.ok) return page;

  const source = `realauction:${host}`;
  const configured = market ? realAuctionHosts(market).find((h) => h.host === host)?.signal : undefined;
  const defaultSignal = configured ?? signalOfHost(host);
  const parseOptions = { source, ...(defaultSignal ? { defaultSignal } : {}) };
  const isJson = /json/i.test(page.value.contentType ?? '') || page.value.body.trimStart().startsWith('{');
  let parsed: ParsedAuctionItems;
  if (isJson) {
    const r = parseUpdateResponse(page.value.body, parseOptions);
    if (!r.ok) return r;
    parsed = { events: r.value.events, skipped: r.value.skipped };
  } else {
    parsed = parseAuctionItems(page.value.body, parseOptions);
    if (parsed.events.length === 0 && parsed.skipped.length === 0) {
      notes.push('no auction items on this page: RealAuction fills its calendar pages by script; give the Zmethod=UPDATE&FNC=LOAD address of the auction day');
    }
  }
  const zone = market?.timezone;
  const events = parsed.events.map((e): AuctionEvent => {
    const saleAt = zone && e.saleDate ? saleInstant(e.saleDate, zone) : undefined;
    return saleAt ? { ...e, saleAt } : e;
  });
  return ok({
    url: page.value.url,
    fetchedAt: page.value.fetchedAt,
    fromCache: page.value.fromCache,
    market: market?.id ?? null,
    format: isJson ? 'update_json' : 'items_html',
    events,
    skipped: parsed.skipped,
    notes,
  });
}

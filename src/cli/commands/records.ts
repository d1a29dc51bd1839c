import { join } from 'node:path';
import type { Command } from 'commander';
import type { PoliteFetcher } from '../../adapters/public-records/interface.js';
import { loadConfig } from '../../config/env.js';
import type { MarketConfig } from '../../domain/markets/market-config.js';
import { AppError, ErrorCode, notFound, validationError } from '../../lib/errors.js';
import type { AppFailure } from '../../lib/result.js';
import { loadMarkets } from '../../services/leads/load-markets.js';
import { createPoliteFetcherFromConfig } from '../../services/markets/create-polite-fetcher-from-config.js';
import { ensureMarkets } from '../../services/markets/ensure-markets.js';
import { readAuctionPage, type AuctionPage } from '../../services/markets/read-auction-page.js';
import { storeAuctionEvents, type StoreAuctionEventsReport } from '../../services/markets/store-auction-events.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

interface AuctionsCliOptions {
  market?: string;
  store?: boolean;
  cache: boolean;
  location?: string;
}

/** A fetch or parse failure as the CLI's error: retryable ones (robots.txt unreachable, 5xx, timeouts) exit 1, refusals 2. */
function pageError(url: string, f: AppFailure): AppError {
  if (f.code === 'not_found') return notFound('market', (f.details as { market?: string } | undefined)?.market);
  return new AppError(f.retry ? ErrorCode.ProviderUnavailable : ErrorCode.BadRequest, `${url}: ${f.message}`, { code: f.code, retry: f.retry, ...(f.details === undefined ? {} : { details: f.details }) });
}

const money = (n: number | undefined): string => (n === undefined ? '' : `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

function pageText(page: AuctionPage, stored?: StoreAuctionEventsReport): string {
  const lines = [`${new URL(page.url).host}${page.market ? ` (${page.market})` : ''}: ${page.events.length} auction item(s)${page.fromCache ? ', from the cache' : ''}`];
  for (const e of page.events) {
    const kind = e.signal === 'tax_deed_application_or_sale' ? 'tax deed' : 'foreclosure';
    const address = [e.address.line1, e.address.city].filter(Boolean).join(', ');
    lines.push(`  ${(e.parcelIdDisplay ?? '(no parcel id)').padEnd(24)} ${kind.padEnd(11)} ${(e.saleDate ?? '').replace('T', ' ').padEnd(16)} ${money(e.amount).padStart(13)}  ${address}`);
  }
  for (const s of page.skipped) lines.push(`  skipped ${s.auctionId}: ${s.reason}`);
  for (const n of page.notes) lines.push(`  note: ${n}`);
  if (stored) {
    lines.push(`stored in ${stored.market}: matched ${stored.matched}, updated ${stored.updated}, unmatched ${stored.unmatched.length}`);
    for (const u of stored.unmatched) lines.push(`  unmatched ${u.auctionId}${u.parcelId ? ` (${u.parcelId})` : ''}: ${u.reason}`);
  }
  return lines.join('\n');
}

export function registerRecords(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const records = program.command('records').description('Public-record pages (RealAuction foreclosure and tax-deed sales), fetched politely');
  records
    .command('auctions <url>')
    .description('fetch a RealAuction page (robots.txt, rate limit, cache) and list its auction items; --store records them on the matching properties')
    .option('--market <key>', "the market the page belongs to (default: the market with a realauction_calendar source on the page's host)")
    .option('--store', 'record the items on the stored properties with their parcel ids, re-scoring them')
    .option('--no-cache', 'ask the site again even if a fresh copy is cached')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((url: string, opts: AuctionsCliOptions) =>
      run(async (o) => {
        if (!/^https?:\/\//i.test(url)) throw validationError([{ path: ['url'], message: 'must be an http(s) URL' }], 'argument');
        const read = (fetcher: PoliteFetcher, markets: readonly MarketConfig[]) =>
          readAuctionPage({ fetcher, url, markets, ...(opts.market ? { market: opts.market } : {}), ...(opts.cache ? {} : { bypassCache: true }) });
        if (!opts.store) {
          // Reading a page needs the market files only, not the database.
          const config = loadConfig();
          const markets = await loadMarkets({ dir: join(config.configDir, 'markets') });
          if (!markets.ok) throw new AppError(ErrorCode.ValidationFailed, markets.error.message, markets.error.details);
          const page = await read(createPoliteFetcherFromConfig(config), markets.value);
          if (!page.ok) throw pageError(url, page.error);
          writeResult(o, page.value, () => pageText(page.value));
          return;
        }
        await withServices(async (services) => {
          const locationId = await resolveLocationId(services, opts.location);
          const all = await ensureMarkets(services, { locationId, configDir: services.config.configDir });
          const configs = all.flatMap((m) => (m.config ? [m.config] : []));
          const page = await read(createPoliteFetcherFromConfig(services.config, { clock: services.clock }), configs);
          if (!page.ok) throw pageError(url, page.error);
          if (!page.value.market) throw validationError([{ path: ['market'], message: `name the market the page belongs to (${page.value.notes.join('; ')})` }], 'option');
          const stored = await storeAuctionEvents(services, { locationId, market: page.value.market, events: page.value.events });
          writeResult(o, { ...page.value, stored }, () => pageText(page.value, stored));
        });
      }),
    );
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRealAuctionSite, type FakeRealAuctionSite } from '../../../test/fakes/realauction-site.js';
import { createPoliteFetcher } from '../../adapters/public-records/polite-fetcher.js';
import { MarketConfigSchema, type MarketConfig } from '../../domain/markets/market-config.js';
import { fixedClock } from '../../lib/clock.js';
import { readAuctionPage } from './read-auction-page.js';

let site: FakeRealAuctionSite;
let markets: MarketConfig[];
beforeAll(async () => {
  site = await startRealAuctionSite();
  const market = (id: string, county: string, sources: Record<string, unknown>) =>
    MarketConfigSchema.parse({ id, name: `${county} County, FL`, county, state: 'FL', fips: '12999', fl_dor_co_no: 58, timezone: 'America/New_York', scoring_profile: 'wholesale-fl-v1', local_context: 'A test county.', sources });
  markets = [
    market('testland-fl', 'Testland', { tax_deed_auction: { kind: 'realauction_calendar', status: 'verified', base_url: site.origin, signal: 'tax_deed_application_or_sale' } }),
    market('otherland-fl', 'Otherland', { foreclosure_auction: { kind: 'realauction_calendar', status: 'reported', base_url: 'https://otherland.realforeclose.com' } }),
  ];
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  site.requests.length = 0;
  site.robotsStatus = 200;
});

const fetcher = () => createPoliteFetcher({ userAgent: 'Curb/0.1 (+mailto:ops@example.invalid)', minIntervalMs: 0, timeoutMs: 1000, baseDelayMs: 1, clock: fixedClock('2025-06-10T15:00:00Z'), sleep: async () => {} });

describe('readAuctionPage', () => {
  it("parses the UPDATE answer of the market whose RealAuction source is on the page's host, with sale times in its zone", async () => {
    const r = await readAuctionPage({ fetcher: fetcher(), url: site.updateUrl, markets });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ market: 'testland-fl', format: 'update_json', fromCache: false, skipped: [], notes: [] });
    expect(r.value.events.map((e) => [e.auctionId, e.signal, e.parcelId, e.saleDate, e.saleAt])).toEqual([
      ['88001', 'tax_deed_application_or_sale', '123456789012345', '2025-12-18T10:00', '2025-12-18T15:00:00.000Z'],
      ['88002', 'tax_deed_application_or_sale', '012027000000010', '2025-12-18T10:00', '2025-12-18T15:00:00.000Z'],
    ]);
    expect(r.value.events[0]).toMatchObject({ source: `realauction:${new URL(site.origin).host}`, certificateNumber: '2021-5678', amount: 12345.67 });
    // robots.txt first, then the page, asked for as the script that loads it would.
    expect(site.requests.map((q) => q.path.split('?')[0])).toEqual(['/robots.txt', '/index.cfm']);
    expect(site.requests[1]!.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(site.requests[1]!.headers['user-agent']).toBe('Curb/0.1 (+mailto:ops@example.invalid)');
  });

  it('parses a page of auction items for a named market (summer time), and notes a host that is not its source', async () => {
    const r = await readAuctionPage({ fetcher: fetcher(), url: site.itemsUrl, markets, market: 'otherland' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ market: 'otherland-fl', format: 'items_html', notes: [expect.stringContaining("is not one of otherland-fl's realauction_calendar sources")] });
    expect(r.value.events.map((e) => [e.auctionId, e.signal, e.parcelId ?? null, e.saleAt])).toEqual([
      ['1495934', 'foreclosure_sale_scheduled', '292218000000001', '2025-10-14T15:00:00.000Z'],
      ['1495935', 'foreclosure_sale_scheduled', null, '2025-10-14T15:00:00.000Z'],
    ]);
  });

  it('serves a second read from the cache', async () => {
    const web = fetcher();
    await readAuctionPage({ fetcher: web, url: site.itemsUrl, markets });
    const again = await readAuctionPage({ fetcher: web, url: site.itemsUrl, markets });
    expect(again.ok && again.value.fromCache).toBe(true);
    expect(site.requests.filter((q) => q.path === '/items.html')).toHaveLength(1);
  });

  it('keeps sale times local and says why when no market owns the host', async () => {
    const r = await readAuctionPage({ fetcher: fetcher(), url: site.itemsUrl, markets: markets.slice(1) });
    expect(r.ok && r.value.market).toBeNull();
    expect(r.ok && r.value.events[0]!.saleAt).toBeUndefined();
    expect(r.ok && r.value.notes[0]).toContain('pass --market');
  });

  it('says so when a page has no auction items', async () => {
    const r = await readAuctionPage({ fetcher: fetcher(), url: site.calendarUrl, markets });
    expect(r.ok && r.value).toMatchObject({ events: [], notes: [expect.stringContaining('Zmethod=UPDATE&FNC=LOAD')] });
  });

  it('passes on what the polite fetcher refuses, and an unknown market', async () => {
    expect(await readAuctionPage({ fetcher: fetcher(), url: site.privateUrl, markets })).toMatchObject({ ok: false, error: { code: 'disallowed_by_robots', retry: false } });
    site.robotsStatus = 503;
    expect(await readAuctionPage({ fetcher: fetcher(), url: site.updateUrl, markets })).toMatchObject({ ok: false, error: { code: 'robots_unreachable', retry: true, details: { status: 503 } } });
    expect(site.requests.filter((q) => q.path !== '/robots.txt')).toEqual([]);
    expect(await readAuctionPage({ fetcher: fetcher(), url: site.updateUrl, markets, market: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

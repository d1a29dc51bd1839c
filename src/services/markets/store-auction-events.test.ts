import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealAuctionSite, type FakeRealAuctionSite } from '../../../test/fakes/realauction-site.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTestConfigDir } from '../../../test/helpers/test-markets.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { createPoliteFetcher } from '../../adapters/public-records/polite-fetcher.js';
import type { AppServices } from '../app-services.js';
import { batchedStore } from '../leads/batched-store.js';
import { buildScoringContext } from '../leads/build-scoring-context.js';
import { ensureMarkets, findMarket } from './ensure-markets.js';
import { readAuctionPage } from './read-auction-page.js';
import { storeAuctionEvents } from './store-auction-events.js';


/** Stores parcels the way a county sync does, in `market`. */
async function seed(services: AppServices, locationId: string, market: string, parcels: Array<{ parcelId: string; owner: string }>): Promise<void> {
  const all = await ensureMarkets(services, { locationId, configDir: services.config.configDir });
  const scoring = await buildScoringContext({ markets: all, configDir: services.config.configDir, forced: findMarket(all, market)! });
  const store = batchedStore(services, { locationId, scoring });
  for (const [i, p] of parcels.entries()) {
    await store.push({
      row: i + 1,
      property: {
        parcelId: p.parcelId,
        parcelIdDisplay: p.parcelId,
        ownerName: p.owner,
        situs: { line1: `${100 + i} EXAMPLE AVE`, city: 'ORLANDO', state: 'FL', zip: '32801' },
        mailing: { line1: `${100 + i} EXAMPLE AVE`, city: 'ORLANDO', state: 'FL', zip: '32801' },
        source: `arcgis:${market}`,
        homestead: true,
      },
      signals: {},
      contacts: [],
      parcel: { justValue: 250_000 },
    });
  }
  await store.flush();
}

describe.each(databaseTargets())('auction pages recorded on stored properties (%s)', (kind) => {
  let ctx: TestContext;
  let site: FakeRealAuctionSite;
  let configDir: string;
  beforeAll(async () => {
    site = await startRealAuctionSite();
    configDir = createTestConfigDir([
      {
        id: 'testland-fl',
        county: 'Testland',
        sources: `  tax_deed_auction: { kind: realauction_calendar, status: verified, base_url: "${site.origin}", signal: tax_deed_application_or_sale }\n  lis_pendens: { kind: official_records_search, status: unconfirmed, enabled: false }`,
      },
      { id: 'otherland-fl', county: 'Otherland', sources: '  lis_pendens: { kind: official_records_search, status: unconfirmed, enabled: false }' },
    ]);
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false', CURB_CONFIG_DIR: configDir } });
  });
  afterAll(async () => {
    await ctx.close();
    await site.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  const fetcher = () => createPoliteFetcher({ userAgent: 'Curb/0.1 (+mailto:ops@example.invalid)', minIntervalMs: 0, baseDelayMs: 1, timeoutMs: 1000, clock: ctx.services.clock, sleep: async () => {} });
  const configs = async (locationId: string) => (await ensureMarkets(ctx.services, { locationId, configDir })).flatMap((m) => (m.config ? [m.config] : []));
  const property = async (locationId: string, parcelId: string) =>
    (
      await ctx.services.database.executeSql<{ signals: Record<string, unknown>; score: number; tier: string; contributions: Array<{ signal: string; points: number }>; owner_name: string; parcel_id_display: string; source: string }>(
        'select signals, score, tier, score_contributions as contributions, owner_name, parcel_id_display, source from properties where location_id = $1 and parcel_id = $2',
        [locationId, parcelId],
      )
    ).rows[0]!;

  it('records scheduled sales on the matching parcels of the market and re-scores them; a re-run changes nothing', async () => {
    const { location } = await createTenant(ctx.services);
    await seed(ctx.services, location.id, 'testland-fl', [
      { parcelId: '292218000000001', owner: 'DOE JANE Q' },
      { parcelId: '123456789012345', owner: 'ROE JOHN' },
    ]);
    await seed(ctx.services, location.id, 'otherland-fl', [{ parcelId: '012027000000010', owner: 'SAMPLE ANA' }]);
    const before = await property(location.id, '292218000000001');
    const beforeTaxDeed = await property(location.id, '123456789012345');

    const markets = await configs(location.id);
    const foreclosures = await readAuctionPage({ fetcher: fetcher(), url: site.itemsUrl, markets });
    const taxDeeds = await readAuctionPage({ fetcher: fetcher(), url: site.updateUrl, markets });
    if (!foreclosures.ok || !taxDeeds.ok) throw new Error('the fixture pages did not parse');
    const events = [...foreclosures.value.events, ...taxDeeds.value.events];
    const report = await storeAuctionEvents(ctx.services, { locationId: location.id, market: 'testland-fl', events });
    expect(report).toEqual({
      market: 'testland-fl',
      matched: 2,
      updated: 2,
      unmatched: [
        { auctionId: '1495935', reason: 'the item names no parcel id' },
        { auctionId: '88002', parcelId: '012027000000010', reason: 'the property with this parcel id belongs to another market' },
      ],
    });

    const foreclosed = await property(location.id, '292218000000001');
    // 11:00 on the calendar is 11:00 in Orlando (EDT): 15:00 UTC.
    expect(foreclosed.signals).toEqual({ foreclosureSaleDate: '2025-10-14T15:00:00.000Z' });
    expect(foreclosed.contributions.map((c) => c.signal)).toContain('foreclosure_sale_scheduled');
    expect(foreclosed.score).toBeGreaterThan(before.score);
    // The county roll's facts stay as they were.
    expect(foreclosed).toMatchObject({ owner_name: 'DOE JANE Q', parcel_id_display: '292218000000001', source: 'arcgis:testland-fl' });
    const taxDeed = await property(location.id, '123456789012345');
    expect(taxDeed.signals).toEqual({ taxDeed: true });
    expect(taxDeed.contributions.map((c) => c.signal)).toContain('tax_deed_application_or_sale');
    expect(taxDeed.score).toBeGreaterThan(beforeTaxDeed.score);
    expect((await property(location.id, '012027000000010')).signals).toEqual({});
    // Nothing was created: an auction item alone is not a lead.
    const count = await ctx.services.database.executeSql<{ n: number }>('select count(*)::int as n from properties where location_id = $1', [location.id]);
    expect(count.rows[0]!.n).toBe(3);

    const again = await storeAuctionEvents(ctx.services, { locationId: location.id, market: 'testland-fl', events });
    expect(again).toMatchObject({ matched: 2, updated: 0 });
  }, 120_000);

  it('reports items without a stored property, and an unknown market', async () => {
    const { location } = await createTenant(ctx.services, 'Empty');
    const markets = await configs(location.id);
    const page = await readAuctionPage({ fetcher: fetcher(), url: site.updateUrl, markets });
    if (!page.ok) throw new Error(page.error.message);
    const report = await storeAuctionEvents(ctx.services, { locationId: location.id, market: 'testland', events: page.value.events });
    expect(report).toEqual({
      market: 'testland-fl',
      matched: 0,
      updated: 0,
      unmatched: [
        { auctionId: '88001', parcelId: '123456789012345', reason: 'no stored property has this parcel id' },
        { auctionId: '88002', parcelId: '012027000000010', reason: 'no stored property has this parcel id' },
      ],
    });
    await expect(storeAuctionEvents(ctx.services, { locationId: location.id, market: 'nowhere', events: [] })).rejects.toThrow('market nowhere not found');
  }, 60_000);
});

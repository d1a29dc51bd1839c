import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResoServer, type FakeResoServer } from '../../../test/fakes/reso-server.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { createResoClientFromConfig } from './create-reso-client-from-config.js';
import { syncMlsListings } from './sync-mls.js';

describe.each(databaseTargets())('syncMlsListings (%s)', (kind) => {
  let ctx: TestContext;
  let server: FakeResoServer;
  beforeAll(async () => {
    server = await startResoServer();
    ctx = await createTestContext(kind, {
      env: { RESO_BASE_URL: server.baseUrl, RESO_TOKEN_URL: server.tokenUrl, RESO_CLIENT_ID: server.clientId, RESO_CLIENT_SECRET: server.clientSecret, RESO_MIN_INTERVAL_MS: '0' },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await server.close();
  });

  it('stores the off-market listings as scored properties tagged mls_expired, and a re-run changes nothing', async () => {
    const { location } = await createTenant(ctx.services);
    const client = createResoClientFromConfig(ctx.services.config);
    const first = await syncMlsListings(ctx.services, { locationId: location.id, client });
    // 450 generated listings cycle through six statuses; Expired, Withdrawn and Canceled are three of them.
    expect(first).toMatchObject({ read: 225, imported: 225, updated: 0, skipped: [] });
    expect(first.lastModified).toBe(server.listings.filter((l) => ['Expired', 'Withdrawn', 'Canceled'].includes(String(l.StandardStatus))).at(-1)!.ModificationTimestamp);
    const rows = await ctx.services.database.executeSql<{ source: string; n: number; with_signal: number; with_market: number }>(
      `select source, count(*)::int as n,
              (count(*) filter (where score_contributions @> '[{"signal": "expired_listing"}]'))::int as with_signal,
              count(market_id)::int as with_market
       from properties where location_id = $1 group by source`,
      [location.id],
    );
    expect(rows.rows).toEqual([{ source: 'mls_expired', n: 225, with_signal: 225, with_market: 225 }]);
    // The listing agent is not the owner: no contact was made from a listing.
    const contacts = await ctx.services.database.executeSql<{ n: number }>('select count(*)::int as n from contacts where location_id = $1', [location.id]);
    expect(contacts.rows[0]!.n).toBe(0);

    const again = await syncMlsListings(ctx.services, { locationId: location.id, client });
    expect(again).toMatchObject({ read: 225, imported: 0, updated: 0 });
    // Incremental: only what changed since the last run's last listing.
    const since = await syncMlsListings(ctx.services, { locationId: location.id, client, modifiedSince: new Date(first.lastModified!) });
    expect(since.read).toBe(1);
  });

  it('skips a listing that names no property, and names the setting that is missing', async () => {
    const { location } = await createTenant(ctx.services, 'No parcel');
    // LK-UNIT's address is only a unit: stored, it would share a situs with every other such listing.
    const bare = await startResoServer({
      listings: [
        { ListingKey: 'LK-BARE', StandardStatus: 'Expired', ModificationTimestamp: '2025-01-02T00:00:00Z' },
        { ListingKey: 'LK-UNIT', StandardStatus: 'Expired', ModificationTimestamp: '2025-01-03T00:00:00Z', UnparsedAddress: 'Unit 4', PostalCode: '32801' },
      ],
    });
    try {
      const client = createResoClientFromConfig({ ...ctx.services.config, env: { ...ctx.services.config.env, RESO_BASE_URL: bare.baseUrl, RESO_TOKEN_URL: bare.tokenUrl } });
      const r = await syncMlsListings(ctx.services, { locationId: location.id, client });
      const reason = 'no ParcelNumber and no street address that names a street';
      expect(r).toMatchObject({ read: 2, imported: 0, skipped: [{ listingKey: 'LK-BARE', reason }, { listingKey: 'LK-UNIT', reason }] });
    } finally {
      await bare.close();
    }
    expect(() => createResoClientFromConfig({ ...ctx.services.config, env: { ...ctx.services.config.env, RESO_BASE_URL: undefined } })).toThrow(/RESO_BASE_URL/);
    expect(() =>
      createResoClientFromConfig({ ...ctx.services.config, env: { ...ctx.services.config.env, RESO_TOKEN: undefined, RESO_CLIENT_SECRET: undefined } }),
    ).toThrow(/RESO_CLIENT_SECRET/);
  });
});

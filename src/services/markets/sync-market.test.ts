import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArcgisServer, type FakeArcgisServer } from '../../../test/fakes/arcgis-server.js';
import { generateCertificateChain } from '../../../test/helpers/test-certs.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTestConfigDir } from '../../../test/helpers/test-markets.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { ensureMarkets } from './ensure-markets.js';
import { syncMarket } from './sync-market.js';

const FIELD_MAP = `{ parcel_id: PARCEL, owner_name_1: NAME1, owner_name_2: NAME2, mail_line_1: ADD1, mail_line_2: ADD2, mail_city: CITY, mail_state: STATE, mail_zip: ZIP,
                 situs_line_1: SITUS, situs_city: SITUS_CITY, situs_zip: SITUS_ZIP, just_value: TOTAL_MKT, land_value: LAND_MKT, building_value: BLDG_MKT,
                 use_code: DOR_CODE, sale_date: SALE_DATE, sale_price: SALE_PRICE }`;

/** The test market's file with another parcel source, for the length of `fn`. */
async function withParcelSource<T>(configDir: string, source: string, fn: () => Promise<T>): Promise<T> {
  const file = join(configDir, 'markets/testland-fl.yaml');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, `${original.slice(0, original.indexOf('sources:'))}sources:\n  parcel_lookup:\n${source.replace(/^/gm, '    ')}\n`);
  try {
    return await fn();
  } finally {
    writeFileSync(file, original);
  }
}

function configDirFor(server: FakeArcgisServer): string {
  return createTestConfigDir([
    {
      id: 'testland-fl',
      county: 'Testland',
      cities: ['Orlando'],
      sources: `  parcel_lookup:\n    kind: arcgis_query\n    status: verified\n    url: ${server.parcelLayerUrl}\n    field_map: ${FIELD_MAP}\n`,
    },
  ]);
}

describe.each(databaseTargets())('syncMarket against a local ArcGIS server (%s)', (kind) => {
  let ctx: TestContext;
  let server: FakeArcgisServer;
  let configDir: string;
  beforeAll(async () => {
    server = await startArcgisServer();
    configDir = configDirFor(server);
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false', CURB_CONFIG_DIR: configDir, ARCGIS_MIN_INTERVAL_MS: '0', IMPORT_BATCH_SIZE: '500' } });
  });
  afterAll(async () => {
    await ctx.close();
    await server.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('stores the parcel layer as scored properties tagged with the source, and a re-sync changes nothing', async () => {
    const { location } = await createTenant(ctx.services);
    const first = await syncMarket(ctx.services, { locationId: location.id, market: 'testland' });
    expect(first).toEqual({ market: 'testland-fl', source: 'parcel_lookup', read: server.recordCount, imported: server.recordCount, updated: 0, failed: [] });
    const rows = await ctx.services.database.executeSql<{ n: number; sources: string[]; scored: number }>(
      "select count(*)::int as n, array_agg(distinct source) as sources, count(tier)::int as scored from properties where location_id = $1",
      [location.id],
    );
    expect(rows.rows[0]).toEqual({ n: server.recordCount, sources: ['arcgis:testland-fl'], scored: server.recordCount });
    const one = await ctx.services.database.executeSql<{ owner_name: string; just_value: string; last_sale_date: string; market: string }>(
      "select p.owner_name, p.just_value::text, p.last_sale_date::text, m.key as market from properties p join markets m on m.id = p.market_id where p.location_id = $1 and p.parcel_id = '292218000000003'",
      [location.id],
    );
    expect(one.rows[0]).toMatchObject({ owner_name: expect.any(String), market: 'testland-fl' });
    expect(one.rows[0]!.last_sale_date).toMatch(/^2010-06-2\d$/);

    const again = await syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl' });
    expect(again).toMatchObject({ read: server.recordCount, imported: 0, updated: 0 });
  }, 120_000);

  it("re-tiers a market's properties when its file changes the thresholds, and the analytics copies follow", async () => {
    const { location } = await createTenant(ctx.services, 'Thresholds');
    await syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl', limit: 20 });
    const tiers = async () =>
      (
        await ctx.services.database.executeSql<{ tier: string; n: number; links_behind: number }>(
          `select p.tier, count(*)::int as n,
                  (count(*) filter (where exists (select 1 from property_contacts pc where pc.property_id = p.id and pc.tier is distinct from p.tier)))::int as links_behind
           from properties p where p.location_id = $1 group by p.tier order by p.tier`,
          [location.id],
        )
      ).rows;
    expect((await tiers()).some((t) => t.tier !== 'A')).toBe(true);
    const file = join(configDir, 'markets/testland-fl.yaml');
    const original = readFileSync(file, 'utf8');
    try {
      // Every score clears A now.
      writeFileSync(file, `${original}tiers: { A: -100, "B+": -100, B: -100, C: -100 }\n`);
      await ensureMarkets(ctx.services, { locationId: location.id, configDir });
      expect(await tiers()).toEqual([{ tier: 'A', n: 20, links_behind: 0 }]);
    } finally {
      writeFileSync(file, original);
      await ensureMarkets(ctx.services, { locationId: location.id, configDir });
    }
    expect((await tiers()).some((t) => t.tier !== 'A')).toBe(true);
  }, 120_000);

  it('stops at --limit and reports a failing server without losing what was stored', async () => {
    const { location } = await createTenant(ctx.services, 'Limit');
    expect(await syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl', limit: 10 })).toMatchObject({ read: 10, imported: 10 });
    server.scenario.errorBody = { code: 400, message: 'Unable to complete operation.', times: 100 };
    try {
      const r = await syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl' });
      expect(r.imported).toBe(0);
      expect(r.failed).toEqual([{ row: 0, reason: expect.stringContaining('Unable to complete operation') }]);
    } finally {
      server.resetScenario();
    }
    const n = await ctx.services.database.executeSql<{ n: number }>('select count(*)::int as n from properties where location_id = $1', [location.id]);
    expect(n.rows[0]!.n).toBe(10);
    // The cut-short sync is not recorded as the market's last sync; the complete one before it is.
    const synced = await ctx.services.database.executeSql<{ at: Date | null }>("select last_synced_at as at from markets where location_id = $1 and key = 'testland-fl'", [location.id]);
    expect(synced.rows[0]!.at).not.toBeNull();
    // Marked as an old sync, so a new timestamp would show whatever the test clock says.
    await ctx.services.database.executeSql("update markets set last_synced_at = '2020-01-01T00:00:00Z' where location_id = $1 and key = 'testland-fl'", [location.id]);
    const before = Date.parse('2020-01-01T00:00:00Z');
    server.scenario.errorBody = { code: 400, message: 'Unable to complete operation.', times: 100 };
    try {
      await syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl' });
    } finally {
      server.resetScenario();
    }
    const after = await ctx.services.database.executeSql<{ at: Date }>("select last_synced_at as at from markets where location_id = $1 and key = 'testland-fl'", [location.id]);
    expect(new Date(after.rows[0]!.at).getTime()).toBe(before);
  }, 120_000);

  it("sends the source's out_fields, page_size, order_by and object_id_field with its queries", async () => {
    const { location } = await createTenant(ctx.services, 'Settings');
    server.resetScenario();
    const r = await withParcelSource(
      configDir,
      `kind: arcgis_query
status: verified
url: ${server.unnamedIdLayerUrl}
object_id_field: OBJECTID_1
page_size: 300
order_by: "DISTRICT DESC"
out_fields: [PARCEL, NAME1, NAME2, ADD1, ADD2, CITY, STATE, ZIP, SITUS, SITUS_CITY, SITUS_ZIP, TOTAL_MKT, LAND_MKT, BLDG_MKT, DOR_CODE, SALE_DATE, SALE_PRICE, DISTRICT]
field_map: ${FIELD_MAP}`,
      () => syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl', limit: 5 }),
    );
    expect(r).toMatchObject({ read: 5, imported: 5, failed: [] });
    const q = server.requests.filter((x) => x.path.endsWith('/query'));
    expect(q[0]!.params).toMatchObject({
      resultRecordCount: '300',
      orderByFields: 'DISTRICT DESC,OBJECTID_1 ASC',
      outFields: 'OBJECTID_1,PARCEL,NAME1,NAME2,ADD1,ADD2,CITY,STATE,ZIP,SITUS,SITUS_CITY,SITUS_ZIP,TOTAL_MKT,LAND_MKT,BLDG_MKT,DOR_CODE,SALE_DATE,SALE_PRICE,DISTRICT',
    });
    // District B comes first, and the extra out field is kept with the county record.
    const stored = await ctx.services.database.executeSql<{ district: string }>("select raw->'record'->>'DISTRICT' as district from properties where location_id = $1", [location.id]);
    expect(stored.rows.map((x) => x.district)).toEqual(['B', 'B', 'B', 'B', 'B']);
  }, 120_000);

  it('refuses a market file whose ArcGIS source has a wrong key, naming the market, the source and the key', async () => {
    const { location } = await createTenant(ctx.services, 'Bad key');
    await expect(
      withParcelSource(configDir, `kind: arcgis_query\nstatus: verified\nurl: ${server.parcelLayerUrl}\npage_size: -5\nfield_map: { parcel_id: PARCEL }`, () =>
        ensureMarkets(ctx.services, { locationId: location.id, configDir }),
      ),
    ).rejects.toThrow('market testland-fl, source parcel_lookup: page_size: must be at least 1');
  });

  it('syncs over HTTPS from a host with an incomplete chain, trusting tls.extra_ca_bundle for that source only', async () => {
    const certs = generateCertificateChain();
    const secure = await startArcgisServer({ tls: { key: certs.leafKeyPem, cert: certs.leafPem } });
    mkdirSync(join(configDir, 'certs'), { recursive: true });
    writeFileSync(join(configDir, 'certs/testland-intermediate.pem'), `${certs.intermediatePem}${certs.rootPem}`);
    try {
      const { location } = await createTenant(ctx.services, 'TLS');
      const source = `kind: arcgis_query\nstatus: verified\nurl: ${secure.parcelLayerUrl}\nfield_map: ${FIELD_MAP}`;
      const refused = await withParcelSource(configDir, source, () => syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl', limit: 3 }));
      expect(refused.failed).toEqual([{ row: 0, reason: expect.stringMatching(/^tls_untrusted: .*tls\.extra_ca_bundle/) }]);
      const r = await withParcelSource(configDir, `${source}\ntls: { extra_ca_bundle: certs/testland-intermediate.pem }`, () =>
        syncMarket(ctx.services, { locationId: location.id, market: 'testland-fl', limit: 3 }),
      );
      expect(r).toMatchObject({ read: 3, imported: 3, failed: [] });
    } finally {
      await secure.close();
    }
  }, 120_000);
});

/**
 * `curb records auctions` through the real CLI process, against a local site serving the saved RealAuction
 * pages: reading a page without a database, and `--store` recording the items on imported properties.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealAuctionSite, type FakeRealAuctionSite } from '../fakes/realauction-site.js';
import { runCli } from '../helpers/run-cli.js';
import { createTestConfigDir } from '../helpers/test-markets.js';

describe('curb records auctions (pglite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'curb-cli-records-'));
  const configDir = join(dataDir, 'config');
  let site: FakeRealAuctionSite;
  let env: Record<string, string>;
  // Asynchronous: the site answers from this process, so the test must not block while the CLI runs.
  const curb = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    site = await startRealAuctionSite();
    createTestConfigDir(
      [
        {
          id: 'testland-fl',
          county: 'Testland',
          cities: ['Orlando'],
          sources: `  tax_deed_auction: { kind: realauction_calendar, status: verified, base_url: "${site.origin}", signal: tax_deed_application_or_sale }`,
        },
      ],
      configDir,
    );
    env = {
      CURB_DATA_DIR: dataDir,
      CURB_CONFIG_DIR: configDir,
      EMAIL_MX_CHECK: 'false',
      LOG_LEVEL: 'silent',
      PUBLIC_RECORDS_MIN_INTERVAL_MS: '0',
      PUBLIC_RECORDS_USER_AGENT: 'Curb/0.1 (+mailto:ops@example.invalid)',
    };
  });
  afterAll(async () => {
    await site.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the parsed items with --json, without a database', async () => {
    const r = await curb('--json', 'records', 'auctions', site.updateUrl);
    expect(r.code, r.stderr).toBe(0);
    const page = JSON.parse(r.stdout);
    expect(page).toMatchObject({ market: 'testland-fl', format: 'update_json', fromCache: false });
    expect(page.events.map((e: { parcelIdDisplay: string; saleAt: string }) => [e.parcelIdDisplay, e.saleAt])).toEqual([
      ['12-34-56-7890-12-345', '2025-12-18T15:00:00.000Z'],
      ['01-20-27-0000-00-010', '2025-12-18T15:00:00.000Z'],
    ]);
    expect(site.requests.map((q) => q.headers['user-agent'])).toEqual(['Curb/0.1 (+mailto:ops@example.invalid)', 'Curb/0.1 (+mailto:ops@example.invalid)']);
  }, 60_000);

  it('refuses a page robots.txt disallows, exiting 2', async () => {
    const r = await curb('--json', 'records', 'auctions', site.privateUrl);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'bad_request', details: { code: 'disallowed_by_robots' } });
  }, 60_000);

  it('--store records the items on the imported parcels and re-scores them; the next run reads the cache', async () => {
    expect((await curb('--json', 'locations', 'create', '--name', 'Auction Buyers')).code).toBe(0);
    const list = join(dataDir, 'list.csv');
    writeFileSync(list, 'parcel_id,owner_name,situs_address,situs_city,situs_state,situs_zip\n12-34-56-7890-12-345,ROE JOHN,900 Demo Dr,Orlando,FL,32801\n');
    expect((await curb('--json', 'import', 'leads', list, '--market', 'testland-fl')).code).toBe(0);
    const pages = () => site.requests.filter((q) => q.path.startsWith('/index.cfm')).length;
    const asked = pages();
    // The first test cached this page; --no-cache asks the site again.
    const r = await curb('--json', 'records', 'auctions', site.updateUrl, '--store', '--no-cache');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.fromCache).toBe(false);
    expect(out.stored).toEqual({
      market: 'testland-fl',
      matched: 1,
      updated: 1,
      unmatched: [{ auctionId: '88002', parcelId: '012027000000010', reason: 'no stored property has this parcel id' }],
    });
    // A second run within the TTL is served from the file cache and changes nothing.
    const again = JSON.parse((await curb('--json', 'records', 'auctions', site.updateUrl, '--store')).stdout);
    expect(again).toMatchObject({ fromCache: true, stored: { matched: 1, updated: 0 } });
    expect(pages()).toBe(asked + 1);
    const text = await curb('records', 'auctions', site.updateUrl);
    expect(text.stdout).toContain('12-34-56-7890-12-345');
    expect(text.stdout).toContain('tax deed');
  }, 120_000);
});

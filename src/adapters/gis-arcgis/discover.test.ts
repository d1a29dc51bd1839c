import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArcgisServer, type FakeArcgisServer } from '../../../test/fakes/arcgis-server.js';
import { createArcgisClient } from './client.js';
import { discover } from './discover.js';
import { MarketConfigSchema } from '../../domain/markets/market-config.js';
import { draftMarketConfig } from './draft-market-config.js';
import { guessFieldMap } from './guess-field-map.js';

let server: FakeArcgisServer;
beforeAll(async () => {
  server = await startArcgisServer({ records: [] });
});
afterAll(async () => {
  await server.close();
});
const client = () => createArcgisClient({ userAgent: 'Curb-test', minIntervalMs: 0, retries: 0, timeoutMs: 500 });

describe('discover', () => {
  it('walks folders, lists MapServer/FeatureServer layers and tables, and ranks the parcel layer first', async () => {
    const r = await discover({ client: client(), servicesDirectoryUrl: server.rootUrl });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value;
    const urls = d.layers.map((l) => l.url.slice(server.rootUrl.length));
    expect(urls).toEqual(expect.arrayContaining([
      '/Webmap/PARCEL/MapServer/4', '/Webmap/PARCEL/MapServer/5', '/Webmap/PARCEL/MapServer/0', '/Webmap/SALES/MapServer/5',
      '/OCPA/Base/MapServer/0', '/Ian_Damage_Map_Gallery/MapServer/0', '/Nearby_Amenities/FeatureServer/0', '/Nearby_Amenities/FeatureServer/1',
    ]));
    // Group layers are not layers; the GeocodeServer is not walked.
    expect(urls.some((u) => u.endsWith('/9') || u.includes('Locator'))).toBe(false);
    expect(d.layers.find((l) => l.url.endsWith('FeatureServer/1'))?.kind).toBe('table');
    expect(d.layers[0]!.url).toMatch(/Webmap\/PARCEL\/MapServer\/[45]$/);
    expect(d.layers[0]!.guess).toMatchObject({
      parcel_id: { field: 'PARCEL' }, owner_name_1: { field: 'NAME1' }, owner_name_2: { field: 'NAME2' }, mail_line_1: { field: 'ADD1' },
      mail_city: { field: 'CITY' }, mail_state: { field: 'STATE' }, mail_zip: { field: 'ZIP' }, situs_line_1: { field: 'SITUS' },
      situs_city: { field: 'SITUS_CITY' }, just_value: { field: 'TOTAL_MKT' }, land_value: { field: 'LAND_MKT' }, building_value: { field: 'BLDG_MKT' },
    });
    expect(d.layers[0]!.score).toBeGreaterThan(0.8);
    expect(d.layers.find((l) => l.name === 'Streets')!.score).toBeLessThan(0.2);
  });

  it('bounds the walk', async () => {
    const r = await discover({ client: client(), servicesDirectoryUrl: server.rootUrl, maxDepth: 0 });
    expect(r.ok && r.value.truncated).toBe(true);
    expect(r.ok && r.value.layers.every((l) => !l.url.includes('/Webmap/'))).toBe(true);
  });

  it('drafts a market config from the best layer', async () => {
    const r = await discover({ client: client(), servicesDirectoryUrl: server.rootUrl });
    if (!r.ok) throw new Error('discover failed');
    const draft = draftMarketConfig(r.value, { key: 'orange', name: 'Orange', state: 'FL' });
    expect(draft.config).toMatchObject({
      id: 'orange', name: 'Orange', state: 'FL', timezone: 'America/New_York',
      sources: { parcel_lookup: { kind: 'arcgis_query', status: 'unconfirmed', enabled: false, field_map: { parcel_id: 'PARCEL', owner_name_1: 'NAME1', mail_line_1: 'ADD1' } } },
    });
    expect(draft.config.sources.parcel_lookup!.alternatives.length).toBeGreaterThan(0);
    // What discovery cannot know is named, and the draft is not yet a loadable market.
    expect(draft.missing).toEqual(['county', 'fips', 'fl_dor_co_no', 'local_context']);
    expect(MarketConfigSchema.safeParse(draft.config).success).toBe(false);
    // Given those, the draft is a market file the loader accepts, its source disabled until confirmed.
    const full = draftMarketConfig(r.value, { key: 'orange-fl', name: 'Orange', county: 'Orange', fips: '12095', flDorCountyNumber: 58, localContext: 'Central Florida.' });
    expect(full.missing).toEqual([]);
    const parsed = MarketConfigSchema.safeParse(full.config);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.sources.parcel_lookup?.enabled).toBe(false);
  });
});

describe('guessFieldMap', () => {
  it('recognises the Lake, Volusia and Osceola field names', () => {
    const f = (...names: string[]) => names.map((name) => ({ name, type: 'esriFieldTypeString', alias: name }));
    expect(guessFieldMap(f('ParcelNumber', 'OwnerName', 'PropertyAddress', 'OwnerAddress', 'OwnerCity', 'OwnerState', 'OwnerZip', 'LandValue', 'BuildingValue'))).toMatchObject({
      parcel_id: { field: 'ParcelNumber', confidence: expect.any(Number) }, owner_name_1: { field: 'OwnerName' }, situs_line_1: { field: 'PropertyAddress' },
      mail_line_1: { field: 'OwnerAddress' }, mail_city: { field: 'OwnerCity' }, mail_state: { field: 'OwnerState' }, mail_zip: { field: 'OwnerZip' },
      land_value: { field: 'LandValue' }, building_value: { field: 'BuildingValue' },
    });
    expect(guessFieldMap(f('PID', 'OWNER1', 'OWNER2', 'ADDRFULL', 'CITYNAME', 'ZIP1', 'MAILADDR1', 'LANDJUST', 'IMPRJUST'))).toMatchObject({
      parcel_id: { field: 'PID' }, owner_name_1: { field: 'OWNER1' }, owner_name_2: { field: 'OWNER2' }, situs_line_1: { field: 'ADDRFULL' },
      situs_city: { field: 'CITYNAME' }, situs_zip: { field: 'ZIP1' }, mail_line_1: { field: 'MAILADDR1' }, land_value: { field: 'LANDJUST' }, building_value: { field: 'IMPRJUST' },
    });
    expect(guessFieldMap(f('Strap', 'Owner1', 'Owner2', 'BillingAdd'))).toMatchObject({ parcel_id: { field: 'Strap' }, owner_name_1: { field: 'Owner1' }, mail_line_1: { field: 'BillingAdd' } });
  });
});

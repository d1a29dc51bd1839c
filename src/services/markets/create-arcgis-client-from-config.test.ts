import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArcgisServer, type FakeArcgisServer } from '../../../test/fakes/arcgis-server.js';
import { discover } from '../../adapters/gis-arcgis/discover.js';
import { loadConfig } from '../../config/env.js';
import { createArcgisClientFromConfig } from './create-arcgis-client-from-config.js';

// Two county servers on one machine: the token configured for the first must never reach the second.
let county: FakeArcgisServer;
let stranger: FakeArcgisServer;
beforeAll(async () => {
  county = await startArcgisServer({ records: [] });
  stranger = await startArcgisServer({ records: [] });
});
afterAll(async () => {
  await county.close();
  await stranger.close();
});

const tokensSent = (s: FakeArcgisServer) => s.requests.map((r) => r.params['token']).filter((t) => t !== undefined);

describe('createArcgisClientFromConfig', () => {
  it.each([
    ['ARCGIS_TOKEN with ARCGIS_TOKEN_HOSTS', (host: string) => ({ ARCGIS_TOKEN: 'county-secret', ARCGIS_TOKEN_HOSTS: host })],
    ['ARCGIS_TOKENS', (host: string) => ({ ARCGIS_TOKENS: `${host}=county-secret` })],
  ])('%s: `markets discover` of another host sends it no token', async (_name, env) => {
    county.resetScenario();
    stranger.resetScenario();
    const config = loadConfig({ ARCGIS_MIN_INTERVAL_MS: '0', ...env(new URL(county.origin).host) });
    const client = createArcgisClientFromConfig(config);
    const elsewhere = await discover({ client, servicesDirectoryUrl: stranger.rootUrl });
    expect(elsewhere.ok && elsewhere.value.layers.length).toBeGreaterThan(0);
    expect(stranger.requests.length).toBeGreaterThan(5);
    expect(tokensSent(stranger)).toEqual([]);
    // The host it was configured for gets it on every request.
    const home = await discover({ client, servicesDirectoryUrl: county.rootUrl });
    expect(home.ok).toBe(true);
    expect(tokensSent(county)).toHaveLength(county.requests.length);
    expect(new Set(tokensSent(county))).toEqual(new Set(['county-secret']));
  });
});

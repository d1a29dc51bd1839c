import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArcgisServer, type FakeArcgisServer } from '../../../test/fakes/arcgis-server.js';
import { generateCertificateChain, type TestCertificateChain } from '../../../test/helpers/test-certs.js';
import { createArcgisClient, type ArcgisClientOptions } from './client.js';
import type { ArcgisRecord } from './interface.js';

// An HTTPS ArcGIS server that sends its certificate without the intermediate (gis.osceola.org's reported fault).
let certs: TestCertificateChain;
let server: FakeArcgisServer;
beforeAll(async () => {
  certs = generateCertificateChain();
  server = await startArcgisServer({ tls: { key: certs.leafKeyPem, cert: certs.leafPem } });
});
afterAll(async () => {
  await server.close();
});

const client = (extra: Partial<ArcgisClientOptions> = {}) =>
  createArcgisClient({ userAgent: 'Curb-test/0 (+mailto:test@example.invalid)', minIntervalMs: 0, timeoutMs: 2000, retries: 2, baseDelayMs: 1, sleep: async () => {}, ...extra });

async function collect(it: AsyncIterable<ArcgisRecord>): Promise<ArcgisRecord[]> {
  const out: ArcgisRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('extra CA bundle for a host with an incomplete chain', () => {
  it('refuses the unverifiable chain without retrying, and says how to fix it', async () => {
    const r = await client().getLayerInfo(server.parcelLayerUrl);
    expect(!r.ok && r.error).toMatchObject({ code: 'tls_untrusted', retry: false, message: expect.stringContaining('tls.extra_ca_bundle') });
    expect(server.requests).toEqual([]);
    // The root alone does not help: the intermediate is what the server leaves out.
    const rootOnly = await client({ extraCa: certs.rootPem }).getLayerInfo(server.parcelLayerUrl);
    expect(!rootOnly.ok && rootOnly.error.code).toBe('tls_untrusted');
  });

  it('verifies the chain with the bundle and pages the layer (GET and POST)', async () => {
    const c = client({ extraCa: `${certs.intermediatePem}\n${certs.rootPem}` });
    const rows = await collect(c.queryAll({ layerUrl: server.parcelLayerUrl, outFields: ['PARCEL'], pageSize: 1000 }));
    expect(rows).toHaveLength(2500);
    const ids = await collect(c.queryAll({ layerUrl: server.noPagingLayerUrl, where: "DISTRICT = 'B'", idsBatchSize: 400 }));
    expect(ids).toHaveLength(1000);
    expect(server.requests.some((r) => r.method === 'POST')).toBe(true);
  });

  it('trusts the bundle for that client only', async () => {
    await client({ extraCa: `${certs.intermediatePem}\n${certs.rootPem}` }).getLayerInfo(server.parcelLayerUrl);
    const plain = await client().getLayerInfo(server.parcelLayerUrl);
    expect(!plain.ok && plain.error.code).toBe('tls_untrusted');
  });
});

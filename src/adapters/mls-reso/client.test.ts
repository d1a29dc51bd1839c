import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { startResoServer, type FakeResoServer } from '../../../test/fakes/reso-server.js';
import { buildOffMarketFilter } from './build-filter.js';
import { createResoClient, type ResoClientOptions } from './client.js';
import { createFakeResoClient } from './fake.js';
import { ResoQueryError, type ExpiredListingProspect } from './interface.js';

let server: FakeResoServer;
beforeAll(async () => {
  server = await startResoServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const since = new Date('2025-01-01T00:00:00Z');
const client = (extra: Partial<ResoClientOptions> = {}) =>
  createResoClient({
    baseUrl: server.baseUrl,
    auth: { kind: 'client_credentials', tokenUrl: server.tokenUrl, clientId: server.clientId, clientSecret: server.clientSecret },
    userAgent: 'Curb-test',
    clock: fixedClock('2025-03-01T00:00:00Z'),
    minIntervalMs: 0,
    baseDelayMs: 1,
    sleep: async () => {},
    ...extra,
  });

async function collect(it: AsyncIterable<ExpiredListingProspect>): Promise<ExpiredListingProspect[]> {
  const out: ExpiredListingProspect[] = [];
  for await (const p of it) out.push(p);
  return out;
}
const expected = () =>
  server.listings.filter((l) => ['Expired', 'Withdrawn', 'Canceled'].includes(String(l['StandardStatus'])) && Date.parse(String(l['ModificationTimestamp'])) >= since.getTime());

describe('RESO Web API client', () => {
  it('builds the OData filter with or-chained statuses and an unquoted timestamp', () => {
    expect(buildOffMarketFilter(['Expired', 'Withdrawn'], since)).toBe("(StandardStatus eq 'Expired' or StandardStatus eq 'Withdrawn') and ModificationTimestamp ge 2025-01-01T00:00:00Z");
  });

  it('gets a client-credentials token and pages through @odata.nextLink', async () => {
    const got = await collect(client().fetchOffMarketListings({ modifiedSince: since, top: 50 }));
    expect(got.map((p) => p.listingKey).sort()).toEqual(expected().map((l) => String(l['ListingKey'])).sort());
    expect(got.every((p) => p.source === 'expired_mls' && ['Expired', 'Withdrawn', 'Canceled'].includes(p.status))).toBe(true);
    expect(server.tokensIssued).toBe(1);
    const first = server.requests.find((r) => r.path === '/odata/Property')!;
    expect(first.query['$top']).toBe('50');
    expect(first.query['$select']).toContain('ParcelNumber');
    expect(first.query['$orderby']).toBe('ModificationTimestamp asc,ListingKey asc');
    expect(got[0]).toMatchObject({ address: { line1: expect.stringMatching(/Example Ave$/), state: 'FL', zip: '32801', county: 'Orange' }, parcelId: expect.any(String), listAgent: { office: 'Example Realty' } });
    expect(server.requests.filter((r) => r.path === '/odata/Property').length).toBe(Math.ceil(expected().length / 50));
  });

  it('filters by one status', async () => {
    const got = await collect(client().fetchOffMarketListings({ modifiedSince: since, statuses: ['Expired'] }));
    expect(got.length).toBe(expected().filter((l) => l['StandardStatus'] === 'Expired').length);
    expect(new Set(got.map((p) => p.status))).toEqual(new Set(['Expired']));
  });

  it('falls back to $skip when the server sends no nextLink', async () => {
    server.scenario.nextLink = false;
    const got = await collect(client().fetchOffMarketListings({ modifiedSince: since, top: 40 }));
    expect(got).toHaveLength(expected().length);
    const skips = server.requests.filter((r) => r.path === '/odata/Property').map((r) => r.query['$skip'] ?? '0');
    expect(skips.slice(0, 3)).toEqual(['0', '40', '80']);
  });

  it('refreshes the token once on a 401 and goes on', async () => {
    server.scenario.revokeFirstToken = true;
    const got = await collect(client().fetchOffMarketListings({ modifiedSince: since }));
    expect(got).toHaveLength(expected().length);
    expect(server.tokensIssued).toBe(2);
  });

  it('stops with unauthorized when the fresh token is refused too', async () => {
    server.scenario.refuseAll = true;
    const e = await collect(client().fetchOffMarketListings({ modifiedSince: since })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ResoQueryError);
    expect((e as ResoQueryError).failure).toMatchObject({ code: 'unauthorized', retry: false });
    expect(server.tokensIssued).toBe(2);
  });

  it('reports bad credentials and OData error bodies as non-retryable failures', async () => {
    const bad = client({ auth: { kind: 'client_credentials', tokenUrl: server.tokenUrl, clientId: 'x', clientSecret: 'y' } });
    const e1 = await collect(bad.fetchOffMarketListings({ modifiedSince: since })).catch((x: unknown) => x);
    expect((e1 as ResoQueryError).failure).toMatchObject({ code: 'unauthorized', retry: false });
    const rows: unknown[] = [];
    const e2 = await (async () => {
      for await (const r of client().queryResource({ resource: 'Property', filter: 'ListPrice foo 1' })) rows.push(r);
    })().catch((x: unknown) => x);
    expect((e2 as ResoQueryError).failure).toMatchObject({ code: 'bad_request', retry: false });
    expect((e2 as ResoQueryError).failure.message).toContain('unsupported filter clause');
  });

  it('accepts a static bearer token', async () => {
    const tokenClient = client();
    await collect(tokenClient.fetchOffMarketListings({ modifiedSince: since, statuses: ['Canceled'] }));
    const bearer = client({ auth: { kind: 'bearer', token: 'tok-1' } });
    const got = await collect(bearer.fetchOffMarketListings({ modifiedSince: since, statuses: ['Canceled'] }));
    expect(got.length).toBeGreaterThan(0);
  });

  it('the fake port filters like the real query', async () => {
    const fake = createFakeResoClient(server.listings);
    const got = await collect(fake.fetchOffMarketListings({ modifiedSince: since }));
    expect(got).toHaveLength(expected().length);
  });
});

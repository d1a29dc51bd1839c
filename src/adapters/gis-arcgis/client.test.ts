import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startArcgisServer, type FakeArcgisServer } from '../../../test/fakes/arcgis-server.js';
import { createArcgisClient, type ArcgisClientOptions } from './client.js';
import { ArcgisQueryError, type ArcgisRecord } from './interface.js';

let server: FakeArcgisServer;
const noSleep = async (): Promise<void> => {};
const client = (extra: Partial<ArcgisClientOptions> = {}) =>
  createArcgisClient({ userAgent: 'Curb-test/0 (+mailto:test@example.invalid)', minIntervalMs: 0, timeoutMs: 300, retries: 2, baseDelayMs: 1, sleep: noSleep, ...extra });

async function collect(it: AsyncIterable<ArcgisRecord>): Promise<ArcgisRecord[]> {
  const out: ArcgisRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}
const queries = () => server.requests.filter((r) => r.path.endsWith('/query'));

beforeAll(async () => {
  server = await startArcgisServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.resetScenario());

describe('getLayerInfo', () => {
  it('reads maxRecordCount, objectIdField, pagination support and fields', async () => {
    const r = await client().getLayerInfo(server.parcelLayerUrl);
    expect(r.ok && r.value).toMatchObject({ objectIdField: 'OBJECTID', maxRecordCount: 1000, supportsPagination: true });
    expect(r.ok && r.value.fields.map((f) => f.name)).toContain('NAME1');
    const np = await client().getLayerInfo(server.noPagingLayerUrl);
    expect(np.ok && np.value.supportsPagination).toBe(false);
  });
});

describe('queryAll paging', () => {
  it('pages with resultOffset/resultRecordCount ordered by the object id while exceededTransferLimit is true', async () => {
    const rows = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, where: '1=1', outFields: ['PARCEL', 'NAME1', 'SALE_DATE'] }));
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r['OBJECTID'])).size).toBe(2500);
    const q = queries();
    // 3 pages: flags true, true, false.
    expect(q.map((r) => r.params['resultOffset'])).toEqual(['0', '1000', '2000']);
    expect(q[0]!.params).toMatchObject({ orderByFields: 'OBJECTID ASC', returnGeometry: 'false', f: 'json', resultRecordCount: '1000', outFields: 'OBJECTID,PARCEL,NAME1,SALE_DATE' });
  });

  it('clamps the page size to maxRecordCount and converts epoch-ms dates to ISO', async () => {
    const rows = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, where: "PARCEL = '292218000000001'", pageSize: 5000 }));
    expect(rows).toHaveLength(1);
    expect(rows[0]!['SALE_DATE']).toBe('2010-06-24T00:00:00.000Z');
    expect(queries()[0]!.params['resultRecordCount']).toBe('1000');
  });

  it('steps over an empty page that still says exceededTransferLimit', async () => {
    server.scenario.pageBeforeFilter = true;
    const rows = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, where: "DISTRICT = 'A'", outFields: ['PARCEL'] }));
    expect(rows).toHaveLength(1500);
    expect(queries().map((r) => r.params['resultOffset'])).toEqual(['0', '1000', '2000']);
  });

  it('reads the GeoJSON flag from the top-level properties', async () => {
    const rows = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, where: 'TOTAL_MKT BETWEEN 0 AND 999999999', format: 'geojson', pageSize: 700 }));
    expect(rows).toHaveLength(2500);
    expect(queries()).toHaveLength(4);
    expect(queries()[0]!.params['f']).toBe('geojson');
  });

  it('supports IN, LIKE and numeric comparisons in where', async () => {
    const c = client();
    const inRows = await collect(c.queryAll({ layerUrl: server.parcelLayerUrl, where: "PARCEL IN ('292218000000001','292218000000002')" }));
    expect(inRows).toHaveLength(2);
    const like = await c.queryCount({ layerUrl: server.parcelLayerUrl, where: "UPPER(ADD1) LIKE 'PO BOX%'" });
    expect(like).toEqual({ ok: true, value: 833 });
    const eq = await c.queryCount({ layerUrl: server.parcelLayerUrl, where: 'OBJECTID = 7' });
    expect(eq).toEqual({ ok: true, value: 1 });
  });
});

describe('ids fallback', () => {
  it('uses returnIdsOnly then objectIds batches when the layer has no pagination', async () => {
    const rows = await collect(client().queryAll({ layerUrl: server.noPagingLayerUrl, where: '1=1', idsBatchSize: 400, outFields: ['PARCEL'] }));
    expect(rows).toHaveLength(2500);
    const q = queries();
    expect(q[0]!.params['returnIdsOnly']).toBe('true');
    expect(q.slice(1).every((r) => r.params['objectIds']!.split(',').length <= 400)).toBe(true);
    expect(q).toHaveLength(1 + Math.ceil(2500 / 400));
    // Hundreds of ids do not fit a GET URL: the client switched to POST.
    expect(q[1]!.method).toBe('POST');
  });

  it('falls back when paged queries error although the metadata claims pagination', async () => {
    server.scenario.pagingError = true;
    const rows = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, where: "DISTRICT = 'B'", idsBatchSize: 250 }));
    expect(rows).toHaveLength(1000);
    expect(queries()[0]!.params['resultOffset']).toBe('0');
    expect(queries()[1]!.params['returnIdsOnly']).toBe('true');
  });
});

describe('errors', () => {
  it('turns an HTTP-200 error body with code 400 into a non-retryable failure', async () => {
    const r = await client().queryCount({ layerUrl: server.parcelLayerUrl, where: 'NO_SUCH_FIELD = 1' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'arcgis_error', retry: false });
  });

  it('turns 499 into arcgis_token_required and stops queryAll', async () => {
    server.scenario.requireToken = 'secret';
    const err = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArcgisQueryError);
    expect((err as ArcgisQueryError).failure).toMatchObject({ code: 'arcgis_token_required', retry: false });
    const host = new URL(server.origin).host;
    const wrong = await client({ tokens: { [host]: 'nope' } }).queryCount({ layerUrl: server.parcelLayerUrl });
    expect(!wrong.ok && wrong.error.code).toBe('arcgis_token_invalid');
    const right = await client({ tokens: { [host]: 'secret' } }).queryCount({ layerUrl: server.parcelLayerUrl });
    expect(right).toEqual({ ok: true, value: 2500 });
  });

  it('retries a 500 with backoff and then succeeds', async () => {
    server.scenario.fail500 = 2;
    const delays: number[] = [];
    const c = client({ retries: 3, baseDelayMs: 10, sleep: async (ms) => void delays.push(ms) });
    const r = await c.queryCount({ layerUrl: server.parcelLayerUrl });
    expect(r).toEqual({ ok: true, value: 2500 });
    expect(delays).toEqual([10, 20]);
  });

  it('gives up after the retries with a retryable failure', async () => {
    server.scenario.fail500 = 10;
    const r = await client({ retries: 1 }).queryCount({ layerUrl: server.parcelLayerUrl });
    expect(!r.ok && r.error).toMatchObject({ code: 'upstream_error', retry: true });
  });

  it('times out a request that never answers and retries it', async () => {
    server.scenario.hang = 1;
    const r = await client({ timeoutMs: 150 }).queryCount({ layerUrl: server.parcelLayerUrl });
    expect(r).toEqual({ ok: true, value: 2500 });
    server.scenario.hang = 5;
    const t = await client({ timeoutMs: 100, retries: 1 }).queryCount({ layerUrl: server.parcelLayerUrl });
    expect(!t.ok && t.error).toMatchObject({ code: 'timeout', retry: true });
  });

  it('retries an HTTP-200 error body with a 5xx code', async () => {
    server.scenario.errorBody = { code: 503, message: 'Service busy', times: 1 };
    const r = await client().queryCount({ layerUrl: server.parcelLayerUrl });
    expect(r).toEqual({ ok: true, value: 2500 });
  });
});

describe('quirks', () => {
  it('reports the WAF 403 HTML page as waf_blocked with a hint', async () => {
    server.scenario.waf = true;
    const r = await client({ retries: 0 }).queryCount({ layerUrl: server.parcelLayerUrl, where: 'TOTAL_MKT >= 200000' });
    expect(!r.ok && r.error).toMatchObject({ code: 'waf_blocked', retry: false });
    expect(!r.ok && r.error.message).toContain('noAngleBrackets');
  });

  it('noAngleBrackets rewrites comparisons to BETWEEN and gets through the WAF with POST', async () => {
    server.scenario.waf = true;
    const c = client({ quirks: { noAngleBrackets: true, preferPost: true } });
    const expected = (await client().queryCount({ layerUrl: server.parcelLayerUrl, where: 'TOTAL_MKT BETWEEN 200000 AND 999999999999999' }));
    const r = await c.queryCount({ layerUrl: server.parcelLayerUrl, where: 'TOTAL_MKT >= 200000' });
    expect(r).toEqual(expected);
    const last = queries().at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.params['where']).toBe('TOTAL_MKT BETWEEN 200000 AND 999999999999999');
  });

  it('getOnly keeps GET even when POST is preferred, and a custom User-Agent is sent', async () => {
    server.scenario.rejectPost = true;
    const c = client({ quirks: { getOnly: true, preferPost: true, userAgent: 'Mozilla/5.0 (compatible; Curb)' } });
    const r = await c.queryCount({ layerUrl: server.parcelLayerUrl, where: "DISTRICT = 'B'" });
    expect(r).toEqual({ ok: true, value: 1000 });
    expect(queries().at(-1)!.method).toBe('GET');
  });
});

describe('source settings: out fields, order, page size, object id', () => {
  it('sends the configured outFields and page size, and appends the object id to the order as a tie-breaker', async () => {
    const rows = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, outFields: ['PARCEL', 'DISTRICT'], orderBy: 'DISTRICT DESC', pageSize: 700 }));
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r['OBJECTID'])).size).toBe(2500);
    expect(Object.keys(rows[0]!).sort()).toEqual(['DISTRICT', 'OBJECTID', 'PARCEL']);
    const q = queries();
    expect(q.map((r) => r.params['resultOffset'])).toEqual(['0', '700', '1400', '2100']);
    expect(q[0]!.params).toMatchObject({ outFields: 'OBJECTID,PARCEL,DISTRICT', orderByFields: 'DISTRICT DESC,OBJECTID ASC', resultRecordCount: '700' });
    // District B (1001–2000) first, each district in object id order: pages never overlap.
    expect(rows.slice(0, 3).map((r) => r['OBJECTID'])).toEqual([1001, 1002, 1003]);
    expect(rows[1000]!['OBJECTID']).toBe(1);
  });

  it('keeps an order that already ends on the object id', async () => {
    await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, where: "DISTRICT = 'B'", orderBy: 'SALE_PRICE DESC, OBJECTID DESC' }));
    expect(queries()[0]!.params['orderByFields']).toBe('SALE_PRICE DESC,OBJECTID DESC');
  });

  it('uses a configured object id field when the metadata names none, and does not cap a page size by an unstated maxRecordCount', async () => {
    const without = await collect(client().queryAll({ layerUrl: server.unnamedIdLayerUrl })).catch((e: unknown) => e);
    expect((without as ArcgisQueryError).failure).toMatchObject({ code: 'invalid_response', message: expect.stringContaining('object_id_field') });
    server.resetScenario();
    const rows = await collect(client().queryAll({ layerUrl: server.unnamedIdLayerUrl, objectIdField: 'OBJECTID_1', outFields: ['PARCEL'], pageSize: 2500 }));
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r['OBJECTID_1'])).size).toBe(2500);
    const q = queries();
    // The server capped the first page at 2000 and said so; the client went on from there.
    expect(q.map((r) => [r.params['resultOffset'], r.params['resultRecordCount']])).toEqual([['0', '2500'], ['2000', '2500']]);
    expect(q[0]!.params).toMatchObject({ outFields: 'OBJECTID_1,PARCEL', orderByFields: 'OBJECTID_1 ASC' });
  });

  it('keys the ids fallback on the configured object id field', async () => {
    const rows = await collect(client().queryAll({ layerUrl: server.unnamedIdLayerUrl, objectIdField: 'objectid_1', where: "DISTRICT = 'B'", forceIdsFallback: true, idsBatchSize: 300 }));
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r['OBJECTID_1'])).size).toBe(1000);
    expect(queries()[0]!.params['returnIdsOnly']).toBe('true');
    expect(queries()[1]!.params['outFields']).toBe('*');
  });

  it('refuses an object id field the layer does not have', async () => {
    const err = await collect(client().queryAll({ layerUrl: server.parcelLayerUrl, objectIdField: 'OBJECTID_9' })).catch((e: unknown) => e);
    expect((err as ArcgisQueryError).failure).toMatchObject({ code: 'arcgis_unknown_field', retry: false });
    expect(queries()).toHaveLength(0);
  });
});

describe('tokens are scoped to their hosts', () => {
  let other: FakeArcgisServer;
  beforeAll(async () => {
    other = await startArcgisServer({ records: [] });
  });
  afterAll(async () => {
    await other.close();
  });
  beforeEach(() => other.resetScenario());
  const sentTokens = (s: FakeArcgisServer) => s.requests.map((r) => r.params['token']).filter((t) => t !== undefined);

  it('sends a host its own token and no token to any other host', async () => {
    server.scenario.requireToken = 'county-secret';
    const c = client({ tokens: { [new URL(server.origin).host]: 'county-secret' } });
    expect(await c.queryCount({ layerUrl: server.parcelLayerUrl })).toEqual({ ok: true, value: 2500 });
    expect((await c.getJson(other.rootUrl)).ok).toBe(true);
    expect((await c.getLayerInfo(other.parcelLayerUrl)).ok).toBe(true);
    expect(await c.queryCount({ layerUrl: other.parcelLayerUrl })).toEqual({ ok: true, value: 0 });
    expect(sentTokens(server)).toEqual(['county-secret']);
    expect(other.requests.length).toBeGreaterThan(0);
    expect(sentTokens(other)).toEqual([]);
  });

  it('matches a host name on any port and a host:port on that port only', async () => {
    const c = client({ tokens: { '127.0.0.1:1': 'wrong-port', localhost: 'by-name' } });
    await c.getJson(server.rootUrl);
    expect(sentTokens(server)).toEqual([]);
    await c.getJson(server.rootUrl.replace('127.0.0.1', 'localhost'));
    expect(sentTokens(server)).toEqual(['by-name']);
  });

  it('never sends a token over plain http to a non-loopback host', async () => {
    const calls: string[] = [];
    const c = client({ tokens: { 'gis.example.gov': 't0k3n' }, fetch: async (url) => (calls.push(url), new Response('{}')) });
    const r = await c.getJson('http://gis.example.gov/arcgis/rest/services');
    expect(!r.ok && r.error).toMatchObject({ code: 'arcgis_token_insecure', retry: false });
    expect(calls).toEqual([]);
  });

  it('does not follow a redirect with a token in it', async () => {
    const hop = createServer((req, res) => {
      res.writeHead(302, { Location: `${other.origin}${req.url ?? '/'}` });
      res.end();
    });
    await new Promise<void>((r) => hop.listen(0, '127.0.0.1', r));
    try {
      const hopHost = `127.0.0.1:${(hop.address() as AddressInfo).port}`;
      const r = await client({ tokens: { [hopHost]: 'hop-secret' } }).getJson(`http://${hopHost}/arcgis/rest/services`);
      expect(!r.ok && r.error).toMatchObject({ code: 'arcgis_redirected', retry: false, details: { location: expect.stringContaining(other.origin) } });
      expect(other.requests).toEqual([]);
      // Without a token nothing is at stake: the redirect is followed as before.
      expect((await client().getJson(`http://${hopHost}/arcgis/rest/services`)).ok).toBe(true);
      expect(sentTokens(other)).toEqual([]);
    } finally {
      await new Promise<void>((r) => hop.close(() => r()));
    }
  });
});

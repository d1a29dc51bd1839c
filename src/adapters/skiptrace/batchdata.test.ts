import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSkipTraceServer, type FakeSkipTraceServer } from '../../../test/fakes/skiptrace-server.js';
import { createBatchDataProvider, type BatchDataProviderOptions } from './batchdata.js';
import { coverage } from './coverage.js';
import type { SkipTraceRequest } from './interface.js';
import { traceAll } from './trace-all.js';

let server: FakeSkipTraceServer;
beforeAll(async () => {
  server = await startSkipTraceServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const provider = (extra: Partial<BatchDataProviderOptions> = {}) =>
  createBatchDataProvider({ baseUrl: server.baseUrl, token: server.token, minIntervalMs: 0, baseDelayMs: 1, timeoutMs: 300, sleep: async () => {}, ...extra });

const req = (id: string, street: string, full?: string): SkipTraceRequest => ({
  requestId: id,
  propertyAddress: { street, city: 'Orlando', state: 'FL', zip: '32808' },
  ...(full ? { ownerName: { full } } : { ownerName: { first: 'Jane', last: 'Doe' } }),
});

describe('BatchData skip-trace adapter', () => {
  it('sends the documented request and maps phones, emails and DNC flags', async () => {
    const r = await provider().trace([req('L-1', '1207 Example Ave'), req('L-2', '12 Sample St', 'ROE JOHN Q')]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(server.calls[0]!.authorization).toBe(`Bearer ${server.token}`);
    expect(server.calls[0]!.body).toEqual({
      requests: [
        { requestId: 'L-1', propertyAddress: { street: '1207 Example Ave', city: 'Orlando', state: 'FL', zip: '32808' }, name: { first: 'Jane', last: 'Doe' } },
        { requestId: 'L-2', propertyAddress: { street: '12 Sample St', city: 'Orlando', state: 'FL', zip: '32808' }, name: { first: 'JOHN', last: 'ROE' } },
      ],
    });
    expect(r.value[0]).toMatchObject({
      requestId: 'L-1', matched: true, provider: 'batchdata', billedUnits: 1,
      persons: [{ fullName: 'Jane Doe', phones: [{ e164: '+14075550100', lineType: 'mobile', carrier: 'ExampleTel', confidence: 0.9, dnc: false }], emails: [{ address: 'jane.doe@example.com', verified: true }] }],
    });
    expect(r.value[1]!.persons[0]!.phones[0]!.dnc).toBe(true);
    expect(r.value[0]!.raw).toBeTruthy();
  });

  it('matches out-of-order results by requestId and reports partial matches', async () => {
    server.scenario.reverse = true;
    const r = await provider().trace([req('A', '1 Example Ave'), req('B', '2 NOMATCH Rd'), req('C', '3 Sample St')]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((x) => [x.requestId, x.matched])).toEqual([['A', true], ['B', false], ['C', true]]);
    expect(r.value[0]!.persons[0]!.phones[0]!.e164).toBe('+14075550100');
    expect(r.value[2]!.persons[0]!.phones[0]!.e164).toBe('+14075550102');
    expect(r.value[1]!.billedUnits).toBe(0);
  });

  it('reads the documented tcpa flag as a TCPA litigator', async () => {
    const clean = await provider().trace([req('L-1', '1207 Example Ave')]);
    expect(clean.ok && clean.value[0]!.persons[0]!.phones[0]!.litigator).toBe(false);
    server.scenario.litigatorsOnly = true;
    const flagged = await provider().trace([req('L-1', '1207 Example Ave')]);
    expect(flagged.ok && flagged.value[0]).toMatchObject({ matched: true, billedUnits: 1, persons: [{ phones: [{ e164: '+14075550100', litigator: true }], emails: [] }] });
  });

  it('tolerates the phoneNumbers/score variant', async () => {
    server.scenario.shape = 'phoneNumbers';
    const r = await provider().trace([req('X', '1 Example Ave')]);
    expect(r.ok && r.value[0]!.persons[0]!.phones[0]).toEqual({ e164: '+14075550100', lineType: 'landline', confidence: 0.85 });
  });

  it('retries a 429 and then succeeds', async () => {
    server.scenario.rateLimited = 2;
    const r = await provider().trace([req('A', '1 Example Ave')]);
    expect(r.ok).toBe(true);
    expect(server.calls).toHaveLength(3);
  });

  it('treats the 403 balance error as non-retryable', async () => {
    server.scenario.noBalance = true;
    const r = await provider().trace([req('A', '1 Example Ave')]);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', retry: false } });
    expect(!r.ok && r.error.message).toContain('Insufficient balance');
    expect(server.calls).toHaveLength(1);
  });

  it('never re-sends a billable batch after a timeout or a 500', async () => {
    server.scenario.hang = 1;
    const t = await provider({ timeoutMs: 100 }).trace([req('A', '1 Example Ave')]);
    expect(t).toMatchObject({ ok: false, error: { code: 'outcome_unknown', retry: false } });
    expect(server.calls).toHaveLength(1);
    server.reset();
    server.scenario.fail500 = 1;
    const f = await provider().trace([req('A', '1 Example Ave')]);
    expect(f).toMatchObject({ ok: false, error: { code: 'upstream_error', retry: false } });
    expect(server.calls).toHaveLength(1);
  });

  it('retries when the connection was refused (the request never left)', async () => {
    const closed = await startSkipTraceServer();
    const url = closed.baseUrl;
    await closed.close();
    const r = await createBatchDataProvider({ baseUrl: url, token: 't', minIntervalMs: 0, retries: 2, sleep: async () => {} }).trace([req('A', '1 Example Ave')]);
    expect(r).toMatchObject({ ok: false, error: { code: 'network_error', retry: true, details: { neverSent: true } } });
  });

  it('rejects batches over 100 and duplicate request ids before sending', async () => {
    const many = Array.from({ length: 101 }, (_, i) => req(`R${i}`, `${i} Example Ave`));
    expect(await provider().trace(many)).toMatchObject({ ok: false, error: { code: 'batch_too_large' } });
    expect(await provider().trace([req('A', '1 X'), req('A', '2 X')])).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(server.calls).toHaveLength(0);
  });

  it('traceAll splits into batches of 100 and coverage measures the run', async () => {
    const list = Array.from({ length: 230 }, (_, i) => req(`R${i}`, i % 10 === 0 ? `${i} NOMATCH Rd` : i % 10 === 1 ? `${i} NOPHONE Rd` : `${i} Example Ave`));
    const out = await traceAll({ provider: provider(), requests: list });
    expect(server.calls).toHaveLength(3);
    expect(out.failures).toEqual([]);
    expect(coverage(out.results)).toEqual({ requested: 230, matched: 207, withPhone: 184, withEmail: 207, ratio: 0.9 });
  });

  it('traceAll keeps paid results when a later batch fails and stops on a permanent failure', async () => {
    const list = Array.from({ length: 250 }, (_, i) => req(`R${i}`, `${i} Example Ave`));
    const p = provider();
    const first = await p.trace(list.slice(0, 1));
    expect(first.ok).toBe(true);
    server.reset();
    let n = 0;
    const flaky = { ...p, trace: async (b: SkipTraceRequest[]) => (++n === 2 ? (server.scenario.noBalance = true, p.trace(b)) : p.trace(b)) };
    const out = await traceAll({ provider: flaky, requests: list });
    expect(out.results).toHaveLength(100);
    expect(out.failures.map((f) => [f.requestIds.length, f.error.code])).toEqual([[100, 'forbidden'], [50, 'forbidden']]);
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchDataProvider } from '../../adapters/skiptrace/batchdata.js';
import { createCsvSkipTraceProvider, parseSkipTraceCsv } from '../../adapters/skiptrace/csv-results.js';
import { startSkipTraceServer, type FakeSkipTraceServer } from '../../../test/fakes/skiptrace-server.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { getRoi } from '../deals/get-roi.js';
import { importLeads } from '../leads/import-leads.js';
import { runSkipTrace, UNKNOWN_ROWS_LISTED } from './run-skip-trace.js';

const messy = join(import.meta.dirname, '../../../test/fixtures/imports/messy.csv');

describe.each(databaseTargets())('runSkipTrace (%s)', (kind) => {
  let ctx: TestContext;
  let server: FakeSkipTraceServer;
  beforeAll(async () => {
    server = await startSkipTraceServer();
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false' } });
  });
  afterAll(async () => {
    await ctx.close();
    await server.close();
  });

  const points = async (locationId: string, source: string) =>
    (await ctx.services.database.executeSql<{ n: number }>('select count(*)::int as n from contact_points where location_id = $1 and source = $2', [locationId, source])).rows[0]!.n;

  it('traces only owners without a phone or email, through BatchData, and reports coverage', async () => {
    const { location } = await createTenant(ctx.services);
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    // SMITH ROBERT (45-19-26…) and ROE "JACK" JOHN (58-000-1) have no phone or email after the import.
    const provider = createBatchDataProvider({ baseUrl: server.baseUrl, token: server.token, minIntervalMs: 0 });
    const report = await runSkipTrace(ctx.services, { locationId: location.id, provider, pricePerMatchUsd: 0.125 });
    expect(report).toEqual({ requested: 2, matched: 2, withPhone: 2, withEmail: 2, coverage: 1, billedUnits: 2, costUsd: 0.25, unsearchable: 0, failed: 0, errors: [] });
    expect(server.calls).toHaveLength(1);
    expect(await points(location.id, 'batchdata')).toBeGreaterThanOrEqual(2);
    // Traced owners now have points: a second run asks for nobody, and bills nothing.
    expect(await runSkipTrace(ctx.services, { locationId: location.id, provider, pricePerMatchUsd: 0.125 })).toEqual({
      requested: 0, matched: 0, withPhone: 0, withEmail: 0, coverage: 0, billedUnits: 0, costUsd: 0, unsearchable: 0, failed: 0, errors: [],
    });
  });

  it('puts each billed match in the costs ledger on the owner whose numbers it found, where ROI counts it', async () => {
    const { location } = await createTenant(ctx.services, 'Costs');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    const provider = createBatchDataProvider({ baseUrl: server.baseUrl, token: server.token, minIntervalMs: 0 });
    await runSkipTrace(ctx.services, { locationId: location.id, provider, pricePerMatchUsd: 0.125 });
    const rows = await ctx.services.database.executeSql<{ kind: string; amount: string; units: string; unit_label: string; on_owner: boolean; has_batchdata_point: boolean }>(
      `select k.kind, k.amount_usd::text as amount, k.units::text as units, k.unit_label,
              exists (select 1 from property_contacts pc where pc.contact_id = k.contact_id and pc.property_id = (k.meta->>'propertyId')::uuid and pc.role = 'owner') as on_owner,
              exists (select 1 from contact_points cp where cp.contact_id = k.contact_id and cp.source = 'batchdata') as has_batchdata_point
       from costs k where k.location_id = $1 order by k.id`,
      [location.id],
    );
    expect(rows.rows).toEqual([
      { kind: 'skiptrace', amount: '0.12500', units: '1.000', unit_label: 'matches', on_owner: true, has_batchdata_point: true },
      { kind: 'skiptrace', amount: '0.12500', units: '1.000', unit_label: 'matches', on_owner: true, has_batchdata_point: true },
    ]);
    const at = ctx.services.clock.now().getTime();
    const roi = await getRoi(ctx.services, { locationId: location.id, filter: { from: new Date(at - 86_400_000), to: new Date(at + 86_400_000) } });
    expect(roi.costByKind).toEqual({ skiptrace: 0.25 });
    expect(roi.costUsd).toBe(0.25);
  });

  it('stores no litigator number, and still records the matches the vendor billed for them', async () => {
    const { location } = await createTenant(ctx.services, 'Litigators');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    server.scenario.litigatorsOnly = true;
    try {
      const provider = createBatchDataProvider({ baseUrl: server.baseUrl, token: server.token, minIntervalMs: 0 });
      const report = await runSkipTrace(ctx.services, { locationId: location.id, provider, pricePerMatchUsd: 0.1 });
      expect(report).toMatchObject({ requested: 2, matched: 2, withPhone: 2, withEmail: 0, coverage: 1, billedUnits: 2, costUsd: 0.2, failed: 0 });
    } finally {
      server.reset();
    }
    expect(await points(location.id, 'batchdata')).toBe(0);
    // Neither property got an owner contact from the list (no phone, email or mailing address), nor from the
    // trace: their cost is the location's, on no lead.
    const rows = await ctx.services.database.executeSql<{ amount: string; contact_id: string | null; linked: boolean }>(
      `select k.amount_usd::text as amount, k.contact_id,
              exists (select 1 from property_contacts pc where pc.property_id = (k.meta->>'propertyId')::uuid) as linked
       from costs k where k.location_id = $1 and k.kind = 'skiptrace'`,
      [location.id],
    );
    expect(rows.rows).toEqual([
      { amount: '0.10000', contact_id: null, linked: false },
      { amount: '0.10000', contact_id: null, linked: false },
    ]);
  });

  it('reports the batches that failed instead of a run where nobody matched', async () => {
    const { location } = await createTenant(ctx.services, 'No balance');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    server.scenario.noBalance = true;
    try {
      const provider = createBatchDataProvider({ baseUrl: server.baseUrl, token: server.token, minIntervalMs: 0 });
      const report = await runSkipTrace(ctx.services, { locationId: location.id, provider });
      expect(report).toMatchObject({ requested: 2, matched: 0, failed: 2, billedUnits: 0 });
      expect(report.errors).toEqual([{ code: expect.any(String), message: expect.stringContaining('Insufficient balance'), requests: 2 }]);
    } finally {
      server.reset();
    }
  });

  it('does not send an address search for a property without a street, and traces the others', async () => {
    const { location } = await createTenant(ctx.services, 'Parcels only');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    // A parcel synced from a layer without situs fields: a parcel id, an owner, no street.
    await ctx.services.database.executeSql(
      `insert into properties (id, location_id, parcel_id, owner_name, source, created_at, updated_at) values (gen_random_uuid(), $1, '999999', 'NOBODY AT ALL', 'arcgis', now(), now())`,
      [location.id],
    );
    const provider = createBatchDataProvider({ baseUrl: server.baseUrl, token: server.token, minIntervalMs: 0 });
    const report = await runSkipTrace(ctx.services, { locationId: location.id, provider });
    expect(report).toMatchObject({ requested: 2, matched: 2, unsearchable: 1, failed: 0, errors: [] });
    // The CSV provider matches by parcel id, so the same property is searchable there.
    const parsed = parseSkipTraceCsv('parcel_id,phone,email,source\n999999,(407) 555-0142,,skip_vendor\n');
    expect(await runSkipTrace(ctx.services, { locationId: location.id, provider: createCsvSkipTraceProvider(parsed) })).toMatchObject({ requested: 1, matched: 1, unsearchable: 0 });
  });

  it('matches an uploaded results CSV by parcel id and links the numbers to the owner', async () => {
    const { location } = await createTenant(ctx.services, 'CSV');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    const parsed = parseSkipTraceCsv('parcel_id,phone,email,source\n45-19-26-0001-000-00100,(352) 555-0177,,skip_vendor\n99-99,407-555-0100,,skip_vendor\n');
    const report = await runSkipTrace(ctx.services, { locationId: location.id, provider: createCsvSkipTraceProvider(parsed), limit: 10, pricePerMatchUsd: 0.09 });
    // The one parcel the file matched is what the vendor charged for.
    expect(report).toEqual({ requested: 2, matched: 1, withPhone: 1, withEmail: 0, coverage: 0.5, billedUnits: 1, costUsd: 0.09, unsearchable: 0, failed: 0, errors: [] });
    const linked = await ctx.services.database.executeSql<{ value: string; source: string; parcel_id: string }>(
      `select cp.value, cp.source, p.parcel_id from contact_points cp join property_contacts pc on pc.contact_id = cp.contact_id join properties p on p.id = pc.property_id
       where cp.location_id = $1 and cp.value = '+13525550177'`,
      [location.id],
    );
    expect(linked.rows).toEqual([{ value: '+13525550177', source: 'csv:skip_vendor', parcel_id: '451926000100000100' }]);
  });

  it('accounts for every row of an uploaded results CSV: unknown parcels by row, and rows that added nothing new', async () => {
    const { location } = await createTenant(ctx.services, 'CSV rows');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    const text = [
      'parcel_id,phone,email,source',
      '45-19-26-0001-000-00100,(352) 555-0177,,skip_vendor', // 2: SMITH, untraced: a new number
      '45-19-26-0001-000-00100,(352) 555-0177,,skip_vendor', // 3: the same number again
      '99-99,407-555-0100,,skip_vendor', // 4: no such parcel
      '29-22-18-0000-00-001,(407) 555-0188,,skip_vendor', // 5: José already has a phone: not traced
      '', // blank lines are not counted, as in the parser's error rows
      '58-000-1,(407) 555-0123,,skip_vendor', // 6: ROE "JACK": José's number already
      '58-000-1,,jack@example.com,skip_vendor', // 7: ROE "JACK": a new email
      '00-00,,x@example.com,', // 8: no such parcel
      '',
    ].join('\n');
    const report = await runSkipTrace(ctx.services, { locationId: location.id, provider: createCsvSkipTraceProvider(parseSkipTraceCsv(text)), upload: parseSkipTraceCsv(text) });
    expect(report).toEqual({
      requested: 2, matched: 2, withPhone: 2, withEmail: 1, coverage: 1, billedUnits: 2, costUsd: 0, unsearchable: 0, failed: 0, errors: [],
      unknownParcels: 2, unknownParcelRows: [4, 8], nothingNew: 3,
    });
    expect(await points(location.id, 'csv:skip_vendor')).toBe(2);
    // Again: every number is stored already, and both owners now have one, so nothing is traced.
    expect(await runSkipTrace(ctx.services, { locationId: location.id, provider: createCsvSkipTraceProvider(parseSkipTraceCsv(text)), upload: parseSkipTraceCsv(text) })).toMatchObject({
      requested: 0, unknownParcels: 2, unknownParcelRows: [4, 8], nothingNew: 5,
    });
  });

  it('lists at most the first hundred rows of unknown parcels, and counts them all', async () => {
    const { location } = await createTenant(ctx.services, 'CSV unknown');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    const text = ['parcel_id,phone', ...Array.from({ length: 150 }, (_, i) => `UNKNOWN-${i},(407) 555-${String(2000 + i)}`)].join('\n');
    const report = await runSkipTrace(ctx.services, { locationId: location.id, provider: createCsvSkipTraceProvider(parseSkipTraceCsv(text)), upload: parseSkipTraceCsv(text) });
    expect(report).toMatchObject({ matched: 0, unknownParcels: 150, nothingNew: 0 });
    expect(report.unknownParcelRows).toEqual(Array.from({ length: UNKNOWN_ROWS_LISTED }, (_, i) => i + 2));
    // Without the file's rows the report has its usual fields only.
    expect(await runSkipTrace(ctx.services, { locationId: location.id, provider: createCsvSkipTraceProvider(parseSkipTraceCsv(text)) })).not.toHaveProperty('unknownParcels');
  });
});

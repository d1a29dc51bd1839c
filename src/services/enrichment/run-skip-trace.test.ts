import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchDataProvider } from '../../adapters/skiptrace/batchdata.js';
import { createCsvSkipTraceProvider, parseSkipTraceCsv } from '../../adapters/skiptrace/csv-results.js';
import { startSkipTraceServer, type FakeSkipTraceServer } from '../../../test/fakes/skiptrace-server.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { importLeads } from '../leads/import-leads.js';
import { runSkipTrace } from './run-skip-trace.js';

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
    const report = await runSkipTrace(ctx.services, { locationId: location.id, provider });
    expect(report).toEqual({ requested: 2, matched: 2, withPhone: 2, withEmail: 2, coverage: 1 });
    expect(server.calls).toHaveLength(1);
    expect(await points(location.id, 'batchdata')).toBeGreaterThanOrEqual(2);
    // Traced owners now have points: a second run asks for nobody.
    expect(await runSkipTrace(ctx.services, { locationId: location.id, provider })).toEqual({ requested: 0, matched: 0, withPhone: 0, withEmail: 0, coverage: 0 });
  });

  it('matches an uploaded results CSV by parcel id and links the numbers to the owner', async () => {
    const { location } = await createTenant(ctx.services, 'CSV');
    await importLeads(ctx.services, { locationId: location.id, input: messy });
    const parsed = parseSkipTraceCsv('parcel_id,phone,email,source\n45-19-26-0001-000-00100,(352) 555-0177,,skip_vendor\n99-99,407-555-0100,,skip_vendor\n');
    const report = await runSkipTrace(ctx.services, { locationId: location.id, provider: createCsvSkipTraceProvider(parsed), limit: 10 });
    expect(report).toEqual({ requested: 2, matched: 1, withPhone: 1, withEmail: 0, coverage: 0.5 });
    const linked = await ctx.services.database.executeSql<{ value: string; source: string; parcel_id: string }>(
      `select cp.value, cp.source, p.parcel_id from contact_points cp join property_contacts pc on pc.contact_id = cp.contact_id join properties p on p.id = pc.property_id
       where cp.location_id = $1 and cp.value = '+13525550177'`,
      [location.id],
    );
    expect(linked.rows).toEqual([{ value: '+13525550177', source: 'csv:skip_vendor', parcel_id: '451926000100000100' }]);
  });
});

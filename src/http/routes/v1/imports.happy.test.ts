import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueue } from '../../../jobs/queue.js';
import { startWorker, type Worker } from '../../../jobs/worker.js';
import { MESSY_REPORT } from '../../../../test/fixtures/imports/messy-report.js';
import { multipartBody } from '../../../../test/helpers/multipart.js';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';

const messy = readFileSync(join(import.meta.dirname, '../../../../test/fixtures/imports/messy.csv'));

describe.each(databaseTargets())('POST /v1/imports → leads.import job → GET /v1/imports/{id} (%s)', (kind) => {
  let ctx: TestContext;
  let worker: Worker;
  const dataDir = mkdtempSync(join(tmpdir(), 'curb-imports-'));
  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false', CURB_DATA_DIR: dataDir } });
    ctx.services.queue = await startQueue({ database: ctx.services.database, schema: 'pgboss', supervise: true, cron: false });
    worker = await startWorker({ queue: ctx.services.queue, services: ctx.services, logger: ctx.services.logger, pollingIntervalSeconds: 0.5 });
  }, 60_000);
  afterAll(async () => {
    await worker.stop(1000);
    await ctx.services.queue?.stop();
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function waitForDone(auth: Record<string, string>, id: string) {
    for (let i = 0; i < 120; i++) {
      const res = await ctx.app.inject({ method: 'GET', url: `/v1/imports/${id}`, headers: auth });
      const body = res.json();
      if (body.status === 'done' || body.status === 'failed') return body;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('import did not finish');
  }

  it('accepts an upload with 202, runs the job and serves the exact report', async () => {
    const { auth } = await createTenant(ctx.services);
    const { payload, headers } = multipartBody([['preset', 'generic'], ['dryRun', 'false']], { name: 'messy.csv', content: messy });
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/imports', headers: { ...auth, ...headers }, payload });
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    const done = await waitForDone(auth, id);
    expect(done).toMatchObject({ id, status: 'done', rowsRead: 11, fileName: 'messy.csv', report: MESSY_REPORT, progress: { imported: 7, updated: 0 } });
    // The upload is removed once stored (just after the report is written).
    await expect.poll(() => readdirSync(join(dataDir, 'uploads')), { timeout: 5000 }).toEqual([]);

    const props = await ctx.app.inject({ method: 'GET', url: '/v1/properties?limit=200', headers: auth });
    expect(props.json().data).toHaveLength(7);
  }, 60_000);

  it('runs a dry run as a job: the report without storing anything', async () => {
    const { auth } = await createTenant(ctx.services, 'Dry');
    const { payload, headers } = multipartBody([['dryRun', 'true']], { name: 'messy.csv', content: messy });
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/imports', headers: { ...auth, ...headers }, payload });
    expect(res.statusCode).toBe(202);
    const done = await waitForDone(auth, res.json().id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 11, report: MESSY_REPORT });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/properties', headers: auth })).json().data).toEqual([]);
  }, 60_000);

  it('takes --map as repeated fields or JSON', async () => {
    const { auth } = await createTenant(ctx.services, 'Mapper');
    const csv = 'APN NUMBER,Owner,Street\n1-2-3,JANE DOE,1 Main St\n';
    const { payload, headers } = multipartBody([['map', 'APN NUMBER=parcel_id'], ['map', '{"Owner":"owner_name","Street":"situs_address"}']], { name: 'x.csv', content: csv });
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/imports', headers: { ...auth, ...headers }, payload });
    expect(res.statusCode).toBe(202);
    const done = await waitForDone(auth, res.json().id);
    expect(done.report).toEqual({ imported: 1, updated: 0, skipped: [], warnings: [] });
  }, 60_000);
});

/**
 * The `leads.import` job and pg-boss's retries: a failed attempt with retries left leaves the import
 * `interrupted` with its upload kept (the retry resumes it); a failed last attempt ends it `failed` with the
 * error, and deletes the upload. Storing fails through a trigger on `properties`, as a full disk or a lost
 * connection would make it fail.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imports, properties } from '../../db/schema/index.js';
import { queueImport } from '../../services/leads/queue-import.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import { startQueue } from '../queue.js';
import { startWorker, type Worker } from '../worker.js';
import { leadsImport } from './leads-import.js';

const CSV = 'parcel_id,situs_address,situs_zip,owner_name\n1-2-3,1 Main St,32801,JANE DOE\n4-5-6,2 Main St,32801,JOHN ROE\n';

describe.each(databaseTargets())('leads.import job retries (%s)', (kind) => {
  let ctx: TestContext;
  let worker: Worker;
  const dir = mkdtempSync(join(tmpdir(), 'curb-import-job-'));

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { EMAIL_MX_CHECK: 'false', CURB_DATA_DIR: dir } });
    ctx.services.queue = await startQueue({ database: ctx.services.database, schema: 'pgboss', supervise: true, cron: false });
    worker = await startWorker({ queue: ctx.services.queue, services: ctx.services, logger: ctx.services.logger, definitions: [leadsImport as never], pollingIntervalSeconds: 0.5 });
    await ctx.services.db.execute(
      sql.raw(`create function curb_test_refuse_property() returns trigger language plpgsql as $$ begin raise exception 'could not extend file: No space left on device'; end $$`),
    );
  }, 60_000);
  afterAll(async () => {
    await worker?.stop(1000);
    await ctx.services.queue?.stop();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refuseInserts = (on: boolean) =>
    ctx.services.db.execute(
      sql.raw(on ? 'create trigger curb_test_refuse before insert on properties for each row execute function curb_test_refuse_property()' : 'drop trigger if exists curb_test_refuse on properties'),
    );

  async function upload(name: string, retryLimit: number) {
    const { location } = await createTenant(ctx.services, name);
    const filePath = join(dir, `${name}.csv`);
    writeFileSync(filePath, CSV);
    const view = await queueImport(ctx.services, { locationId: location.id, fileName: `${name}.csv`, filePath, options: { preset: 'generic', mapping: {}, dryRun: false } });
    // A short, fixed delay: the test watches the import between the attempts.
    const jobId = await ctx.services.queue!.send(leadsImport, { locationId: location.id, importId: view.id }, { retryLimit, retryDelay: 3, retryBackoff: false });
    return { location, filePath, importId: view.id, jobId: jobId! };
  }

  const importRow = async (id: string) => (await ctx.services.db.select().from(imports).where(eq(imports.id, id)))[0]!;
  const waitFor = async (id: string, status: string) => {
    await expect.poll(async () => (await importRow(id)).status, { timeout: 30_000, interval: 50 }).toBe(status);
    return importRow(id);
  };

  it('a failed attempt with a retry left stays interrupted with its upload, and the retry finishes it', async () => {
    await refuseInserts(true);
    const { location, filePath, importId } = await upload('Retried', 1);
    try {
      const interrupted = await waitFor(importId, 'interrupted');
      // The database's message, not drizzle's statement with a batch of owners in its parameters.
      expect(interrupted.error).toBe('could not extend file: No space left on device');
      expect(interrupted.finishedAt).toBeNull();
      expect(existsSync(filePath)).toBe(true);
    } finally {
      await refuseInserts(false);
    }

    const done = await waitFor(importId, 'done');
    expect(done.report).toEqual({ imported: 2, updated: 0, skipped: [], warnings: [] });
    expect(done.error).toBeNull();
    await expect.poll(() => existsSync(filePath), { timeout: 5000 }).toBe(false);
    expect(await ctx.services.db.select().from(properties).where(eq(properties.locationId, location.id))).toHaveLength(2);
  }, 60_000);

  it('a failed last attempt ends the import failed with the error, and deletes its upload', async () => {
    await refuseInserts(true);
    try {
      const { filePath, importId, jobId } = await upload('GivenUp', 1);
      // The first attempt leaves it resumable …
      await waitFor(importId, 'interrupted');
      expect(existsSync(filePath)).toBe(true);
      // … the second, the last, does not.
      const failed = await waitFor(importId, 'failed');
      expect(failed.error).toBe('could not extend file: No space left on device (attempt 2 of 2; no retry left)');
      expect(failed.finishedAt).not.toBeNull();
      // Deleted just after the failure is recorded.
      await expect.poll(() => existsSync(filePath), { timeout: 5000 }).toBe(false);
      await expect.poll(async () => (await ctx.services.queue!.boss.getJobById(leadsImport.name, jobId))?.state, { timeout: 10_000 }).toBe('failed');
    } finally {
      await refuseInserts(false);
    }
  }, 60_000);

  it('a job without retries fails its import on the first failure', async () => {
    await refuseInserts(true);
    try {
      const { filePath, importId } = await upload('NoRetry', 0);
      const failed = await waitFor(importId, 'failed');
      expect(failed.error).toBe('could not extend file: No space left on device (attempt 1 of 1; no retry left)');
      await expect.poll(() => existsSync(filePath), { timeout: 5000 }).toBe(false);
    } finally {
      await refuseInserts(false);
    }
  }, 60_000);
});

/**
 * The webhook lane: on PostgreSQL, statements run with `lane: 'webhook'` use the connections reserved for
 * the inbound webhooks, so they never queue behind job work that holds the main pool; everything else
 * uses the main pool. PGlite has one connection and ignores the lane.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshPostgresDatabase } from '../../test/helpers/test-database.js';
import { type Database, fromPool } from './client.js';

describe.skipIf(!process.env.TEST_DATABASE_URL)('fromPool webhook lane (postgres)', () => {
  let fresh: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let main: pg.Pool;
  let lane: pg.Pool;
  let database: Database;
  beforeAll(async () => {
    fresh = await createFreshPostgresDatabase();
    main = new pg.Pool({ connectionString: fresh.url, max: 1 });
    lane = new pg.Pool({ connectionString: fresh.url, max: 1 });
    database = fromPool(main, { webhookPool: lane });
  });
  afterAll(async () => {
    await database.close();
    await fresh.drop();
  });

  it('runs a webhook statement while job work holds every connection of the main pool', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // Job work: a transaction holding the main pool's only connection.
    const job = database.transaction(async (tx) => {
      await tx.executeSql('select 1');
      await held;
    });
    const t0 = performance.now();
    const r = await database.executePrepared<{ n: number }>('curb_test_lane', 'select $1::int as n', [7], { lane: 'webhook' });
    expect(r.rows[0]?.n).toBe(7);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(main.waitingCount).toBe(0);
    // Without the lane the same statement waits for the main pool.
    let done = false;
    const queued = database.executePrepared('curb_test_main', 'select 1', []).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(false);
    release();
    await job;
    await queued;
    expect(done).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../../../test/helpers/test-database.js';
import { analyticsExecutor } from './analytics-executor.js';

const SETTINGS = `select current_setting('work_mem') as work_mem, current_setting('jit') as jit,
                        current_setting('max_parallel_workers_per_gather') as workers`;

describe.each(databaseTargets())('analyticsExecutor (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(async () => t.drop());

  it('runs a statement with its memory and without JIT, keeping the parallel workers unless told otherwise', async () => {
    const defaults = (await t.database.executeSql<{ workers: string }>(SETTINGS)).rows[0]!;
    const { rows } = await analyticsExecutor(t.database).executeSql<{ work_mem: string; jit: string; workers: string }>(SETTINGS);
    expect(rows[0]!.work_mem).toBe('64MB');
    if (kind === 'postgres') expect(rows[0]!.jit).toBe('off');
    expect(rows[0]!.workers).toBe(defaults.workers);
  });

  it('turns the parallel workers off for a statement that runs next to a longer one', async () => {
    const { rows } = await analyticsExecutor(t.database, { parallel: false }).executeSql<{ workers: string }>(SETTINGS);
    if (kind === 'postgres') expect(rows[0]!.workers).toBe('0');
    // The settings are local to the statement's transaction.
    const after = (await t.database.executeSql<{ work_mem: string; workers: string }>(SETTINGS)).rows[0]!;
    expect(after.work_mem).not.toBe('64MB');
    if (kind === 'postgres') expect(after.workers).not.toBe('0');
  });
});

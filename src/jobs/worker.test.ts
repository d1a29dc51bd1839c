/**
 * Batches: a slot fetches several jobs at once and runs them one after another; a job that throws is
 * failed on its own (retried by pg-boss) and the others of its batch complete. A queue is no longer
 * capped at one job per slot per polling interval.
 */
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../test/helpers/test-database.js';
import { createTestContext, type TestContext } from '../../test/helpers/test-services.js';
import { defineJob, type JobDefinition } from './define-job.js';
import { type Queue, startQueue } from './queue.js';
import { startWorker } from './worker.js';
import { createForegroundGate } from '../lib/foreground-gate.js';

describe.each(databaseTargets())('job worker batches (%s)', (kind) => {
  let ctx: TestContext;
  let queue: Queue;
  const ran: number[] = [];
  const batched = defineJob({
    name: 'system.ping',
    schema: z.object({ n: z.number().int() }),
    retryLimit: 0,
    concurrency: 1,
    batchSize: 10,
    handler: async (payload) => {
      ran.push(payload.n);
      if (payload.n === 3) throw new Error('job 3 fails');
      return { n: payload.n };
    },
  }) as unknown as JobDefinition;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    queue = await startQueue({ database: ctx.services.database, schema: 'pgboss', supervise: false, cron: false });
  }, 60_000);
  afterAll(async () => {
    await queue.stop();
    await ctx.close();
  });

  it('runs a batch in one fetch; a failing job fails alone and the rest complete', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 8; n++) ids.push((await queue.boss.send('system.ping', { n }, { retryLimit: 0 }))!);
    const worker = await startWorker({ queue, services: ctx.services, logger: ctx.services.logger, definitions: [batched], pollingIntervalSeconds: 5 });
    try {
      // One slot polling every 5 s: all eight run well within one interval only because they came in one fetch.
      const end = performance.now() + 4000;
      while (ran.length < 8 && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect([...ran].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      let states: Array<{ id: string; state: string }> = [];
      for (let i = 0; i < 40; i++) {
        states = (await ctx.services.database.executeSql<{ id: string; state: string }>(`select id::text, state from pgboss.job where name = 'system.ping' and id = any($1::uuid[])`, [ids])).rows;
        if (states.every((s) => s.state !== 'active')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const byId = new Map(states.map((s) => [s.id, s.state]));
      expect(byId.get(ids[3]!)).toBe('failed');
      expect(ids.filter((_, n) => n !== 3).map((id) => byId.get(id))).toEqual(Array(7).fill('completed'));
    } finally {
      await worker.stop(1000);
    }
  });

  it('while webhooks are in flight, runs one job at a time across slots; otherwise the slots run side by side', async () => {
    let running = 0;
    let most = 0;
    let done = 0;
    const slow = defineJob({
      name: 'system.ping',
      schema: z.object({ n: z.number().int() }),
      retryLimit: 0,
      concurrency: 2,
      batchSize: 3,
      handler: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        done++;
        return {};
      },
    }) as unknown as JobDefinition;
    const runAll = async (busy: boolean): Promise<number> => {
      running = 0;
      most = 0;
      done = 0;
      const gate = createForegroundGate();
      if (busy) gate.enter();
      for (let n = 0; n < 6; n++) await queue.boss.send('system.ping', { n }, { retryLimit: 0 });
      const worker = await startWorker({ queue, services: ctx.services, logger: ctx.services.logger, definitions: [slow], pollingIntervalSeconds: 1, foreground: gate });
      try {
        const end = performance.now() + 8000;
        while (done < 6 && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
        expect(done).toBe(6);
        return most;
      } finally {
        gate.leave();
        await worker.stop(1000);
      }
    };
    expect(await runAll(true)).toBe(1);
    expect(await runAll(false)).toBe(2);
  });
});

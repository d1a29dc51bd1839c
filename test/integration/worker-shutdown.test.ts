/**
 * SIGTERM during work loses no job: a real `curb worker` process is signalled while jobs are in flight;
 * in-flight jobs finish (or, past the grace period, are handed back for retry), and a restarted worker
 * completes everything exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { openDatabase } from '../../src/db/client.js';
import { systemPing } from '../../src/jobs/definitions/system-ping.js';
import { startQueue } from '../../src/jobs/queue.js';
import { createFreshPostgresDatabase, databaseTargets } from '../helpers/test-database.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface WorkerProc {
  child: ChildProcess;
  started: Set<string>;
  finished: Set<string>;
  exited: Promise<number | null>;
}

function spawnWorker(env: Record<string, string>): WorkerProc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const started = new Set<string>();
  const finished = new Set<string>();
  let buffer = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        const log = JSON.parse(line) as { msg?: string; jobId?: string };
        if (log.msg === 'job started' && log.jobId) started.add(log.jobId);
        if (log.msg === 'job finished' && log.jobId) finished.add(log.jobId);
      } catch {
        // not a log line
      }
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, started, finished, exited };
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(databaseTargets())('worker shutdown on SIGTERM (%s)', (kind) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  async function setup(jobs: number, workMs: number) {
    let env: Record<string, string>;
    if (kind === 'postgres') {
      const fresh = await createFreshPostgresDatabase();
      cleanups.push(fresh.drop);
      env = { DATABASE_URL: fresh.url };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'curb-worker-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      env = { CURB_DATA_DIR: dir };
    }
    const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
    const open = async () => {
      const database = await openDatabase(config.database);
      const queue = await startQueue({ database, schema: config.env.JOBS_SCHEMA, supervise: false, cron: false });
      return { database, queue };
    };
    const { database, queue } = await open();
    const ids: string[] = [];
    for (let i = 0; i < jobs; i++) ids.push((await queue.send(systemPing, { requestedBy: 'test', workMs }))!);
    await queue.stop();
    await database.close();
    const states = async () => {
      const o = await open();
      try {
        const r = await o.database.executeSql<{ id: string; state: string }>(`select id::text, state from ${config.env.JOBS_SCHEMA}.job where name = $1`, [systemPing.name]);
        return r.rows;
      } finally {
        await o.queue.stop();
        await o.database.close();
      }
    };
    return { env, ids, states };
  }

  it('finishes in-flight jobs, keeps the rest queued, and a restart completes all exactly once', async () => {
    const { env, ids, states } = await setup(12, 1500);
    const w1 = spawnWorker(env);
    await waitFor(() => w1.started.size > 0, 60_000, 'a job to start');
    w1.child.kill('SIGTERM');
    expect(await w1.exited).toBe(0);
    // Every job that started also finished: nothing was cut off mid-way.
    expect([...w1.started].every((id) => w1.finished.has(id))).toBe(true);
    const after1 = await states();
    expect(after1.filter((j) => j.state === 'active')).toEqual([]);
    expect(after1.filter((j) => j.state === 'completed').length).toBe(w1.finished.size);
    expect(after1.length).toBe(12);

    const w2 = spawnWorker(env);
    const remaining = 12 - w1.finished.size;
    await waitFor(() => w2.finished.size >= remaining, 90_000, 'the rest to finish');
    w2.child.kill('SIGTERM');
    expect(await w2.exited).toBe(0);
    const final = await states();
    expect(final.map((j) => j.state).sort()).toEqual(Array(12).fill('completed'));
    expect(new Set([...w1.finished, ...w2.finished])).toEqual(new Set(ids));
    expect(w1.finished.size + w2.finished.size).toBe(12);
  }, 240_000);

  it('hands back jobs still running after the grace period, and they are retried to completion', async () => {
    const { env, states } = await setup(3, 4000);
    const w1 = spawnWorker({ ...env, SHUTDOWN_TIMEOUT_MS: '300' });
    await waitFor(() => w1.started.size > 0, 60_000, 'a job to start');
    w1.child.kill('SIGTERM');
    expect(await w1.exited).toBe(0);
    const after1 = await states();
    expect(after1.filter((j) => j.state === 'active')).toEqual([]);
    expect(after1.filter((j) => j.state === 'retry').length).toBeGreaterThan(0);

    const w2 = spawnWorker(env);
    await waitFor(() => w2.finished.size >= 3 - after1.filter((j) => j.state === 'completed').length, 120_000, 'retried jobs to finish');
    w2.child.kill('SIGTERM');
    expect(await w2.exited).toBe(0);
    expect((await states()).map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
  }, 240_000);
});

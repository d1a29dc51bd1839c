/**
 * Runs job handlers. On shutdown: stop fetching, let in-flight jobs finish within the grace period, and
 * hand back (fail → retry) any that did not, so nothing is lost.
 */
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { AppServices } from '../services/app-services.js';
import type { JobDefinition } from './define-job.js';
import type { Queue } from './queue.js';
import { jobDefinitions } from './registry.js';
import type { ForegroundGate } from '../lib/foreground-gate.js';

/** How long the worker must stay idle during shutdown before it is considered drained. */
const QUIET_MS = 400;
/** The longest a job waits for a gap in the process's webhooks: background work slows, never stops. */
const FOREGROUND_WAIT_MS = 50;

export interface Worker {
  inFlight(): number;
  /** Stops taking work, waits up to `graceMs` for in-flight jobs, then releases the rest for retry. */
  stop(graceMs: number): Promise<{ finished: number; released: number }>;
}

export interface StartWorkerOptions {
  queue: Queue;
  services: AppServices;
  logger: Logger;
  definitions?: JobDefinition[];
  pollingIntervalSeconds?: number;
  /**
   * The process's provider webhooks in flight (`curb serve`): each job waits for a gap in them, up to
   * FOREGROUND_WAIT_MS, and while they keep coming the jobs run one at a time.
   */
  foreground?: ForegroundGate;
}

export async function startWorker(options: StartWorkerOptions): Promise<Worker> {
  const { queue, services, logger } = options;
  const defs = options.definitions ?? jobDefinitions;
  const running = new Map<string, { queue: string; done: Promise<void> }>();
  const abort = new AbortController();
  let finishedDuringStop = 0;
  let stopping = false;
  let closed = false;

  /** Runs one job, tracked for shutdown. Throws what the handler throws. */
  async function runOne(def: JobDefinition, job: PgBoss.Job<object>): Promise<unknown> {
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    running.set(job.id, { queue: def.name, done });
    logger.debug({ job: def.name, jobId: job.id }, 'job started');
    try {
      const payload = def.schema.parse(job.data);
      const output = await def.handler(payload, { jobId: job.id, services, signal: abort.signal });
      logger.debug({ job: def.name, jobId: job.id }, 'job finished');
      return output;
    } catch (e) {
      logger.warn({ err: e, job: def.name, jobId: job.id }, 'job failed; pg-boss will retry it if attempts remain');
      throw e;
    } finally {
      running.delete(job.id);
      if (stopping) finishedDuringStop++;
      resolveDone();
    }
  }

  /** Runs one job when the process's webhooks let it (see `foreground`). */
  async function runGated(def: JobDefinition, job: PgBoss.Job<object>): Promise<unknown> {
    const release = options.foreground ? await options.foreground.background(FOREGROUND_WAIT_MS) : undefined;
    try {
      return await runOne(def, job);
    } finally {
      release?.();
    }
  }

  for (const def of defs) {
    const concurrency = def.concurrency ?? 2;
    const batchSize = def.batchSize ?? 1;
    // One pg-boss worker per slot: each fetches `batchSize` jobs at a time, so shutdown has little in hand.
    for (let slot = 0; slot < concurrency; slot++) {
      await queue.boss.work(def.name, { batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async (jobs: PgBoss.Job<object>[]) => {
        // A fetch that was already in flight when shutdown finished: hand the jobs straight back.
        if (closed) throw new Error('worker is shut down');
        if (jobs.length === 1) return runGated(def, jobs[0]!);
        // A batch: each job succeeds or fails on its own. A failed one is failed here (pg-boss retries it);
        // pg-boss completes the rest, which are still active, in one statement when this returns.
        for (let i = 0; i < jobs.length; i++) {
          if (stopping) {
            // Shutting down: the jobs not started yet go back for a retry, as an unfinished job does.
            for (const rest of jobs.slice(i)) await queue.boss.fail(def.name, rest.id, { reason: 'worker shutting down' });
            break;
          }
          const job = jobs[i]!;
          try {
            await runGated(def, job);
          } catch (e) {
            await queue.boss.fail(def.name, job.id, e as object).catch((err: unknown) => logger.error({ err, job: def.name, jobId: job.id }, 'could not record a job failure; it is retried when it expires'));
          }
          // Let waiting I/O (HTTP requests in the same process) run between jobs of a batch.
          await new Promise<void>((r) => setImmediate(r));
        }
        return undefined;
      });
    }
  }

  return {
    inFlight: () => running.size,
    async stop(graceMs) {
      stopping = true;
      for (const def of defs) await queue.boss.offWork(def.name);
      abort.abort();
      // pg-boss's offWork does not wait for a fetch already in flight, whose jobs then start after this
      // point. So wait until nothing runs and nothing new arrived for a quiet period, within the grace.
      const deadlineAt = performance.now() + graceMs;
      const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)).unref());
      while (performance.now() < deadlineAt) {
        if (running.size > 0) {
          await Promise.race([Promise.all([...running.values()].map((r) => r.done)), sleep(deadlineAt - performance.now())]);
          continue;
        }
        await sleep(Math.min(QUIET_MS, deadlineAt - performance.now()));
        if (running.size === 0) break;
      }
      closed = true;
      let released = 0;
      for (const [id, r] of running) {
        // Still running past the grace period: fail it now so it is retried promptly elsewhere,
        // instead of waiting for its expiry.
        await queue.boss.fail(r.queue, id, { reason: 'worker shutting down' });
        released++;
      }
      return { finished: finishedDuringStop, released };
    },
  };
}

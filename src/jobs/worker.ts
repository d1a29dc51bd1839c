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

/** How long the worker must stay idle during shutdown before it is considered drained. */
const QUIET_MS = 400;

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
}

export async function startWorker(options: StartWorkerOptions): Promise<Worker> {
  const { queue, services, logger } = options;
  const defs = options.definitions ?? jobDefinitions;
  const running = new Map<string, { queue: string; done: Promise<void> }>();
  const abort = new AbortController();
  let finishedDuringStop = 0;
  let stopping = false;
  let closed = false;

  for (const def of defs) {
    const concurrency = def.concurrency ?? 2;
    // One pg-boss worker per slot: each fetches one job at a time, so shutdown has little in hand.
    for (let slot = 0; slot < concurrency; slot++) {
      await queue.boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async (jobs: PgBoss.Job<object>[]) => {
        for (const job of jobs) {
          // A fetch that was already in flight when shutdown finished: hand the job straight back.
          if (closed) throw new Error('worker is shut down');
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

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

  for (const def of defs) {
    const concurrency = def.concurrency ?? 2;
    // One pg-boss worker per slot: each fetches one job at a time, so shutdown has little in hand.
    for (let slot = 0; slot < concurrency; slot++) {
      await queue.boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async (jobs: PgBoss.Job<object>[]) => {
        for (const job of jobs) {
          let resolveDone!: () => void;
          const done = new Promise<void>((r) => (resolveDone = r));
          running.set(job.id, { queue: def.name, done });
          try {
            const payload = def.schema.parse(job.data);
            return await def.handler(payload, { jobId: job.id, services, signal: abort.signal });
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
      const deadline = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      await Promise.race([Promise.all([...running.values()].map((r) => r.done)), deadline]);
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

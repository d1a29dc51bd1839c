/**
 * The long-running roles: the API, the workers and the scheduler, in one process (`curb serve`) or the
 * workers alone (`curb worker`). On SIGTERM/SIGINT: stop accepting requests and jobs, finish or release
 * in-flight jobs, stop the queue, close the database — in that order, so nothing is lost.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app.js';
import { startQueue } from '../jobs/queue.js';
import { startOutreachLoop, type OutreachLoop } from '../jobs/outreach-loop.js';
import { startWorker, type Worker } from '../jobs/worker.js';
import type { AppServices } from '../services/app-services.js';
import { createForegroundGate } from '../lib/foreground-gate.js';

export interface RunningProcess {
  app: FastifyInstance | null;
  url: string | null;
  worker: Worker | null;
  shutdown(reason: string): Promise<void>;
}

export interface StartRolesOptions {
  services: AppServices;
  http: boolean;
  worker: boolean;
  scheduler: boolean;
  port?: number;
  host?: string;
  /**
   * Start the workers and the outreach loop only once this settles (the API answers at once). `curb demo`
   * passes its simulation: until it ends, the simulated clock owns the outreach tables.
   */
  workAfter?: Promise<unknown>;
}

export async function startRoles(options: StartRolesOptions): Promise<RunningProcess> {
  const { services } = options;
  const { env } = services.config;
  const queue = await startQueue({ database: services.database, schema: env.JOBS_SCHEMA, supervise: options.worker || options.scheduler, cron: options.scheduler });
  services.queue = queue;
  let worker: Worker | null = null;
  // Webhooks answered by this process come before its job batches (see lib/foreground-gate.ts).
  const foreground = createForegroundGate();
  let outreach: OutreachLoop | null = null;
  let stopped = false;
  const startWork = async (): Promise<void> => {
    if (stopped) return;
    // The outreach loop first: job handlers start as soon as the worker does, and the caller installs its
    // signal handlers when this function returns.
    outreach = options.worker && env.OUTREACH_ENABLED ? await startOutreachLoop(services) : null;
    worker = options.worker ? await startWorker({ queue, services, logger: services.logger, foreground }) : null;
  };
  // A failed wait leaves the API up without workers; the caller hears of it through its own promise.
  let waiting = Boolean(options.workAfter);
  const working = options.workAfter
    ? options.workAfter.then(
        () => {
          waiting = false;
          return startWork();
        },
        () => {
          waiting = false;
        },
      )
    : null;
  if (!working) await startWork();
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (options.http) {
    app = await buildApp(services, { foreground });
    url = await app.listen({ port: options.port ?? env.PORT, host: options.host ?? env.HOST });
  }
  let stopping: Promise<void> | null = null;
  return {
    app,
    url,
    get worker() {
      return worker;
    },
    shutdown(reason) {
      stopping ??= (async () => {
        services.logger.info({ reason }, 'shutting down');
        stopped = true;
        if (app) await app.close();
        // Still waiting: nothing to stop (the caller stops what it waits for); workers starting: let them, then stop them.
        if (working && !waiting) await working;
        if (outreach) await outreach.stop();
        if (worker) {
          const r = await worker.stop(env.SHUTDOWN_TIMEOUT_MS);
          services.logger.info(r, 'worker stopped');
        }
        await queue.stop();
        services.queue = undefined;
        await services.database.close();
        services.logger.flush();
      })();
      return stopping;
    },
  };
}

/**
 * Wires SIGTERM and SIGINT to a graceful shutdown; a second signal exits at once. `beforeShutdown` runs first,
 * for work outside the process roles that still uses the database (the demo's simulation).
 */
export function shutdownOnSignals(proc: RunningProcess, onDone: (code: number) => void, beforeShutdown?: () => Promise<void>): void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count++;
    if (count > 1) {
      onDone(130);
      return;
    }
    Promise.resolve(beforeShutdown?.())
      .then(() => proc.shutdown(signal))
      .then(
        () => onDone(0),
        () => onDone(1),
      );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

/**
 * The dependencies every use case takes, built once at boot with production defaults; tests build the
 * same object on a fresh PGlite or PostgreSQL database with a pinned clock.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { Database, Db } from '../db/client.js';
import type { Queue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { KeyRing } from '../lib/crypto.js';

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  keyRing: KeyRing;
}

export interface AppServices extends ServiceDeps {
  config: Config;
  database: Database;
  logger: Logger;
  /** Present once the job queue is started (serve, worker); absent in one-shot CLI commands. */
  queue: Queue | undefined;
}

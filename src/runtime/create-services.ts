import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config/env.js';
import { type Database, openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { type Clock, systemClock } from '../lib/clock.js';
import { loadOrCreateKeyRing } from '../lib/crypto.js';
import type { AppServices } from '../services/app-services.js';

export interface CreateServicesOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** An already-open database (tests); otherwise opened from config. */
  database?: Database;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
}

/** Logs go to stderr so stdout carries only command results (one JSON document with --json). */
export function createLogger(config: Config): Logger {
  return pino({ level: config.env.LOG_LEVEL, base: { service: 'curb' } }, pino.destination({ fd: 2, sync: false }));
}

export async function createServices(options: CreateServicesOptions): Promise<AppServices & { keySource: string }> {
  const { config } = options;
  const database = options.database ?? (await openDatabase(config.database));
  try {
    if (options.migrate !== false) await migrate(database);
    const keyFile = config.database.kind === 'pglite-memory' && !config.env.CURB_ENCRYPTION_KEY ? null : join(config.dataDir, 'encryption.key');
    const { ring, source } = loadOrCreateKeyRing({ configured: config.env.CURB_ENCRYPTION_KEY, keyFile });
    return {
      config,
      database,
      db: database.db,
      clock: options.clock ?? systemClock,
      keyRing: ring,
      keySource: source,
      logger: options.logger ?? createLogger(config),
      queue: undefined,
    };
  } catch (e) {
    if (!options.database) await database.close();
    throw e;
  }
}

/**
 * Each test file gets its own fresh database: a new in-memory PGlite with migrations applied, and — when
 * TEST_DATABASE_URL is set — a new database on the real PostgreSQL server, dropped afterwards.
 * Integration suites run once per target (`describe.each(databaseTargets())`).
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPglite, fromPool } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

export type TestDbKind = 'pglite' | 'postgres';

export function databaseTargets(): TestDbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  kind: TestDbKind;
  database: Database;
  /** The connection URL of the fresh PostgreSQL database (postgres only), for child processes. */
  url: string | null;
  drop(): Promise<void>;
}

export async function createFreshPostgresDatabase(serverUrl?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = serverUrl ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `curb_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function createTestDatabase(kind: TestDbKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = fromPglite(await PGlite.create());
    if (options.migrate !== false) await migrate(database);
    return { kind, database, url: null, drop: () => database.close() };
  }
  const fresh = await createFreshPostgresDatabase();
  const database = fromPool(new pg.Pool({ connectionString: fresh.url, max: 5 }));
  if (options.migrate !== false) await migrate(database);
  return {
    kind,
    database,
    url: fresh.url,
    drop: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}

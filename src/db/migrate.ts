import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.js';

/** The committed drizzle-kit migrations, found from src/ (tsx) and from dist/ (built). */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../drizzle'), resolve(here, '../../../drizzle')];
  const found = candidates.find((c) => existsSync(resolve(c, 'meta/_journal.json')));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

// Arbitrary but fixed: every Curb process that migrates takes the same advisory lock.
const MIGRATION_LOCK = 0x43_75_72_62;

export interface MigrationStatus {
  applied: number;
  total: number;
  newlyApplied: number;
}

/** Applies pending migrations; safe to call from several processes at once and to call twice. */
export async function migrate(database: Database): Promise<MigrationStatus> {
  const folder = migrationsFolder();
  // Counted under the lock so that concurrent callers each report only what they applied.
  const { before, after } = await database.withLock(MIGRATION_LOCK, async (db) => {
    const before = await appliedCount(database);
    if (database.kind === 'pglite') await migratePglite(db as never, { migrationsFolder: folder });
    else await migratePg(db as never, { migrationsFolder: folder });
    return { before, after: await appliedCount(database) };
  });
  const total = await totalMigrations(folder);
  return { applied: after, total, newlyApplied: after - before };
}

async function appliedCount(database: Database): Promise<number> {
  const exists = await database.executeSql<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
    [],
  );
  if (!exists.rows[0]?.present) return 0;
  const r = await database.executeSql<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations', []);
  return Number(r.rows[0]?.n ?? 0);
}

async function totalMigrations(folder: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const journal = JSON.parse(await readFile(resolve(folder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** Pending = in the folder but not applied: what `curb doctor` reports. */
export async function migrationStatus(database: Database): Promise<MigrationStatus> {
  return { applied: await appliedCount(database), total: await totalMigrations(migrationsFolder()), newlyApplied: 0 };
}

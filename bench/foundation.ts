/**
 * Foundation figures, on PostgreSQL (when a URL is given) and on PGlite:
 * - batch insert of 100k contacts (rows/s) through the batch service (contacts + points + lead statuses);
 * - a filtered page of 50 contacts at 100k rows (p95 ms) through the list service.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config/env.js';
import { type Database, fromPglite, fromPool } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { systemClock } from '../src/lib/clock.js';
import { generateKeyMaterial, parseKeyRing } from '../src/lib/crypto.js';
import type { AppServices } from '../src/services/app-services.js';
import { ContactListQuerySchema } from '../src/services/contacts/contact-schemas.js';
import { createContactsBatch } from '../src/services/contacts/create-contacts-batch.js';
import { listContacts } from '../src/services/contacts/list-contacts.js';
import { createLocation } from '../src/services/locations/create-location.js';
import { createFreshPostgresDatabase } from '../test/helpers/test-database.js';
import { type BenchContext, type BenchDb, percentile } from './harness.js';

const ROWS = 100_000;
const BATCH = 5_000;
const PAGES = 300;
const SOURCES = ['propstream', 'batchleads', 'dealmachine', 'api', 'skiptrace'];

function services(database: Database): AppServices {
  return {
    config: loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent' }),
    database,
    db: database.db,
    clock: systemClock,
    keyRing: parseKeyRing(generateKeyMaterial()),
    logger: pino({ level: 'silent' }),
    queue: undefined,
  };
}

function contactRow(i: number) {
  return {
    ownerName: `Owner ${i}`,
    firstName: `First${i % 997}`,
    lastName: `Last${i % 1009}`,
    phone: `+1407${String(2_000_000 + i).padStart(7, '0')}`,
    email: `owner${i}@example.com`,
    source: SOURCES[i % SOURCES.length],
    mailingState: i % 7 === 0 ? 'GA' : 'FL',
    tags: i % 10 === 0 ? ['probate'] : [],
  };
}

async function measure(ctx: BenchContext, db: BenchDb, database: Database): Promise<void> {
  await migrate(database);
  const s = services(database);
  const location = await createLocation(s, { input: { businessName: 'Bench' } });
  const t0 = performance.now();
  for (let start = 0; start < ROWS; start += BATCH) {
    const inputs = Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, k) => contactRow(start + k));
    const r = await createContactsBatch(s, { locationId: location.id, inputs });
    if (r.errors.length > 0) throw new Error(`bench rows rejected: ${JSON.stringify(r.errors[0])}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  ctx.report({ metric: 'batch_insert_contacts', value: Math.round(ROWS / seconds), unit: 'rows/s', db });

  await database.executeSql('analyze', []);
  const filters = [{ source: 'propstream' }, { source: 'dealmachine', optOut: 'false' }, { tag: 'probate' }, { status: 'new' }, { q: 'Owner 9' }, {}];
  const samples: number[] = [];
  for (let i = 0; i < PAGES; i++) {
    const query = ContactListQuerySchema.parse({ ...filters[i % filters.length], limit: '50' });
    const q0 = performance.now();
    const page = await listContacts(s, { locationId: location.id, query });
    samples.push(performance.now() - q0);
    if (page.data.length === 0) throw new Error(`empty page for ${JSON.stringify(query)}`);
  }
  ctx.report({ metric: 'filtered_page_50_at_100k', value: Number(percentile(samples, 95).toFixed(2)), unit: 'ms_p95', db });
}

export async function run(ctx: BenchContext): Promise<void> {
  if (ctx.postgresUrl) {
    const fresh = await createFreshPostgresDatabase(ctx.postgresUrl);
    const database = fromPool(new pg.Pool({ connectionString: fresh.url, max: 4 }));
    try {
      await measure(ctx, 'postgres', database);
    } finally {
      await database.close();
      await fresh.drop();
    }
  }
  const database = fromPglite(await PGlite.create());
  try {
    await measure(ctx, 'pglite', database);
  } finally {
    await database.close();
  }
}

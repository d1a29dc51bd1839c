/**
 * Lead figures: `score` (properties scored per second, target ≥ 200,000/s), `derive_and_score`
 * (raw fields → signals → score) and `parse` (rows per second through the streaming CSV parser,
 * 200k generated rows). The database import figure belongs to the DB layer: call `measureImport`
 * with its import function and report the result with `db` set.
 */
import { Readable } from 'node:stream';
import { deriveSignals } from '../src/domain/leads/derive-signals.js';
import type { LeadProperty, LeadSignalFields } from '../src/domain/leads/types.js';
import { scoreProperty, type SignalObservation } from '../src/domain/qualify/score-property.js';
import { loadScoringProfile } from '../src/services/leads/load-scoring-profile.js';
import { parseLeadFile } from '../src/services/leads/parse-lead-file.js';
import { unwrap } from '../src/lib/result.js';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../src/config/env.js';
import { fromPglite, fromPool, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { fixedClock } from '../src/lib/clock.js';
import { importLeads } from '../src/services/leads/import-leads.js';
import { createLocation } from '../src/services/locations/create-location.js';
import type { BenchDb } from './harness.js';
import { opsPerSecond, type BenchContext } from './harness.js';

const ROWS = 200_000;
const AS_OF = new Date('2026-03-02T12:00:00Z');

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREETS = ['EXAMPLE AVE', 'SAMPLE LN', 'LAKE DR', 'PINE WAY', 'COURT BLVD', 'ORANGE BLOSSOM TRL', 'MAIN ST'];
const CITIES = ['ORLANDO', 'SANFORD', 'KISSIMMEE', 'CLERMONT', 'DELAND'];
const STATES = ['FL', 'FL', 'FL', 'FL', 'OH', 'NY', 'GA'];
const FIRST = ['JANE', 'JOHN', 'JOSÉ', 'ZOË', 'LIAM', 'ANA', 'ROBERT'];
const LAST = ["O'BRIEN", 'NÚÑEZ', 'DOE', 'ROE', 'SMITH', 'ADAMS', 'RUIZ'];

export interface GeneratedProperty {
  property: LeadProperty;
  signals: LeadSignalFields;
}

/** Realistic-looking properties with a mix of distress facts. */
export function generateProperties(count: number, seed = 42): GeneratedProperty[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: GeneratedProperty[] = [];
  for (let i = 0; i < count; i++) {
    const num = 100 + Math.floor(r() * 9000);
    const absentee = r() < 0.4;
    const saleYear = 1975 + Math.floor(r() * 50);
    out.push({
      property: {
        parcelId: String(292218000000000 + i),
        ownerName: `${pick(LAST)} ${pick(FIRST)}${r() < 0.05 ? ' EST' : ''}`,
        situs: { line1: `${num} ${pick(STREETS)}`, city: pick(CITIES), state: 'FL', zip: '32808' },
        mailing: absentee ? { line1: `${num + 7} ${pick(STREETS)}`, state: pick(STATES), zip: '43004' } : { line1: `${num} ${pick(STREETS)}`, state: 'FL', zip: '32808' },
        source: 'bench',
        estimatedValue: 150_000 + Math.floor(r() * 350_000),
        lastSalePrice: 30_000 + Math.floor(r() * 250_000),
        lastSaleDate: `${saleYear}-0${1 + Math.floor(r() * 9)}-15`,
      },
      signals: {
        ...(r() < 0.1 ? { taxDelinquent: true, taxDelinquentYears: 1 + Math.floor(r() * 3) } : {}),
        ...(r() < 0.05 ? { lisPendens: true, lisPendensDate: '2025-11-01' } : {}),
        ...(r() < 0.02 ? { foreclosureSaleDate: '2026-04-14' } : {}),
        ...(r() < 0.05 ? { codeViolationsOpen: 1 + Math.floor(r() * 3) } : {}),
        ...(r() < 0.03 ? { vacant: true } : {}),
      },
    });
  }
  return out;
}

/** A generic-preset CSV of `rows` rows, produced lazily in chunks so a big file never sits in memory. */
export function generateLeadCsv(rows: number, seed = 7): Readable {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const header = 'parcel_id,owner_name,situs_address,situs_city,situs_state,situs_zip,mailing_address,mailing_city,mailing_state,mailing_zip,phone1,phone2,email,tax_delinquent,last_sale_date,estimated_value\r\n';
  function* chunks(): Generator<string> {
    yield header;
    let buf = '';
    for (let i = 0; i < rows; i++) {
      const num = 100 + Math.floor(r() * 9000);
      const first = pick(FIRST);
      const last = pick(LAST);
      const phone2 = r() < 0.3 ? `407-555-${String(1000 + Math.floor(r() * 8999))}` : '';
      buf += `35-20-27-${String(i).padStart(8, '0')},"${last}, ${first}",${num} ${pick(STREETS)},${pick(CITIES)},FL,32808,${num + 3} ${pick(STREETS)},COLUMBUS,${pick(STATES)},43004,(407) 555-${String(1000 + Math.floor(r() * 8999))},${phone2},${first.toLowerCase()}.${i}@example.com,${r() < 0.1 ? 'Y' : 'N'},${1 + Math.floor(r() * 12)}/15/${1980 + Math.floor(r() * 45)},${100000 + Math.floor(r() * 400000)}\r\n`;
      if (buf.length > 64 * 1024) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  return Readable.from(chunks());
}

/**
 * Rows per second of an import function fed a generated CSV of `rows` rows. For the DB layer:
 * `ctx.report({ metric: 'import', value: await measureImport((s) => importLeads({ input: s, ... })), unit: 'rows/s', db: 'pglite' })`.
 */
export async function measureImport(importFn: (input: Readable) => Promise<unknown>, rows = ROWS): Promise<number> {
  const t0 = performance.now();
  await importFn(generateLeadCsv(rows));
  return Math.round((rows / (performance.now() - t0)) * 1000);
}

export async function run(ctx: BenchContext): Promise<void> {
  const profile = unwrap(await loadScoringProfile({ profile: 'wholesale-fl-v1' }));
  const props = generateProperties(ROWS);
  const observed: SignalObservation[][] = props.map((p) => deriveSignals({ property: p.property, signals: p.signals, asOf: AS_OF }));

  // Warm up the JIT on a slice, then measure the whole set.
  for (let i = 0; i < 20_000; i++) scoreProperty({ signals: observed[i]!, profile, asOf: AS_OF });
  let sink = 0;
  const score = opsPerSecond(ROWS, (i) => {
    sink += scoreProperty({ signals: observed[i]!, profile, asOf: AS_OF }).score;
  });
  ctx.report({ metric: 'score', value: score, unit: 'properties/s' });

  const deriveAndScore = opsPerSecond(ROWS, (i) => {
    const p = props[i]!;
    sink += scoreProperty({ signals: deriveSignals({ property: p.property, signals: p.signals, asOf: AS_OF }), profile, asOf: AS_OF }).score;
  });
  ctx.report({ metric: 'derive_and_score', value: deriveAndScore, unit: 'properties/s' });

  let emitted = 0;
  const parse = await measureImport(async (input) => {
    const r = await parseLeadFile({ input, onRow: (batch) => void (emitted += batch.length) });
    if (!r.ok) throw new Error(r.error.message);
  });
  if (emitted !== ROWS) throw new Error(`parse bench emitted ${emitted} of ${ROWS} rows`);
  ctx.report({ metric: 'parse', value: parse, unit: 'rows/s' });
  if (Number.isNaN(sink)) throw new Error('unreachable');

  if (ctx.postgresUrl) ctx.report({ metric: 'import', value: await importFigure('postgres', ctx.postgresUrl), unit: 'rows/s', db: 'postgres' });
  ctx.report({ metric: 'import', value: await importFigure('pglite'), unit: 'rows/s', db: 'pglite' });
}

const IMPORT_ROWS = 100_000;

/** Rows per second of `importLeads` (MX off) into a fresh database: a new PostgreSQL database, or an in-memory PGlite. */
export async function importFigure(db: BenchDb, adminUrl?: string, rows = IMPORT_ROWS): Promise<number> {
  let database: Database;
  let drop = async (): Promise<void> => database.close();
  if (db === 'postgres') {
    const name = `curb_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    database = fromPool(new pg.Pool({ connectionString: url.toString(), max: 4 }));
    drop = async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else database = fromPglite(await PGlite.create());
  try {
    await migrate(database);
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'memory://', EMAIL_MX_CHECK: 'false', LOG_LEVEL: 'silent' });
    const services = { config, database, db: database.db, clock: fixedClock(AS_OF), logger: pino({ level: 'silent' }) };
    const location = await createLocation(services as never, { input: { businessName: 'Bench', postalAddress: '1 Main St, Orlando, FL 32801' } });
    return await measureImport(async (input) => {
      const r = await importLeads(services, { locationId: location.id, input });
      if (!r.ok) throw new Error(r.error.message);
      if (r.value.report.imported !== rows) throw new Error(`import bench stored ${r.value.report.imported} of ${rows} rows`);
    }, rows);
  } finally {
    await drop();
  }
}

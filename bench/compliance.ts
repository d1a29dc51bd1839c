/**
 * Compliance engine throughput on one core: `decide` decisions/s over varied, realistic situations (every
 * channel and purpose, split and single-zone area codes, state rules, histories, lists), and opt-out detection
 * texts/s over a mix of replies.
 *
 * DNC lists: import of a generated National Registry full list (5 million numbers on PostgreSQL, when a URL is
 * given; 500,000 on PGlite) through the real importer, and `lookupSuppressions` latency p99 over 2,000 random
 * numbers (half of them listed) at that size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, fromPglite, fromPool } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { systemClock } from '../src/lib/clock.js';
import { createLocation } from '../src/services/locations/create-location.js';
import { importDncFile } from '../src/services/suppressions/import-dnc-file.js';
import { lookupSuppressions } from '../src/services/suppressions/lookup-suppressions.js';
import { createFreshPostgresDatabase } from '../test/helpers/test-database.js';
import { decide } from '../src/domain/compliance/decide.js';
import type { Situation } from '../src/domain/compliance/situation.js';
import { detectKeywords } from '../src/domain/replies/opt-out.js';
import type { BenchContext } from './harness.js';
import { type BenchDb, opsPerSecond, percentile } from './harness.js';

const NPAS = ['407', '305', '850', '448', '813', '214', '915', '205', '404', '203', '206', '602', '312', '718', '916', '808'];
const H = 3_600_000;

/** A small deterministic PRNG so every run measures the same situations. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

function situations(n: number): Situation[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = Date.parse('2025-03-01T00:00:00Z');
  const out: Situation[] = [];
  for (let i = 0; i < n; i++) {
    const at = base + Math.floor(r() * 300 * 24 * H);
    const channel = r() < 0.75 ? 'sms' : r() < 0.5 ? 'email' : 'voice';
    const history = Array.from({ length: Math.floor(r() * 4) }, () => ({
      at: new Date(at - Math.floor(r() * 36 * H)).toISOString(),
      channel: pick(['sms', 'email', 'voice'] as const),
      purpose: pick(['marketing', 'marketing', 'informational'] as const),
      direction: pick(['outbound', 'outbound', 'inbound'] as const),
    }));
    out.push({
      at: new Date(at).toISOString(),
      channel,
      purpose: r() < 0.85 ? 'marketing' : 'informational',
      initiation: r() < 0.8 ? 'automated' : 'manual',
      to: channel === 'email' ? `owner${i}@example.com` : `+1${pick(NPAS)}${2_000_000 + Math.floor(r() * 7_999_999)}`,
      body: 'Hi Jane, Sam with Oak Homes here. Would you consider a cash offer on 12 Elm St? Reply STOP to opt out.',
      recipientStates: r() < 0.3 ? [pick(['FL', 'TX', 'GA', 'AL'])] : [],
      hasUnsubscribeLink: true,
      contact: {
        optedOutAt: r() < 0.03 ? new Date(at - 5 * 24 * H).toISOString() : null,
        lists: r() < 0.1 ? ['national_dnc'] : [],
        consent: r() < 0.7 ? { kind: 'written', at: '2024-06-01T00:00:00Z' } : null,
        ebr: r() < 0.1 ? { kind: 'inquiry', at: new Date(at - 30 * 24 * H).toISOString() } : null,
      },
      history,
      account: {
        lastNationalDncScrubAt: new Date(at - Math.floor(r() * 33 * 24 * H)).toISOString(),
        postalAddress: '1 Main St, Orlando FL',
        maxMessagesPerContactPerDay: 1,
      },
    });
  }
  return out;
}

const REPLIES = [
  'STOP', 'Stop texting me', "I'll stop by Tuesday", 'How much would you pay for it?', 'Tame me off yoyr list',
  'not interested', 'No me escribas más', 'end of the month works', 'Yes', 'HELP', 'Can you cancel the appointment?',
  'The roof needs some work but the kitchen was redone in 2019. What is your best offer?', 'wrong number',
  'My attorney will contact you', 'Sounds good, call me after 5pm', 'unsubscibe', 'STOP🛑',
];

export async function run(ctx: BenchContext): Promise<void> {
  const list = situations(20_000);
  // Warm up: JIT, per-zone formatters and offset tables.
  for (let i = 0; i < 40_000; i++) decide(list[i % list.length]!);
  const counts: Record<string, number> = {};
  for (const s of list) {
    const d = decide(s).decision;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  process.stderr.write(`compliance bench mix: ${JSON.stringify(counts)}\n`);
  let best = 0;
  for (let round = 0; round < 3; round++) best = Math.max(best, opsPerSecond(100_000, (i) => decide(list[i % list.length]!)));
  ctx.report({ metric: 'decide', value: best, unit: 'decisions/s' });

  for (let i = 0; i < 20_000; i++) detectKeywords(REPLIES[i % REPLIES.length]!);
  let bestText = 0;
  for (let round = 0; round < 3; round++) bestText = Math.max(bestText, opsPerSecond(100_000, (i) => detectKeywords(REPLIES[i % REPLIES.length]!)));
  ctx.report({ metric: 'optout_detect', value: bestText, unit: 'texts/s' });

  const dir = mkdtempSync(join(tmpdir(), 'curb-dnc-bench-'));
  try {
    if (ctx.postgresUrl) {
      const fresh = await createFreshPostgresDatabase(ctx.postgresUrl);
      const database = fromPool(new pg.Pool({ connectionString: fresh.url, max: 4 }));
      try {
        await measureDnc(ctx, 'postgres', database, dir, 5_000_000, '');
      } finally {
        await database.close();
        await fresh.drop();
      }
    }
    const database = fromPglite(await PGlite.create());
    try {
      await measureDnc(ctx, 'pglite', database, dir, 500_000, '_500k');
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The n-th listed number: area codes 201.. in order, as the registry ships them (one area code after another). */
const listed = (i: number): string => `${201 + Math.floor(i / 1_000_000)}${2_000_000 + (i % 1_000_000) * 7}`;

async function writeFullList(path: string, n: number): Promise<void> {
  const fh = await open(path, 'w');
  try {
    const chunk = 100_000;
    for (let start = 0; start < n; start += chunk) {
      let text = '';
      for (let i = start; i < Math.min(n, start + chunk); i++) text += `${listed(i)}\n`;
      await fh.write(text);
    }
  } finally {
    await fh.close();
  }
}

async function measureDnc(ctx: BenchContext, db: BenchDb, database: Database, dir: string, n: number, suffix: string): Promise<void> {
  await migrate(database);
  const path = join(dir, `national-${n}.txt`);
  await writeFullList(path, n);
  const deps = { database, clock: systemClock };
  const t0 = performance.now();
  const report = await importDncFile(deps, { list: 'national_dnc', path, listDate: systemClock.now().toISOString().slice(0, 10) });
  const seconds = (performance.now() - t0) / 1000;
  if (report.added !== n || report.badLineCount !== 0) throw new Error(`dnc bench: ${JSON.stringify({ ...report, badLines: report.badLines.slice(0, 3) })}`);
  ctx.report({ metric: `dnc_import${suffix}`, value: Math.round(n / seconds), unit: 'numbers/s', db });
  ctx.report({ metric: n === 5_000_000 ? 'dnc_import_5m' : `dnc_import${suffix}_total`, value: Number(seconds.toFixed(2)), unit: 's', db });

  await database.executeSql('analyze suppressions', []);
  const location = await createLocation({ db: database.db, clock: systemClock }, { input: { businessName: 'Bench' } });
  const r = rng(7);
  const samples: number[] = [];
  // Send-time lookups in a running worker: the first 2,000 warm Node's JIT, the connection's prepared
  // statement and the server's shared buffers (the first lookups after a 5M import pay for all three, p99
  // ≈2 ms); the next 10,000 are the steady state measured.
  const WARM = 2_000;
  for (let i = 0; i < WARM + 10_000; i++) {
    const value = r() < 0.5 ? `+1${listed(Math.floor(r() * n))}` : `+1${300 + Math.floor(r() * 600)}${2_000_000 + Math.floor(r() * 7_000_000)}`;
    const q0 = performance.now();
    await lookupSuppressions(deps, { locationId: location.id, values: [value] });
    if (i >= WARM) samples.push(performance.now() - q0);
  }
  ctx.report({ metric: `dnc_lookup_p50${suffix}`, value: Number(percentile(samples, 50).toFixed(3)), unit: 'ms', db });
  ctx.report({ metric: `dnc_lookup_p99${suffix}`, value: Number(percentile(samples, 99).toFixed(3)), unit: 'ms', db });
}

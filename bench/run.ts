/**
 * `npm run bench -- [name ...]` runs the named benchmarks (all when none is named) and prints one JSON
 * line per figure on stdout.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'harness.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !available.includes(a));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
for (const name of asked.length > 0 ? asked : available) {
  const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as BenchModule;
  await mod.run({
    name,
    postgresUrl,
    report: (f) => process.stdout.write(`${JSON.stringify({ bench: name, metric: f.metric, value: f.value, unit: f.unit, ...(f.db ? { db: f.db } : {}) })}\n`),
  });
}

/**
 * Benchmark contract: `bench/<name>.ts` exports `run(ctx)`. Each figure is printed as one JSON line:
 * {"bench": "<name>", "metric": "<what>", "value": <number>, "unit": "<unit>", "db": "postgres|pglite"}
 * (`db` only where a database is involved).
 */
export type BenchDb = 'postgres' | 'pglite';

export interface BenchFigure {
  metric: string;
  value: number;
  unit: string;
  db?: BenchDb;
}

export interface BenchContext {
  name: string;
  /** PostgreSQL URL for benches that run on a real server (TEST_DATABASE_URL or BENCH_DATABASE_URL), if any. */
  postgresUrl: string | undefined;
  report(figure: BenchFigure): void;
}

export type BenchModule = { run(ctx: BenchContext): Promise<void> };

/** Runs `fn` for `iterations` and returns the operations per second. */
export function opsPerSecond(iterations: number, fn: (i: number) => void): number {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - t0;
  return Math.round((iterations / ms) * 1000);
}

/** The p-th percentile (0..100) of a list of samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

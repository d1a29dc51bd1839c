import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from '../../client.js';
import { type CopySink, type CopyValue, copyRowsBuffer, pgCopySink } from '../copy-rows.js';

/** A drizzle database or transaction: both run raw statements through `execute`. */
export type SqlRunner = Pick<Db, 'execute'>;

/** Rows of a raw statement; node-postgres and PGlite both answer `{ rows }`. */
export async function runRows<T>(db: SqlRunner, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows?: T[] };
  return r.rows ?? [];
}

/**
 * The column list of a `jsonb_to_recordset` alias, from [name, type] pairs. Batches travel as ONE jsonb
 * parameter, so a batch of any size is one statement with a few parameters on both drivers (no 65,535
 * parameter ceiling, no per-row round trip).
 */
export function recordsetColumns(columns: ReadonlyArray<readonly [string, string]>): string {
  return columns.map(([name, type]) => `${name} ${type}`).join(', ');
}

/**
 * The COPY door of a drizzle transaction on PostgreSQL: its one node-postgres connection, taken from the
 * session drizzle keeps it in. Null for anything else — a pool outside a transaction, and PGlite, where
 * COPY saves nothing (the statement runs in the same process) and a lead import's COPYs under savepoints
 * grew slower with every batch (66 s against 37 s for 100k rows) — and the caller then sends one jsonb
 * statement. `run-sql.test.ts` checks PostgreSQL still exposes it.
 */
export function copySinkOf(db: SqlRunner): CopySink | null {
  const client = sessionClient(db);
  return client instanceof pg.Client ? pgCopySink(client) : null;
}

/** Whether this database's transactions take COPY (`copySinkOf`): node-postgres, not PGlite. */
export function copiesInTransactions(db: SqlRunner): boolean {
  const client = sessionClient(db);
  return client instanceof pg.Client || client instanceof pg.Pool;
}

/** What drizzle's session runs statements on: a node-postgres pool or connection, or PGlite. */
const sessionClient = (db: SqlRunner): unknown => (db as { session?: { client?: unknown } }).session?.client;

export interface InsertRowsOptions {
  table: string;
  /** [name, type] of every column written, in the order of each row's values. */
  columns: ReadonlyArray<readonly [string, string]>;
  rows: ReadonlyArray<readonly CopyValue[]>;
  /** e.g. `on conflict (contact_id) do nothing`; rows then go through a staging table. */
  onConflict?: string;
}

/**
 * Inserts many rows in one go and returns how many were stored. Inside a PostgreSQL transaction the rows are
 * sent by COPY; otherwise (and on PGlite) as one `jsonb_to_recordset` statement. Either way the rows arrive in the given order.
 *
 * With `onConflict`, the COPY goes straight into the table under a savepoint: the callers have already left
 * out what is stored, so a conflict is rare (another writer got there first) and a plain COPY costs the
 * server far less than staging and INSERT … ON CONFLICT. On a unique violation the savepoint is rolled back
 * and the rows go through a temporary staging table and one INSERT … SELECT … ON CONFLICT.
 */
export async function insertRows(db: SqlRunner, options: InsertRowsOptions): Promise<number> {
  return prepareInsertRows(db, options).run();
}

/** An insert whose data is already encoded: `run` sends it. */
export interface PendingInsert {
  run(): Promise<number>;
}

/**
 * `insertRows` in two steps: the COPY text is made now, and sent by `run`. A caller encodes the next table's rows
 * while the server is still inserting the previous table's.
 */
export function prepareInsertRows(db: SqlRunner, options: InsertRowsOptions): PendingInsert {
  if (options.rows.length === 0) return { run: async () => 0 };
  const names = options.columns.map(([n]) => n).join(', ');
  const sink = copySinkOf(db);
  if (!sink) return { run: () => insertRowsAsJson(db, options, names) };
  // A jsonb column always takes JSON, even when its value is a string or a number.
  const text = copyRowsBuffer(
    options.rows,
    options.columns.map(([, type]) => type === 'jsonb'),
  );
  return { run: () => copyRows(db, sink, options, names, text) };
}

async function copyRows(db: SqlRunner, sink: CopySink, options: InsertRowsOptions, names: string, text: Buffer): Promise<number> {
  if (!options.onConflict) return sink.copyFrom(`${options.table} (${names})`, text);
  await db.execute(sql.raw('savepoint curb_insert_rows'));
  try {
    const n = await sink.copyFrom(`${options.table} (${names})`, text);
    await db.execute(sql.raw('release savepoint curb_insert_rows'));
    return n;
  } catch (e) {
    if ((e as { code?: unknown }).code !== UNIQUE_VIOLATION) throw e;
    await db.execute(sql.raw('rollback to savepoint curb_insert_rows'));
  }
  const stage = `curb_stage_${options.table}`;
  // Lives for the transaction; emptied after each use in case one transaction stages twice.
  await db.execute(sql.raw(`create temp table if not exists ${stage} (${recordsetColumns(options.columns)}) on commit drop`));
  await sink.copyFrom(stage, text);
  const [r] = await runRows<{ n: number }>(
    db,
    sql.raw(`with ins as (insert into ${options.table} (${names}) select ${names} from ${stage} ${options.onConflict} returning 1) select count(*)::int as n from ins`),
  );
  await db.execute(sql.raw(`truncate ${stage}`));
  return Number(r?.n ?? 0);
}

const UNIQUE_VIOLATION = '23505';

async function insertRowsAsJson(db: SqlRunner, options: InsertRowsOptions, names: string): Promise<number> {
  const records = options.rows.map((row) => Object.fromEntries(options.columns.map(([n], i) => [n, row[i] instanceof Date ? (row[i] as Date).toISOString() : (row[i] ?? null)])));
  const [r] = await runRows<{ n: number }>(
    db,
    sql`with ins as (insert into ${sql.raw(options.table)} (${sql.raw(names)})
          select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${sql.raw(recordsetColumns(options.columns))})
          ${sql.raw(options.onConflict ?? '')} returning 1)
        select count(*)::int as n from ins`,
  );
  return Number(r?.n ?? 0);
}

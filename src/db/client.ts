/**
 * One PostgreSQL dialect from laptop to cluster: embedded PGlite (on disk or in memory) or a `pg` pool,
 * both behind the same Drizzle API. `executeSql` is the raw door used by pg-boss and the hand-written
 * hot queries in `db/sql/`.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { DatabaseTarget } from '../config/env.js';
import * as schema from './schema/index.js';
import { type CopySink, pgCopySink, pgliteCopySink } from './sql/copy-rows.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type SqlRows<T = Record<string, unknown>> = { rows: T[] };

/** Which connections a statement uses: `webhook` is the lane reserved for the inbound webhooks (see fromPool). */
export interface PreparedOptions {
  lane?: 'webhook';
}

export interface SqlExecutor {
  executeSql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlRows<T>>;
}

/** A transaction's raw door: statements, and `COPY … FROM STDIN` for the bulk hot paths (db/sql/copy-rows). */
export interface TxExecutor extends SqlExecutor, CopySink {}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs one statement with positional parameters, or several statements when there are none. */
  executeSql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlRows<T>>;
  /**
   * Runs a hot statement under a fixed name: on PostgreSQL it is parsed and planned once per connection
   * (a named prepared statement); PGlite runs it as executeSql does. `lane: 'webhook'` runs it on the
   * connections reserved for the inbound webhooks, when there are any.
   */
  executePrepared<T = Record<string, unknown>>(name: string, text: string, values: unknown[], options?: PreparedOptions): Promise<SqlRows<T>>;
  /** Runs raw statements in one transaction (hand-written hot paths); rolls back if `fn` throws. */
  transaction<T>(fn: (tx: TxExecutor) => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection that holds a session-level advisory lock (PostgreSQL) — for migrations. */
  withLock<T>(key: number, fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// pg returns int8 and numeric as strings by default; counts come back as int8, so parse them.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'pglite': {
      mkdirSync(target.dataDir, { recursive: true });
      return fromPglite(await PGlite.create(target.dataDir));
    }
    case 'pglite-memory':
      return fromPglite(await PGlite.create());
    case 'postgres':
      return fromPool(new pg.Pool({ connectionString: target.url, max: target.poolMax }), {
        ...(target.webhookPoolMax ? { webhookPool: new pg.Pool({ connectionString: target.url, max: target.webhookPoolMax }) } : {}),
      });
  }
}

export function fromPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async executeSql<T>(text: string, values?: unknown[]): Promise<SqlRows<T>> {
      if (!values || values.length === 0) {
        // PGlite's parameterised protocol takes one statement; exec() takes a script.
        const results = await client.exec(text);
        return { rows: ((results[results.length - 1]?.rows ?? []) as T[]) };
      }
      const r = await client.query<T>(text, values);
      return { rows: r.rows };
    },
    async executePrepared<T>(_name: string, text: string, values: unknown[]): Promise<SqlRows<T>> {
      return { rows: (await client.query<T>(text, values)).rows };
    },
    transaction: (fn) =>
      client.transaction((tx) =>
        fn({
          async executeSql<T>(text: string, values?: unknown[]): Promise<SqlRows<T>> {
            if (!values || values.length === 0) {
              const results = await tx.exec(text);
              return { rows: (results[results.length - 1]?.rows ?? []) as T[] };
            }
            return { rows: (await tx.query<T>(text, values)).rows };
          },
          ...pgliteCopySink(tx),
        }),
      ),
    // One connection, one process: PGlite serialises everything already.
    withLock: async (_key, fn) => fn(db),
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * `webhookPool`: a few connections of their own for the inbound webhooks' statements (lane `webhook`).
 * A webhook is what a provider waits on and what the opt-out is committed by; job work (the act phase,
 * imports, outreach) can hold every connection of the main pool for a while, and a webhook statement
 * queued behind it waits that long.
 */
export function fromPool(pool: pg.Pool, options: { webhookPool?: pg.Pool } = {}): Database {
  // An idle connection the server closes (a restart, a failover, an administrator) must not bring the
  // process down: the pool drops it and the next query opens a fresh one (node-postgres: always listen).
  pool.on('error', () => undefined);
  const webhookPool = options.webhookPool;
  webhookPool?.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let closed = false;
  return {
    kind: 'postgres',
    db,
    async executeSql<T>(text: string, values?: unknown[]): Promise<SqlRows<T>> {
      const r = await pool.query(text, values as unknown[] | undefined);
      // A multi-statement script returns an array of results; the last one carries the answer.
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return { rows: (last?.rows ?? []) as T[] };
    },
    async executePrepared<T>(name: string, text: string, values: unknown[], o?: PreparedOptions): Promise<SqlRows<T>> {
      const r = await (o?.lane === 'webhook' && webhookPool ? webhookPool : pool).query({ name, text, values });
      return { rows: r.rows as T[] };
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          async executeSql<T>(text: string, values?: unknown[]): Promise<SqlRows<T>> {
            const r = await client.query(text, values as unknown[] | undefined);
            const last = Array.isArray(r) ? r[r.length - 1] : r;
            return { rows: (last?.rows ?? []) as T[] };
          },
          ...pgCopySink(client),
        });
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async withLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(drizzlePg(client, { schema }) as unknown as Db);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([pool.end(), webhookPool?.end()]);
    },
  };
}

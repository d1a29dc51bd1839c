import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../../../test/helpers/test-database.js';
import type { Db } from '../../client.js';
import { copySinkOf, insertRows, runRows } from './run-sql.js';

const COLUMNS = [['k', 'text'], ['doc', 'jsonb'], ['n', 'numeric']] as const;

describe.each(databaseTargets())('insertRows (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrate: false });
    await t.database.executeSql('create table rows_t (k text primary key, doc jsonb, n numeric)');
  });
  afterAll(async () => t.drop());

  it('reaches COPY inside a drizzle transaction on PostgreSQL (the bulk paths rely on it)', async () => {
    await t.database.db.transaction(async (tx) => {
      if (kind === 'postgres') expect(copySinkOf(tx as unknown as Db)).not.toBeNull();
      else expect(copySinkOf(tx as unknown as Db)).toBeNull();
    });
    expect(copySinkOf(t.database.db)).toBeNull();
  });

  it('copies rows, and on a conflict keeps the stored row and adds the rest', async () => {
    const count = await t.database.db.transaction((tx) => insertRows(tx as unknown as Db, { table: 'rows_t', columns: COLUMNS, rows: [['a', { x: 'tab\there' }, 1.5], ['b', 'a string', null]] }));
    expect(count).toBe(2);
    const second = await t.database.db.transaction((tx) =>
      insertRows(tx as unknown as Db, { table: 'rows_t', columns: COLUMNS, rows: [['c', [1, 2], 3], ['a', { x: 'new' }, 9]], onConflict: 'on conflict (k) do nothing' }),
    );
    expect(second).toBe(1);
    // Outside a transaction: one jsonb_to_recordset statement, same answer.
    expect(await insertRows(t.database.db, { table: 'rows_t', columns: COLUMNS, rows: [['d', null, 4], ['b', null, 0]], onConflict: 'on conflict (k) do nothing' })).toBe(1);
    const rows = await runRows<{ k: string; doc: unknown; n: string | number | null }>(t.database.db, sql`select k, doc, n::float8 as n from rows_t order by k`);
    expect(rows.map((r) => [r.k, r.doc, r.n === null ? null : Number(r.n)])).toEqual([
      ['a', { x: 'tab\there' }, 1.5],
      ['b', 'a string', null],
      ['c', [1, 2], 3],
      ['d', null, 4],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../../test/helpers/test-database.js';
import { copyRowsBuffer, textArrayLiteral } from './copy-rows.js';

describe.each(databaseTargets())('COPY rows (%s)', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(async () => t.drop());

  it('round-trips awkward text, arrays, JSON, numbers, booleans, dates and nulls', async () => {
    const rows = [
      ['tab\there, new\nline, cr\r, back\\slash', textArrayLiteral(['a,b', 'q"uote', 'NULL', 'back\\slash', 'brace}', '']), { note: 'back\\slash "q"', n: 1.5, ü: ['ß'] }, 42.25, true, new Date('2025-06-01T12:00:00Z')],
      ['\\N', textArrayLiteral([]), {}, 0, false, null],
      [null, null, null, null, null, null],
      ['José Núñez 🏠', textArrayLiteral(['probate']), [1, 2, { a: 'x' }], -1, true, new Date('2024-01-01T00:00:00Z')],
    ];
    const got = await t.database.transaction(async (tx) => {
      await tx.executeSql('create temp table copy_t (s text, a text[], j jsonb, n numeric, b boolean, d timestamptz) on commit drop');
      const n = await tx.copyFrom('copy_t', copyRowsBuffer(rows));
      expect(n).toBe(rows.length);
      return (await tx.executeSql<{ s: string | null; a: string[] | null; j: unknown; n: string | number | null; b: boolean | null; d: Date | null }>('select s, a, j, n::float8 as n, b, d from copy_t', [])).rows;
    });
    const arrays = [['a,b', 'q"uote', 'NULL', 'back\\slash', 'brace}', ''], [], null, ['probate']];
    expect(got.map((r) => [r.s, r.a, r.j, r.n === null ? null : Number(r.n), r.b, r.d === null ? null : new Date(r.d).toISOString()])).toEqual(
      rows.map((r, i) => [r[0], arrays[i], r[2], r[3], r[4], r[5] === null ? null : (r[5] as Date).toISOString()]),
    );
  });

  it('copies text made chunk by chunk, and a failing chunk or a bad row aborts the COPY and the transaction', async () => {
    await t.database.executeSql('create table copy_chunks (n int primary key)', []);
    function* chunks(from: number, count: number, fail?: number): Generator<string> {
      for (let c = 0; c < count; c++) {
        if (c === fail) throw new Error('chunk maker failed');
        let text = '';
        for (let i = 0; i < 100; i++) text += `${from + c * 100 + i}\n`;
        yield text;
      }
    }
    expect(await t.database.transaction((tx) => tx.copyFromChunks('copy_chunks', chunks(0, 30)))).toBe(3000);
    await expect(t.database.transaction((tx) => tx.copyFromChunks('copy_chunks', chunks(5000, 30, 12)))).rejects.toThrow('chunk maker failed');
    // A duplicate key: the server rejects the COPY part way through; nothing of it stays.
    await expect(t.database.transaction((tx) => tx.copyFromChunks('copy_chunks', chunks(2950, 30)))).rejects.toMatchObject({ code: '23505' });
    // The pool's connections are usable afterwards, and only the first COPY's rows are there.
    const r = await t.database.executeSql<{ n: number; max: number }>('select count(*)::int as n, max(n) as max from copy_chunks', []);
    expect(r.rows[0]).toEqual({ n: 3000, max: 2999 });
    expect(await t.database.transaction((tx) => tx.copyFromChunks('copy_chunks', []))).toBe(0);
  });
});

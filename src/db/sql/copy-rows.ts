/**
 * `COPY … FROM STDIN` for the bulk hot paths (contacts, lead imports, DNC lists): the server reads plain
 * tab-separated text instead of parsing array or JSON parameters, which roughly halves its per-row cost.
 * On PostgreSQL the text goes through pg-copy-streams on the transaction's connection; PGlite reads it from
 * a blob (`COPY … FROM '/dev/blob'`). Reviewed hot path (`npm run bench -- foundation leads compliance`).
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';

/** A connection (or a transaction on one) that can take `COPY … FROM STDIN`. */
export interface CopySink {
  /** Runs `COPY <target> FROM STDIN` with `text` (COPY text format) as the data; resolves to the rows read. */
  copyFrom(target: string, text: string): Promise<number>;
}

/** A value as COPY's text format writes it. Objects and arrays are written as JSON (jsonb columns); a text[] column takes `textArrayLiteral(values)`. */
export type CopyValue = string | number | boolean | Date | null | undefined | object;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const escapeChar = (c: string): string => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

/** A string as one COPY text field (backslash, tab, newline and carriage return escaped). */
export function copyText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPES, escapeChar) : s;
}

/** A value as a JSON field: JSON.stringify never writes a raw tab or line break, so only backslashes need escaping. */
export function copyJson(v: unknown): string {
  const s = JSON.stringify(v);
  return s.includes('\\') ? s.replace(/\\/g, '\\\\') : s;
}

/** A text[] literal: every element double-quoted, so commas, braces, quotes and NULL-looking words stay text. */
export function textArrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += `"${values[i]!.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  }
  return `${out}}`;
}

/** One field of a COPY text row. */
export function copyField(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return copyText(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : '\\N';
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (v instanceof Date) return v.toISOString();
      return copyJson(v);
  }
}

/** Rows as COPY text: one line per row, fields separated by tabs. */
export function copyRowsText(rows: ReadonlyArray<readonly CopyValue[]>): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += i === 0 ? copyField(row[i]) : `\t${copyField(row[i])}`;
    out += '\n';
  }
  return out;
}

/** COPY on one node-postgres connection (a pool client inside a transaction). */
export function pgCopySink(client: pg.ClientBase): CopySink {
  return {
    copyFrom: (target, text) =>
      new Promise<number>((resolve, reject) => {
        const stream = client.query(copyFromStream(`copy ${target} from stdin`));
        stream.on('error', reject);
        stream.on('finish', () => resolve(stream.rowCount ?? 0));
        stream.end(text);
      }),
  };
}

/** COPY on PGlite (or one of its transactions): the data is handed over as a blob. */
export function pgliteCopySink(client: Pick<PGlite | Transaction, 'query'>): CopySink {
  return {
    async copyFrom(target, text) {
      const r = await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
      return r.affectedRows ?? 0;
    },
  };
}

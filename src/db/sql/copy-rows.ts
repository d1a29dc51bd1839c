/**
 * `COPY … FROM STDIN` for the bulk hot paths (contacts, lead imports, DNC lists): the server reads plain
 * tab-separated text instead of parsing array or JSON parameters, which roughly halves its per-row cost.
 * On PostgreSQL the text goes through pg-copy-streams on the transaction's connection; PGlite reads it from
 * a blob (`COPY … FROM '/dev/blob'`). Reviewed hot path (`npm run bench -- foundation leads compliance`).
 */
import { once } from 'node:events';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';

/** A connection (or a transaction on one) that can take `COPY … FROM STDIN`. */
export interface CopySink {
  /**
   * Runs `COPY <target> FROM STDIN` with `text` (COPY text format) as the data; resolves to the rows read. A
   * Buffer is the text already encoded as UTF-8 (the bulk paths encode rows as they make them).
   */
  copyFrom(target: string, text: string | Buffer): Promise<number>;
  /**
   * Runs `COPY <target> FROM STDIN` with text made chunk by chunk. On PostgreSQL each chunk goes to the server
   * as soon as the iterator yields it, so the server inserts one chunk while the next is being validated and
   * built (the client's work and the server's overlap instead of adding up). A throw from the iterator aborts
   * the COPY (CopyFail) and is rethrown. PGlite joins the chunks and runs one COPY.
   */
  copyFromChunks(target: string, chunks: Iterable<string>): Promise<number>;
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

/**
 * Rows as UTF-8 COPY text. Each row is joined into one flat string and encoded on its own (small Buffers come
 * from Node's pool), then the parts are copied once into the result: no long string rope to flatten and
 * encode in one go when the COPY is written.
 */
export function copyRowsBuffer(rows: ReadonlyArray<readonly CopyValue[]>, jsonColumns?: readonly boolean[]): Buffer {
  const parts: Buffer[] = new Array<Buffer>(rows.length);
  const fields: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    fields.length = row.length;
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      fields[i] = jsonColumns?.[i] && v !== null && v !== undefined ? copyJson(v) : copyField(v);
    }
    parts[r] = Buffer.from(`${fields.join('\t')}\n`);
  }
  return Buffer.concat(parts);
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
    async copyFromChunks(target, chunks) {
      const stream = client.query(copyFromStream(`copy ${target} from stdin`));
      // After the server rejects the COPY the stream has let go of the connection: nothing more may be written.
      let failed = false;
      const done = new Promise<number>((resolve, reject) => {
        stream.on('error', (e) => {
          failed = true;
          reject(e);
        });
        stream.on('finish', () => resolve(stream.rowCount ?? 0));
      });
      // Observed below; a server error while chunks are still being made must not go unhandled meanwhile.
      done.catch(() => undefined);
      try {
        for (const text of chunks) {
          if (failed) break;
          if (text.length > 0 && !stream.write(text)) await once(stream, 'drain');
          // Lets the socket, and the server's answer that the COPY has started, through between chunks.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (e) {
        if (!failed) stream.destroy(e instanceof Error ? e : new Error(String(e)));
        await done.catch(() => undefined);
        throw e;
      }
      if (!failed) stream.end();
      return done;
    },
  };
}

/** COPY on PGlite (or one of its transactions): the data is handed over as a blob. */
export function pgliteCopySink(client: Pick<PGlite | Transaction, 'query'>): CopySink {
  const copyFrom = async (target: string, text: string | Buffer): Promise<number> => {
    const r = await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
    return r.affectedRows ?? 0;
  };
  return {
    copyFrom,
    async copyFromChunks(target, chunks) {
      let text = '';
      for (const chunk of chunks) text += chunk;
      return copyFrom(target, text);
    },
  };
}

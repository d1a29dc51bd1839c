import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import type { CountryCode } from 'libphonenumber-js/max';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { TurnBudget } from '../../lib/turn-budget.js';
import type { ImportPresetName } from '../../domain/leads/import-presets.js';
import { mapRow } from '../../domain/leads/map-row.js';
import { planColumns, type ColumnMapping, type ColumnPlan } from '../../domain/leads/plan-columns.js';
import type { MappedRow, RowSkip, RowWarning } from '../../domain/leads/types.js';

/**
 * What an import tells the user. The parser fills `skipped` and `warnings`; the database layer that
 * stores the rows fills `imported` (new properties) and `updated` (existing ones). `row` is the data
 * row number: 1 is the first row after the header, 0 the header itself.
 */
export interface ImportReport {
  imported: number;
  updated: number;
  skipped: RowSkip[];
  warnings: RowWarning[];
}

export interface ParseLeadFileOptions {
  /** A path (`.csv`, or `.csv.gz`) or a byte stream of CSV. */
  input: string | Readable;
  preset?: ImportPresetName;
  mapping?: ColumnMapping;
  /** Receives mapped rows in batches; awaited, so a slow consumer slows the reading (backpressure). */
  onRow: (batch: MappedRow[]) => void | Promise<void>;
  /** Rows per `onRow` call. Default 500. */
  batchSize?: number;
  /** Decompress gzip. Default: true when `input` is a path ending in `.gz`. */
  gzip?: boolean;
  defaultCountry?: CountryCode;
  /** Warnings kept in the report before the rest are only counted. Default 10,000. */
  maxWarnings?: number;
  /** Told the bytes of the input read so far (compressed bytes for gzip), as they are read: a progress bar's measure. */
  onBytes?: (bytesRead: number) => void;
}

export interface ParseLeadFileResult {
  report: ImportReport;
  /** Data rows read, blank ones included (they keep row numbers aligned with the spreadsheet). */
  rows: number;
  /** Rows handed to `onRow`. */
  emitted: number;
  /** Exact repeats of an earlier row: warned about and not handed on. */
  duplicates: number;
  blankRows: number;
  /** The resolved columns, including the ones no rule mapped (for a `--map` hint). */
  plan: ColumnPlan;
}

/**
 * Streams a lead list: reads records one at a time (never the whole file), maps each through the
 * preset, and hands batches to `onRow`. Handles a BOM, CRLF, quoted commas and newlines, unicode,
 * blank lines, short and long rows (warning), exact duplicate rows (warned, passed on once).
 * A file that cannot be read or whose header identifies nothing is an error; a CSV syntax error part
 * way through is an error too, after the rows before it have been handed on.
 */
export async function parseLeadFile(options: ParseLeadFileOptions): Promise<Result<ParseLeadFileResult, AppFailure>> {
  const batchSize = options.batchSize ?? 500;
  const maxWarnings = options.maxWarnings ?? 10_000;
  const gzip = options.gzip ?? (typeof options.input === 'string' && options.input.endsWith('.gz'));
  const source = typeof options.input === 'string' ? createReadStream(options.input) : options.input;
  // skip_records_with_error: a record csv-parse cannot read (an unclosed quote at the end) becomes a
  // skipped row instead of failing the import and losing the good rows already read.
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, skip_records_with_error: true });
  const unreadable: RowSkip[] = [];
  parser.on('skip', (e: CsvError & { records?: number; lines?: number }) => {
    const row = e.records ?? 0;
    // An opening quote never closed swallows the rest of the file into one field: say so, and what to do, rather
    // than leave the rows after it silently missing.
    const reason =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `unclosed quote: row ${row} opens a quote that is never closed, so the rest of the file (to line ${e.lines ?? '?'}) could not be read as rows; close the quote and import again (the rows already stored are kept, a re-import adds only the rest)`
        : `unreadable CSV from line ${e.lines ?? '?'}: ${e.message}`;
    unreadable.push({ row, reason });
  });
  const forward = (e: Error): void => {
    parser.destroy(e);
  };
  source.on('error', forward);
  if (options.onBytes) {
    const onBytes = options.onBytes;
    let bytesRead = 0;
    source.on('data', (chunk: Buffer | string) => onBytes((bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length)));
  }
  if (gzip) {
    const gunzip = createGunzip();
    gunzip.on('error', forward);
    source.pipe(gunzip).pipe(parser);
  } else source.pipe(parser);

  const report: ImportReport = { imported: 0, updated: 0, skipped: [], warnings: [] };
  let droppedWarnings = 0;
  const warn = (w: RowWarning): void => {
    if (report.warnings.length < maxWarnings) report.warnings.push(w);
    else droppedWarnings++;
  };
  const seen = new Map<number, number>();
  let headers: string[] | undefined;
  let plan: ColumnPlan | undefined;
  let rowNumber = 0;
  let emitted = 0;
  let duplicates = 0;
  let blankRows = 0;
  let batch: MappedRow[] = [];
  const budget = new TurnBudget(TURN_MS);

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!headers) {
        headers = record.map((h) => h.trim());
        const planned = planColumns({ headers, ...(options.preset ? { preset: options.preset } : {}), ...(options.mapping ? { mapping: options.mapping } : {}) });
        if (!planned.ok) {
          source.destroy();
          return failure('import_header_invalid', `${planned.field}: ${planned.reason}`, false, { field: planned.field, headers });
        }
        plan = planned.plan;
        for (const w of plan.warnings) warn(w);
        continue;
      }
      rowNumber++;
      // An in-memory or already-buffered source feeds the loop without ever leaving the microtask queue:
      // a turn of the event loop now and then lets the caller's database answers in while a batch is read.
      if (budget.spent()) await budget.turn();
      const key = rowKey(record);
      if (key === undefined) {
        blankRows++;
        continue;
      }
      const first = seen.get(key);
      if (first !== undefined) {
        duplicates++;
        warn({ row: rowNumber, field: '(row)', reason: `duplicate of row ${first}` });
        continue;
      }
      seen.set(key, rowNumber);
      const mapped = mapRow({ plan: plan!, headers, values: record, rowNumber, ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}) });
      if (mapped.skip) {
        report.skipped.push(mapped.skip);
        continue;
      }
      for (const w of mapped.warnings) warn(w);
      batch.push(mapped);
      if (batch.length >= batchSize) {
        emitted += batch.length;
        const full = batch;
        batch = [];
        await options.onRow(full);
      }
    }
  } catch (e) {
    if (batch.length > 0) {
      emitted += batch.length;
      await options.onRow(batch);
    }
    const code = e instanceof CsvError ? 'import_file_invalid' : 'import_file_unreadable';
    return failure(code, (e as Error).message, false, { report, rowsBeforeError: rowNumber });
  }
  if (!plan) return failure('import_file_empty', 'the file has no header row', false);
  if (batch.length > 0) {
    emitted += batch.length;
    await options.onRow(batch);
  }
  report.skipped.push(...unreadable);
  if (droppedWarnings > 0) report.warnings.push({ row: 0, field: '(file)', reason: `${droppedWarnings} more warnings not listed` });
  return ok({ report, rows: rowNumber, emitted, duplicates, blankRows, plan });
}

/** Milliseconds of reading between two turns of the event loop. */
const TURN_MS = 1;

/**
 * A compact fingerprint of a row's content for duplicate detection, so a 1M-row file costs a number
 * per row rather than a copy of it. Trailing empty cells do not make rows different. Returns
 * undefined for a blank row.
 */
function rowKey(record: readonly string[]): number | undefined {
  let end = record.length;
  while (end > 0 && record[end - 1]!.trim() === '') end--;
  if (end === 0) return undefined;
  // Two 32-bit FNV-1a lanes combined into a 53-bit number: collisions are negligible at list sizes.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < end; i++) {
    const cell = record[i]!.trim();
    for (let j = 0; j < cell.length; j++) {
      const ch = cell.charCodeAt(j);
      h1 = Math.imul(h1 ^ ch, 0x01000193);
      h2 = Math.imul(h2 ^ ch, 0x5bd1e995);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

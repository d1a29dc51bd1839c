import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { normalizeParcelId } from '../../domain/leads/normalize-parcel-id.js';
import { toE164 } from './normalize-phone.js';
import type { SkipTraceProvider, SkipTraceResult } from './interface.js';
import { ok } from '../../lib/result.js';

/** One uploaded row: the seed's columns `parcel_id, phone, email, source` (headers case-insensitive). */
export const SkipTraceCsvRowSchema = z.object({
  parcel_id: z.string().trim().min(1, 'parcel_id is required'),
  phone: z.string().trim().optional().default(''),
  email: z.string().trim().optional().default(''),
  source: z.string().trim().optional().default(''),
});
export type SkipTraceCsvRow = z.infer<typeof SkipTraceCsvRowSchema>;

export interface CsvRowError {
  /** 1-based line number in the file, header = 1. */
  row: number;
  field: string;
  message: string;
}

/** One data row of the file with a parcel id, as read: what a report needs to account for every row. */
export interface SkipTraceCsvRowValues {
  /** 1-based line number, as in `CsvRowError` (header = 1, blank lines not counted). */
  row: number;
  /** Letters and digits, uppercased: how the file is matched to properties. */
  parcelId: string;
  /** The row's valid phone (E.164) and email (lowercased). */
  values: string[];
}

export interface ParsedSkipTraceCsv {
  /** One result per parcel id (rows for the same parcel are merged), requestId = normalised parcel id. */
  results: SkipTraceResult[];
  /** Each row with a parcel id, unmerged (`runSkipTrace`'s `upload`). */
  rows: SkipTraceCsvRowValues[];
  errors: CsvRowError[];
  rowsRead: number;
}

export interface ParseSkipTraceCsvOptions {
  /** Used when a row's `source` is empty. */
  defaultSource?: string;
}

const EmailSchema = z.email();

/**
 * Parses an uploaded skip-trace results CSV. A bad phone or email is an error for that row and field;
 * the rest of the row and the rest of the file still import.
 *
 * @example
 * const { results, errors } = parseSkipTraceCsv('parcel_id,phone,email,source\n292218000000001,(407) 555-0100,,propstream\n');
 */
export function parseSkipTraceCsv(text: string, options: ParseSkipTraceCsvOptions = {}): ParsedSkipTraceCsv {
  const errors: CsvRowError[] = [];
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')),
      skip_empty_lines: true,
      bom: true,
      trim: true,
      relax_column_count: true,
    }) as Array<Record<string, string>>;
  } catch (e) {
    return { results: [], rows: [], errors: [{ row: 0, field: '(file)', message: `not a readable CSV: ${(e as Error).message}` }], rowsRead: 0 };
  }
  if (rows.length > 0 && !('parcel_id' in rows[0]!)) {
    return { results: [], rows: [], errors: [{ row: 1, field: 'parcel_id', message: 'missing column parcel_id (expected parcel_id, phone, email, source)' }], rowsRead: rows.length };
  }
  const byParcel = new Map<string, SkipTraceResult>();
  const values: SkipTraceCsvRowValues[] = [];
  rows.forEach((raw, i) => {
    const line = i + 2;
    const parsed = SkipTraceCsvRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row: line, field: issue.path.join('.') || '(row)', message: issue.message });
      return;
    }
    const row = parsed.data;
    const id = normalizeParcelId(row.parcel_id);
    if (!id) {
      errors.push({ row: line, field: 'parcel_id', message: 'parcel_id has no letters or digits' });
      return;
    }
    const source = row.source || options.defaultSource || 'manual_upload';
    const result = byParcel.get(id) ?? { requestId: id, matched: true, persons: [{ fullName: '', phones: [], emails: [] }], provider: `csv:${source}`, billedUnits: 0, raw: [] as unknown[] };
    const person = result.persons[0]!;
    (result.raw as unknown[]).push(raw);
    const read: SkipTraceCsvRowValues = { row: line, parcelId: id, values: [] };
    values.push(read);
    if (row.phone) {
      const e164 = toE164(row.phone);
      if (!e164) errors.push({ row: line, field: 'phone', message: `not a valid US phone number: ${row.phone}` });
      else {
        read.values.push(e164);
        if (!person.phones.some((p) => p.e164 === e164)) person.phones.push({ e164, lineType: 'unknown' });
      }
    }
    if (row.email) {
      const email = row.email.toLowerCase();
      if (!EmailSchema.safeParse(email).success) errors.push({ row: line, field: 'email', message: `not a valid email address: ${row.email}` });
      else {
        read.values.push(email);
        if (!person.emails.some((e) => e.address === email)) person.emails.push({ address: email });
      }
    }
    if (!row.phone && !row.email) errors.push({ row: line, field: 'phone', message: 'row has neither phone nor email' });
    byParcel.set(id, result);
  });
  // A parcel with a usable phone or email is a match the vendor charged for (one unit; its price is the caller's).
  const results = [...byParcel.values()].map((r) => {
    const matched = r.persons[0]!.phones.length + r.persons[0]!.emails.length > 0;
    return { ...r, matched, billedUnits: matched ? 1 : 0 };
  });
  return { results, rows: values, errors, rowsRead: rows.length };
}

/**
 * The uploaded CSV as a provider, so enrichment treats it like any vendor: requests are matched by
 * their APN (or requestId) against the CSV's parcel ids. Curb pays nobody for it; each matched parcel is one
 * billed unit of the vendor the file came from, recorded at the price the caller gives (`curb skiptrace
 * --price-per-match`, default 0).
 */
export function createCsvSkipTraceProvider(parsed: ParsedSkipTraceCsv): SkipTraceProvider {
  const byParcel = new Map(parsed.results.map((r) => [r.requestId, r]));
  return {
    name: 'csv_upload',
    matchesBy: 'parcel',
    maxBatch: 10_000,
    async trace(batch) {
      return ok(
        batch.map((req) => {
          const hit = byParcel.get(normalizeParcelId(req.apn?.value ?? req.requestId));
          return hit
            ? { ...hit, requestId: req.requestId }
            : { requestId: req.requestId, matched: false, persons: [], provider: 'csv_upload', billedUnits: 0, raw: null };
        }),
      );
    },
  };
}

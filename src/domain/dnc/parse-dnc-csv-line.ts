import type { DncLineResult } from './dnc-line-result.js';
import { normalizeUsPhone } from './normalize-us-phone.js';

export interface ParseDncCsvLineOptions {
  /** 0-based column holding the phone; when omitted, the first column that reads as a US phone */
  phoneColumn?: number;
  /** 0-based column holding an add/delete marker (A/D, add/delete, true/false for "listed"); optional */
  actionColumn?: number;
  delimiter?: string;
}

/** Splits one CSV line (RFC 4180 quoting: "a, b" and doubled "" inside quotes). */
function splitCsv(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') { cur += '"'; i++; }
        else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const ADD = new Set(['a', 'add', 'added', 'y', 'yes', 'true', '1', 'listed', 'dnc']);
const DELETE = new Set(['d', 'del', 'delete', 'deleted', 'r', 'remove', 'removed', 'n', 'no', 'false', '0', 'unlisted']);

/**
 * One line of a state DNC list, the internal DNC list or a litigator list exported as CSV: the phone sits in one
 * column, in any common US format. A header row (no phone anywhere) comes back as `no_phone_in_line`, which the
 * importer skips only for line 1.
 *
 * @example parseDncCsvLine('"Doe, Jane",(407) 555-1234,FL', 2) // { ok: true, phone: '+14075551234', action: 'add' }
 */
export function parseDncCsvLine(line: string, lineNumber: number, options: ParseDncCsvLineOptions = {}): DncLineResult {
  const fail = (reason: string): DncLineResult => ({ ok: false, line: lineNumber, reason });
  let text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  text = text.replace(/\r$/, '');
  if (text.trim().length === 0) return fail('empty_line');
  const fields = splitCsv(text, options.delimiter ?? ',');
  let phone: string | null = null;
  if (options.phoneColumn !== undefined) {
    const f = fields[options.phoneColumn];
    if (f === undefined) return fail(`missing_column_${options.phoneColumn}`);
    const r = normalizeUsPhone(f.trim());
    if (!r.ok) return fail(r.reason);
    phone = r.phone;
  } else {
    for (const f of fields) {
      const r = normalizeUsPhone(f.trim());
      if (r.ok) { phone = r.phone; break; }
    }
    if (phone === null) return fail('no_phone_in_line');
  }
  let action: 'add' | 'delete' = 'add';
  if (options.actionColumn !== undefined) {
    const a = (fields[options.actionColumn] ?? '').trim().toLowerCase();
    if (DELETE.has(a)) action = 'delete';
    else if (!ADD.has(a)) return fail('unrecognised_action');
  }
  return { ok: true, phone, action };
}

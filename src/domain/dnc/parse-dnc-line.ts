import type { DncLineResult } from './dnc-line-result.js';

export interface ParseDncLineOptions {
  /** the action of lines that carry none: 'add' for a full list or an additions section, 'delete' in a deletions section */
  defaultAction?: 'add' | 'delete';
}

const ADD_WORDS = new Set(['a', 'add', 'added', 'addition', 'i', 'ins', 'insert']);
const DELETE_WORDS = new Set(['d', 'del', 'delete', 'deleted', 'deletion', 'r', 'rem', 'remove', 'removed']);
const DATE_LIKE = /^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$/i;

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * One line of a National Do Not Call Registry download (FTC telemarketer site, flat text):
 * - full list: one number per line, `AAANNNNNNN` or `AAA,NNNNNNN` (area code, comma, 7 digits);
 * - change list: comma-separated records; the number as above plus an action field — `A`/`ADD`/`ADDED` or
 *   `D`/`DEL`/`DELETE`/`DELETED` (`I`/`R` accepted as insert/remove) — in any position, and other fields such as
 *   a date, which are ignored. A change list with ADD / DELETE section headers is read with `detectDncSection`
 *   and `defaultAction`.
 * Quotes, surrounding spaces, a UTF-8 BOM and a trailing CR are tolerated. A leading `1` country code is
 * dropped. Anything else is an error naming the line, never a silent skip: a list line that cannot be read may
 * be a number that must not be called.
 *
 * @example parseDncLine('407,5551234', 1) // { ok: true, phone: '+14075551234', action: 'add' }
 * @example parseDncLine('4075551234,D,2025-06-01', 9) // { ok: true, phone: '+14075551234', action: 'delete' }
 */
/** Fast path for the two full-list shapes (most of 5 million lines): 10 digits, or 3 digits, comma, 7 digits. */
function fastPath(line: string, action: 'add' | 'delete'): DncLineResult | null {
  let len = line.length;
  if (len > 0 && line.charCodeAt(len - 1) === 13) len--;
  if (len !== 10 && len !== 11) return null;
  let out = '+1';
  for (let i = 0; i < len; i++) {
    const c = line.charCodeAt(i);
    if (len === 11 && i === 3) {
      if (c !== 44) return null;
      continue;
    }
    if (c < 48 || c > 57) return null;
  }
  out += len === 10 ? line.slice(0, 10) : line.slice(0, 3) + line.slice(4, 11);
  if (out.charCodeAt(2) < 50 || out.charCodeAt(5) < 50) return null;
  return { ok: true, phone: out, action };
}

export function parseDncLine(line: string, lineNumber: number, options: ParseDncLineOptions = {}): DncLineResult {
  const fast = fastPath(line, options.defaultAction ?? 'add');
  if (fast !== null) return fast;
  const fail = (reason: string): DncLineResult => ({ ok: false, line: lineNumber, reason });
  let text = line;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.trim();
  if (text.length === 0) return fail('empty_line');

  let digits = '';
  let action: 'add' | 'delete' | null = null;
  for (const rawField of text.split(',')) {
    let f = rawField.trim();
    if (f.length >= 2 && f.charCodeAt(0) === 34 && f.charCodeAt(f.length - 1) === 34) f = f.slice(1, -1).trim();
    if (f.length === 0) continue;
    if (isDigits(f)) {
      // Number fields: a 10-digit (or 1 + 10) number, or a 3-digit area code then 7 digits. Later numeric fields
      // (dates written as 20250601, counts) are not part of the number.
      if (digits.length === 0 && (f.length === 10 || f.length === 3 || (f.length === 11 && f.charCodeAt(0) === 49))) {
        digits = f.length === 11 ? f.slice(1) : f;
      } else if (digits.length === 3 && f.length === 7) {
        digits += f;
      } else if (digits.length === 0) {
        return fail('not_a_10_digit_number');
      }
      continue;
    }
    const w = f.toLowerCase();
    if (ADD_WORDS.has(w) || DELETE_WORDS.has(w)) {
      const a = ADD_WORDS.has(w) ? 'add' : 'delete';
      if (action !== null && action !== a) return fail('conflicting_actions');
      action = a;
      continue;
    }
    if (DATE_LIKE.test(f)) continue;
    return fail(`unrecognised_field:${f.slice(0, 20)}`);
  }
  if (digits.length !== 10) return fail(digits.length === 0 ? 'no_phone_number' : 'not_a_10_digit_number');
  if (digits.charCodeAt(0) < 50) return fail('invalid_area_code');
  if (digits.charCodeAt(3) < 50) return fail('invalid_exchange');
  return { ok: true, phone: `+1${digits}`, action: action ?? options.defaultAction ?? 'add' };
}

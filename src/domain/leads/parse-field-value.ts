import type { ValueKind } from './canonical-fields.js';

export type ParsedValue = { ok: true; value: string | number | boolean | undefined } | { ok: false; reason: string };

/** Placeholders vendors write for "no value"; treated as blank, not as bad input. */
const BLANK = new Set(['', 'n/a', 'na', 'null', 'none', '-', '--', 'unknown', '#n/a']);
const TRUE = new Set(['y', 'yes', 'true', 't', '1', 'x']);
const FALSE = new Set(['n', 'no', 'false', 'f', '0']);

/**
 * Parses one cell by the kind of its canonical field. `undefined` means blank. Dates come back as
 * ISO `YYYY-MM-DD`; money and percentages as plain numbers (0–100 for percentages, as vendors write them).
 *
 * @example parseFieldValue('amount', '$287,450') // { ok: true, value: 287450 }
 */
export function parseFieldValue(kind: ValueKind, raw: string): ParsedValue {
  const text = raw.trim();
  if (BLANK.has(text.toLowerCase())) return { ok: true, value: undefined };
  switch (kind) {
    case 'text':
      return { ok: true, value: text.replace(/\s+/g, ' ') };
    case 'flag': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return { ok: true, value: true };
      if (FALSE.has(t)) return { ok: true, value: false };
      // Some vendors put the year or amount in a "Tax Delinquent?" column: non-zero means yes.
      const n = toNumber(t);
      if (n !== undefined) return { ok: true, value: n !== 0 };
      return { ok: false, reason: `expected yes/no, got "${clip(text)}"` };
    }
    case 'int':
    case 'number':
    case 'amount':
    case 'percent': {
      const n = toNumber(text);
      if (n === undefined) return { ok: false, reason: `expected a number, got "${clip(text)}"` };
      return { ok: true, value: kind === 'int' ? Math.round(n) : n };
    }
    case 'date': {
      const d = toIsoDate(text);
      return d ? { ok: true, value: d } : { ok: false, reason: `expected a date, got "${clip(text)}"` };
    }
  }
}

function toNumber(text: string): number | undefined {
  let t = text.replace(/[$,%\s]/g, '');
  let sign = 1;
  // Accountants' negatives: (1,234.00)
  if (/^\(.*\)$/.test(t)) {
    sign = -1;
    t = t.slice(1, -1);
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return sign * Number(t);
}

function toIsoDate(text: string): string | undefined {
  let y: number, mo: number, d: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(text))) {
    y = +m[1]!;
    mo = +m[2]!;
    d = +m[3]!;
  } else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: .*)?$/.exec(text))) {
    y = +m[3]!;
    // Two-digit years: 00–49 are this century. Lists rarely carry pre-1950 sales with two-digit years.
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    mo = +m[1]!;
    d = +m[2]!;
  } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) {
    y = +m[1]!;
    mo = +m[2]!;
    d = +m[3]!;
  } else if ((m = /^(\d{4})[-/](\d{1,2})$/.exec(text))) {
    y = +m[1]!;
    mo = +m[2]!;
    d = 1;
  } else return undefined;
  if (y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined; // 02/30
  // Years 1800–2200 always have four digits.
  return `${y}-${mo < 10 ? '0' : ''}${mo}-${d < 10 ? '0' : ''}${d}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the (proleptic) Gregorian calendar, as `Date` counts them. */
function daysInMonth(y: number, mo: number): number {
  return mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : MONTH_DAYS[mo - 1]!;
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 37)}...` : s);

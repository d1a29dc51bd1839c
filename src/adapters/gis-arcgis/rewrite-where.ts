import { failure, ok, type Result } from '../../lib/result.js';

/*
 * Some county WAFs (Orange ocgis4/OCPA) answer 403 to any `<` or `>` in a URL or body. These rewrites keep
 * the meaning of a where clause without the characters; anything we cannot rewrite exactly is refused
 * before it is sent, because a WAF block can also get our address throttled.
 */

// Sentinels far outside any parcel value, sale price or date a county layer holds.
const NUM_MAX = '999999999999999';
const NUM_MIN = '-999999999999999';
const DATE_MAX = "DATE '9999-12-31'";
const DATE_MIN = "DATE '1800-01-01'";

const FIELD = String.raw`([A-Za-z_][A-Za-z0-9_.]*)`;
const LITERAL = String.raw`(-?\d+(?:\.\d+)?|(?:DATE|TIMESTAMP)\s*'[^']*'|'(?:[^']|'')*')`;
const COMPARISON = new RegExp(String.raw`${FIELD}\s*(<>|!=|>=|<=|>|<)\s*${LITERAL}`, 'gi');

function rewriteOne(field: string, op: string, literal: string): string | undefined {
  const isNumber = /^-?\d+(\.\d+)?$/.test(literal);
  const isDate = /^(DATE|TIMESTAMP)/i.test(literal);
  if (op === '<>' || op === '!=') return `${field} NOT IN (${literal})`;
  if (isNumber) {
    const n = Number(literal);
    const integer = Number.isInteger(n);
    switch (op) {
      case '>=': return `${field} BETWEEN ${literal} AND ${NUM_MAX}`;
      case '<=': return `${field} BETWEEN ${NUM_MIN} AND ${literal}`;
      // A strict bound has an exact BETWEEN form only for whole numbers.
      case '>': return integer ? `${field} BETWEEN ${n + 1} AND ${NUM_MAX}` : undefined;
      case '<': return integer ? `${field} BETWEEN ${NUM_MIN} AND ${n - 1}` : undefined;
    }
  }
  if (isDate) {
    if (op === '>=') return `${field} BETWEEN ${literal} AND ${DATE_MAX}`;
    if (op === '<=') return `${field} BETWEEN ${DATE_MIN} AND ${literal}`;
  }
  return undefined;
}

/**
 * Rewrites `<`, `>`, `<=`, `>=`, `<>` comparisons into BETWEEN / NOT IN forms, or returns a
 * non-retryable `unsupported_where` failure.
 *
 * @example
 * rewriteWhereWithoutAngleBrackets("TOTAL_MKT >= 100000") // ok("TOTAL_MKT BETWEEN 100000 AND 999999999999999")
 */
export function rewriteWhereWithoutAngleBrackets(where: string): Result<string> {
  let unsupported: string | undefined;
  const rewritten = where.replace(COMPARISON, (match, field: string, op: string, literal: string) => {
    const out = rewriteOne(field, op, literal);
    if (out === undefined) unsupported ??= match;
    return out ?? match;
  });
  if (unsupported) {
    return failure('unsupported_where', `cannot express "${unsupported}" without < or > for this host; use BETWEEN with inclusive bounds`, false, { where });
  }
  if (/[<>]/.test(rewritten)) {
    return failure('unsupported_where', 'the where clause still contains < or > (inside a literal?) and this host blocks them', false, { where });
  }
  return ok(rewritten);
}

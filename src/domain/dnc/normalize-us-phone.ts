/**
 * A US/Canada (NANP) number written in any common way — `4075551234`, `407-555-1234`, `(407) 555-1234`,
 * `407.555.1234`, `+1 407 555 1234`, `1-407-555-1234`, with an optional `x123` / `ext. 123` extension (ignored) —
 * as E.164 `+1NPANXXXXXX`; or a reason code. Hand-written rather than libphonenumber because it runs on
 * millions of list lines; it checks the NANP shape (NPA and NXX start with 2-9), not assignment.
 */
export function normalizeUsPhone(raw: string): { ok: true; phone: string } | { ok: false; reason: string } {
  let digits = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += raw[i];
      continue;
    }
    // An extension ends the number.
    if (c === 120 /* x */ || c === 88 /* X */ || c === 101 /* e */ || c === 69 /* E */ || c === 35 /* # */) break;
    // Separators people use inside phone numbers; anything else means this is not a phone.
    if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41 && c !== 43 && c !== 47 && c !== 9 && c !== 160) {
      return { ok: false, reason: 'not_a_phone_number' };
    }
  }
  if (digits.length === 11 && digits.charCodeAt(0) === 49) digits = digits.slice(1);
  if (digits.length !== 10) return { ok: false, reason: digits.length === 0 ? 'not_a_phone_number' : 'not_10_digits' };
  if (digits.charCodeAt(0) < 50) return { ok: false, reason: 'invalid_area_code' };
  if (digits.charCodeAt(3) < 50) return { ok: false, reason: 'invalid_exchange' };
  return { ok: true, phone: `+1${digits}` };
}

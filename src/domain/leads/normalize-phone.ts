import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseWithTypes } from 'libphonenumber-js/max';
import type { PhoneLineType } from './types.js';

export interface NormalizePhoneOptions {
  /** Country assumed for numbers written without +country code. Default `US`. */
  defaultCountry?: CountryCode;
  /** The list's own line type column ("Mobile", "Landline", "Wireless"…), used when the number itself cannot tell. */
  typeHint?: string;
  /** What the phone's column name says (`Cell` → mobile), used when neither the number nor `typeHint` tells. */
  columnLineType?: PhoneLineType;
}

export type NormalizedPhone =
  | { ok: true; e164: string; lineType: PhoneLineType; country: string | undefined }
  | { ok: false; reason: string };

/**
 * E.164 with validity and line type. The 'max' metadata tells mobile from fixed line where the
 * numbering plan does; North American numbers are mostly FIXED_LINE_OR_MOBILE, so there the vendor's
 * type column is the evidence, then the column's name (`columnLineType`), and otherwise the type stays `unknown`.
 *
 * @example normalizePhone('(407) 555-0123') // { ok: true, e164: '+14075550123', lineType: 'unknown', country: 'US' }
 */
export function normalizePhone(raw: string, options: NormalizePhoneOptions = {}): NormalizedPhone {
  if (options.defaultCountry === undefined || options.defaultCountry === 'US') {
    const fast = normalizeNanpFast(raw, options.typeHint, options.columnLineType);
    if (fast) return fast;
  }
  return normalizeWithLibrary(raw, options);
}

/**
 * The common case of a list — ten NANP digits written as `(407) 555-0123`, `407.555.0123`, `1-407-555-0123`
 * or `+14075550123` — without libphonenumber's full parse, which costs ~10 µs a number. NANP validity and the
 * country depend only on the leading digits of the national number (every NANP pattern in the metadata
 * ends in free digits), so the library's answer for a 6-digit prefix (NPA-NXX) is computed once and reused;
 * `normalize-phone.test.ts` checks the two paths agree on random numbers in every format. Anything else —
 * another shape, an invalid prefix — takes the full path, which also words the error.
 */
function normalizeNanpFast(raw: string, typeHint: string | undefined, columnLineType: PhoneLineType | undefined): NormalizedPhone | null {
  const national = nanpDigits(raw);
  if (national === null) return null;
  const prefix = national.slice(0, 6);
  let known = prefixes.get(prefix);
  if (known === undefined) {
    const full = normalizeWithLibrary(`+1${national}`, {});
    known = full.ok ? { country: full.country } : null;
    if (prefixes.size >= MAX_PREFIXES) prefixes.clear();
    prefixes.set(prefix, known);
  }
  if (known === null) return null;
  let lineType: PhoneLineType = TOLL_FREE_NPAS.has(national.slice(0, 3)) ? 'toll_free' : 'unknown';
  if (lineType === 'unknown' && typeHint) lineType = fromHint(typeHint);
  if (lineType === 'unknown' && columnLineType) lineType = columnLineType;
  return { ok: true, e164: `+1${national}`, lineType, country: known.country };
}

/** NANP prefixes (NPA-NXX) seen so far → the country, or null when the library finds them invalid. */
const prefixes = new Map<string, { country: string | undefined } | null>();
const MAX_PREFIXES = 200_000;

/**
 * The ten national digits of a plainly written NANP number (digits, spaces, `-`, `.`, one pair of
 * parentheses around the area code, an optional leading `1` or `+1`), or null for anything else. The area
 * code and exchange must start with 2-9, as NANP numbers do; other shapes go to the library.
 */
function nanpDigits(raw: string): string | null {
  let digits = '';
  let plus = false;
  let parens = 0;
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 32) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 32) end--;
  if (end - start > 24) return null;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += raw[i];
    else if (c === 32 || c === 45 || c === 46) continue; // space - .
    else if (c === 43 && i === start) plus = true; // +
    else if (c === 40 && parens === 0 && (digits.length === 0 || digits === '1')) parens = 1; // (
    else if (c === 41 && parens === 1 && (digits.length === 3 || digits.length === 4)) parens = 2; // )
    else return null;
  }
  if (parens === 1) return null;
  if (digits.length === 11 && digits.charCodeAt(0) === 49) digits = digits.slice(1);
  else if (digits.length !== 10 || plus) return null;
  const npa = digits.charCodeAt(0);
  const nxx = digits.charCodeAt(3);
  if (npa < 50 || nxx < 50) return null;
  return digits;
}

/** The reference path: libphonenumber's full parse for every number (the fast path must agree with it). */
export function normalizeWithLibrary(raw: string, options: NormalizePhoneOptions = {}): NormalizedPhone {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty phone number' };
  if (/[a-z]{3,}/i.test(text.replace(/\b(ext|x)\.?\s*\d+$/i, ''))) return { ok: false, reason: 'phone number contains letters' };
  const parsed = parsePhoneNumberFromString(text, options.defaultCountry ?? 'US');
  if (!parsed) return { ok: false, reason: 'not a phone number' };
  if (!parsed.isValid()) {
    const digits = parsed.nationalNumber.length;
    return { ok: false, reason: digits < 10 && parsed.countryCallingCode === '1' ? 'phone number too short' : 'invalid phone number' };
  }
  // The small metadata validates as well as the full one at twice the speed. Line types need the full
  // metadata, but in North America it answers "fixed line or mobile" for all but toll-free numbers.
  let lineType: PhoneLineType =
    parsed.countryCallingCode === '1'
      ? TOLL_FREE_NPAS.has(parsed.nationalNumber.slice(0, 3))
        ? 'toll_free'
        : 'unknown'
      : fromLibraryType(parseWithTypes(parsed.number)?.getType());
  if (lineType === 'unknown' && options.typeHint) lineType = fromHint(options.typeHint);
  if (lineType === 'unknown' && options.columnLineType) lineType = options.columnLineType;
  return { ok: true, e164: parsed.number, lineType, country: parsed.country };
}

const TOLL_FREE_NPAS = new Set(['800', '833', '844', '855', '866', '877', '888']);

function fromLibraryType(type: string | undefined): PhoneLineType {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'landline';
    case 'VOIP':
      return 'voip';
    case 'TOLL_FREE':
      return 'toll_free';
    default:
      return 'unknown';
  }
}

function fromHint(hint: string): PhoneLineType {
  const h = hint.trim().toLowerCase();
  if (/mobile|wireless|cell/.test(h)) return 'mobile';
  if (/land\s*line|landline|residential|home|fixed/.test(h)) return 'landline';
  if (/voip/.test(h)) return 'voip';
  return 'unknown';
}

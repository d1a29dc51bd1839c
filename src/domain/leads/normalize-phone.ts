import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseWithTypes } from 'libphonenumber-js/max';
import type { PhoneLineType } from './types.js';

export interface NormalizePhoneOptions {
  /** Country assumed for numbers written without +country code. Default `US`. */
  defaultCountry?: CountryCode;
  /** The list's own line type column ("Mobile", "Landline", "Wireless"…), used when the number itself cannot tell. */
  typeHint?: string;
}

export type NormalizedPhone =
  | { ok: true; e164: string; lineType: PhoneLineType; country: string | undefined }
  | { ok: false; reason: string };

/**
 * E.164 with validity and line type. The 'max' metadata tells mobile from fixed line where the
 * numbering plan does; North American numbers are mostly FIXED_LINE_OR_MOBILE, so there the vendor's
 * type column is the only evidence and otherwise the type stays `unknown`.
 *
 * @example normalizePhone('(407) 555-0123') // { ok: true, e164: '+14075550123', lineType: 'unknown', country: 'US' }
 */
export function normalizePhone(raw: string, options: NormalizePhoneOptions = {}): NormalizedPhone {
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

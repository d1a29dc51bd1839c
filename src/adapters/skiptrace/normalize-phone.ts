import { normalizePhone } from '../../domain/leads/normalize-phone.js';
import type { PhoneLineType } from './interface.js';

/** US numbers to E.164, or undefined when the number cannot be a valid phone. */
export function toE164(input: string): string | undefined {
  const r = normalizePhone(input);
  return r.ok ? r.e164 : undefined;
}

/** Vendor line-type words → Curb's four. */
export function lineTypeOf(type: string | null | undefined): PhoneLineType {
  const t = (type ?? '').toLowerCase();
  if (t.includes('mobile') || t.includes('wireless') || t.includes('cell')) return 'mobile';
  if (t.includes('land') || t.includes('fixed') || t.includes('residential')) return 'landline';
  if (t.includes('voip')) return 'voip';
  return 'unknown';
}

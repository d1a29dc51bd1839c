import { normalizeUsPhone } from '../../domain/dnc/normalize-us-phone.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone in any US format → E.164; an email → lowercase; anything else → null (the caller names the field). */
export function normalizeSuppressionValue(raw: string): string | null {
  const v = raw.trim();
  if (v.includes('@')) return EMAIL.test(v) ? v.toLowerCase() : null;
  if (/^\+[1-9]\d{6,14}$/.test(v)) return v;
  const r = normalizeUsPhone(v);
  return r.ok ? r.phone : null;
}

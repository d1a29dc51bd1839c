import type { ContactInput } from './contact-schemas.js';

/** The string fields of `ContactInputSchema` with their maximum length after trimming (minimum 1). */
const TRIMMED_MAX = new Map<string, number>([
  ['ownerName', 300],
  ['firstName', 100],
  ['lastName', 100],
  ['phone', 40],
  ['parcelId', 64],
  ['source', 64],
  ['mailingAddress', 300],
  ['mailingCity', 100],
  ['timeZone', 64],
]);

const KNOWN_KEYS = new Set([...TRIMMED_MAX.keys(), 'email', 'mailingState', 'mailingZip', 'tags', 'custom']);

// The same pattern zod's `.email()` uses (`z.regexes.email`); `parse-contact-input-fast.test.ts` checks they agree.
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const ZIP = /^\d{5}(-\d{4})?$/;

/**
 * `ContactInputSchema.parse` for a row that is plainly valid, without zod's per-field machinery (a batch
 * insert spends most of its client time there). Returns what zod would return, or `undefined` for anything
 * that is not plainly valid — an unknown key, a wrong type, a limit crossed, an odd `custom` object — so
 * the caller runs zod, which decides and words the error. It never rejects a row zod accepts, nor accepts
 * one zod rejects; `parse-contact-input-fast.test.ts` compares the two on valid and invalid rows.
 * Keep it in step with `ContactInputSchema`.
 */
export function parseContactInputFast(raw: unknown): ContactInput | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const proto = Object.getPrototypeOf(raw) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  const keys = Object.keys(raw);
  // Hidden (non-enumerable or symbol) keys are left to zod.
  if (keys.length !== Reflect.ownKeys(raw).length) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = (raw as Record<string, unknown>)[key];
    if (v === undefined) {
      if (!KNOWN_KEYS.has(key)) return undefined;
      continue;
    }
    const max = TRIMMED_MAX.get(key);
    if (max !== undefined) {
      if (typeof v !== 'string') return undefined;
      const t = v.trim();
      if (t.length === 0 || t.length > max) return undefined;
      out[key] = t;
      continue;
    }
    switch (key) {
      case 'email': {
        if (typeof v !== 'string') return undefined;
        const t = v.trim();
        if (t.length > 320 || !EMAIL.test(t)) return undefined;
        out[key] = t;
        break;
      }
      case 'mailingState': {
        if (typeof v !== 'string') return undefined;
        const t = v.trim();
        if (t.length !== 2) return undefined;
        out[key] = t;
        break;
      }
      case 'mailingZip': {
        if (typeof v !== 'string') return undefined;
        const t = v.trim();
        if (!ZIP.test(t)) return undefined;
        out[key] = t;
        break;
      }
      case 'tags': {
        if (!Array.isArray(v) || v.length > 50) return undefined;
        const tags: string[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const tag: unknown = v[i];
          if (typeof tag !== 'string') return undefined;
          const t = tag.trim();
          if (t.length === 0 || t.length > 64) return undefined;
          tags[i] = t;
        }
        out[key] = tags;
        break;
      }
      case 'custom': {
        // Only a plain object of ordinary keys, as JSON gives; anything else is left to zod's record rules.
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) return undefined;
        const keys = Object.keys(v);
        if (keys.length !== Reflect.ownKeys(v).length || keys.includes('__proto__')) return undefined;
        out[key] = { ...v };
        break;
      }
      default:
        return undefined;
    }
  }
  // The schema's refine: a contact needs a name, a phone or an email.
  if (!(out.ownerName || out.firstName || out.lastName || out.phone || out.email)) return undefined;
  return out as ContactInput;
}

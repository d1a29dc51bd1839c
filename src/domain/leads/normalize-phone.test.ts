import { describe, expect, it } from 'vitest';
import { normalizePhone, normalizeWithLibrary } from './normalize-phone.js';

/** A small deterministic PRNG so every run checks the same numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

const FORMATS: Array<(a: string, b: string, c: string) => string> = [
  (a, b, c) => `(${a}) ${b}-${c}`,
  (a, b, c) => `${a}-${b}-${c}`,
  (a, b, c) => `${a}.${b}.${c}`,
  (a, b, c) => `${a}${b}${c}`,
  (a, b, c) => `1${a}${b}${c}`,
  (a, b, c) => `+1${a}${b}${c}`,
  (a, b, c) => `+1 (${a}) ${b}-${c}`,
  (a, b, c) => `1 (${a}) ${b} ${c}`,
  (a, b, c) => ` ${a} ${b} ${c} `,
  (a, b, c) => `1-${a}-${b}-${c}`,
  (a, b, c) => `+${a}${b}${c}`,
  (a, b, c) => `(${a}${b}-${c}`,
  (a, b, c) => `${a}/${b}-${c}`,
  (a, b, c) => `${a}-${b}-${c} x12`,
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('normalizePhone fast path', () => {
  it('agrees with the full libphonenumber parse on random numbers in every format', () => {
    const r = rng(3);
    for (let i = 0; i < 8_000; i++) {
      const text = FORMATS[i % FORMATS.length]!(pad(Math.floor(r() * 1000), 3), pad(Math.floor(r() * 1000), 3), pad(Math.floor(r() * 10_000), 4));
      const hint = i % 5 === 0 ? 'Wireless' : undefined;
      expect(normalizePhone(text, hint ? { typeHint: hint } : {}), text).toEqual(normalizeWithLibrary(text, hint ? { typeHint: hint } : {}));
    }
  });

  it('agrees across the whole line number range of a prefix (validity is decided by NPA-NXX)', () => {
    const r = rng(11);
    for (let p = 0; p < 200; p++) {
      const npa = pad(200 + Math.floor(r() * 800), 3);
      const nxx = pad(200 + Math.floor(r() * 800), 3);
      for (let k = 0; k < 25; k++) {
        const text = `(${npa}) ${nxx}-${pad(Math.floor(r() * 10_000), 4)}`;
        expect(normalizePhone(text), text).toEqual(normalizeWithLibrary(text));
      }
    }
  });

  it('keeps the documented answers', () => {
    expect(normalizePhone('(407) 555-0123')).toEqual({ ok: true, e164: '+14075550123', lineType: 'unknown', country: 'US' });
    expect(normalizePhone('800-555-0123')).toMatchObject({ ok: true, lineType: 'toll_free' });
    expect(normalizePhone('407-555-012')).toEqual({ ok: false, reason: 'phone number too short' });
    expect(normalizePhone('call me')).toEqual({ ok: false, reason: 'phone number contains letters' });
  });
});

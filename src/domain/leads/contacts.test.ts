import { describe, expect, it } from 'vitest';
import { dedupeContacts } from './dedupe-contacts.js';
import { normalizePhone } from './normalize-phone.js';
import { scoreContactConfidence } from './score-contact-confidence.js';
import { validateEmail } from './validate-email.js';

describe('normalizePhone', () => {
  it('formats US numbers as E.164 whatever the punctuation', () => {
    for (const raw of ['(407) 555-0123', '407.555.0123', '+1 407 555 0123', '1-407-555-0123', '4075550123'])
      expect(normalizePhone(raw)).toMatchObject({ ok: true, e164: '+14075550123' });
  });
  it('keeps line type unknown for NANP numbers unless the list says', () => {
    expect(normalizePhone('407-555-0123')).toMatchObject({ lineType: 'unknown' });
    expect(normalizePhone('407-555-0123', { typeHint: 'Wireless' })).toMatchObject({ lineType: 'mobile' });
    expect(normalizePhone('407-555-0123', { typeHint: 'Landline' })).toMatchObject({ lineType: 'landline' });
  });
  it('reads the line type from the number where the plan tells (max metadata)', () => {
    expect(normalizePhone('+44 7911 123456')).toMatchObject({ ok: true, lineType: 'mobile' });
    expect(normalizePhone('800-555-0100')).toMatchObject({ ok: true, lineType: 'toll_free' });
  });
  it('rejects short, lettered and empty numbers with a reason', () => {
    expect(normalizePhone('555-1234')).toEqual({ ok: false, reason: 'phone number too short' });
    expect(normalizePhone('call me')).toEqual({ ok: false, reason: 'phone number contains letters' });
    expect(normalizePhone('  ')).toEqual({ ok: false, reason: 'empty phone number' });
  });
});

describe('validateEmail', () => {
  it('lowercases the domain and keeps the local part', () => {
    expect(validateEmail(' Jose.Nunez@Example.COM ')).toEqual({ ok: true, email: 'Jose.Nunez@example.com', domain: 'example.com' });
    expect(validateEmail("o'brien+leads@mail.example.org")).toMatchObject({ ok: true });
  });
  it.each([
    ['jane.doe@', 'email has no local part or domain'],
    ['jane doe@example.com', 'email local part has invalid characters'],
    ['jane..doe@example.com', 'email local part has invalid characters'],
    ['jane@localhost', 'email domain has no top-level domain'],
    ['jane@exa_mple.com', 'email domain is not a valid host name'],
    ['jane@example.c0m', 'email top-level domain is invalid'],
  ])('rejects %s', (raw, reason) => {
    expect(validateEmail(raw)).toEqual({ ok: false, reason });
  });
});

describe('scoreContactConfidence', () => {
  it('ranks skip trace over list import over scraped', () => {
    const s = (src: string) => scoreContactConfidence({ sources: [src], phone: { valid: true } });
    expect(s('propstream')).toBeGreaterThan(s('list_import'));
    expect(s('list_import')).toBeGreaterThan(s('scraper'));
  });
  it('rewards mobile lines, MX and agreement; caps invalid values and missing MX', () => {
    expect(scoreContactConfidence({ sources: ['propstream', 'list_import'], phone: { valid: true, lineType: 'mobile' } })).toBe(0.9);
    expect(scoreContactConfidence({ sources: ['propstream'], phone: { valid: false } })).toBe(0.1);
    expect(scoreContactConfidence({ sources: ['list_import'], email: { valid: true, mx: 'ok' } })).toBe(0.6);
    expect(scoreContactConfidence({ sources: ['list_import'], email: { valid: true, mx: 'unknown' } })).toBe(0.45);
    expect(scoreContactConfidence({ sources: ['list_import'], email: { valid: true, mx: 'missing' } })).toBe(0.1);
  });
  it('stays within 0..1', () => {
    expect(scoreContactConfidence({ sources: ['batchdata', 'manual', 'county', 'scraper'], email: { valid: true, mx: 'ok' } })).toBeLessThanOrEqual(1);
  });
});

describe('dedupeContacts', () => {
  it('merges the same number or email across sources', () => {
    const out = dedupeContacts([
      { phone: '+14075550123', source: 'propstream', lineType: 'unknown' },
      { email: 'Jane@Example.com', source: 'list_import' },
      { phone: '+14075550123', source: 'manual_upload', lineType: 'mobile', name: 'Jane Doe', vendorDnc: true },
      { email: 'jane@example.com', source: 'scraper' },
      { phone: '+14075550123', source: 'propstream' },
    ]);
    expect(out).toEqual([
      { phone: '+14075550123', lineType: 'mobile', name: 'Jane Doe', vendorDnc: true, sources: ['propstream', 'manual_upload'] },
      { email: 'jane@example.com', sources: ['list_import', 'scraper'] },
    ]);
  });
});

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ContactInputSchema } from './contact-schemas.js';
import { parseContactInputFast } from './parse-contact-input-fast.js';

/** The fast path must agree with zod: same output when it answers, and never an answer where zod rejects. */
function agrees(raw: unknown): void {
  const fast = parseContactInputFast(raw);
  const zod = ContactInputSchema.safeParse(raw);
  if (fast === undefined) return;
  expect(zod.success, JSON.stringify(raw)).toBe(true);
  expect(JSON.stringify(fast, Object.keys(fast).sort())).toBe(JSON.stringify(zod.data, Object.keys(zod.data!).sort()));
  expect(fast).toEqual(Object.fromEntries(Object.entries(zod.data!).filter(([, v]) => v !== undefined)));
}

const valid: unknown[] = [
  { ownerName: 'Ann Lee' },
  { ownerName: '  Ann Lee  ', phone: ' (407) 555-0123 ', email: ' Ann.Lee@Example.COM ' },
  { firstName: 'Zoë', lastName: "O'Brien", mailingState: ' fl ', mailingZip: '32801-1234', tags: [' probate ', 'vacant'], custom: { a: 1, b: { c: [1] } } },
  { email: "o'neil+list@mail.example.org", source: 'propstream', parcelId: '12-34', timeZone: 'America/New_York', mailingAddress: '1 Main St', mailingCity: 'Orlando' },
  { phone: '+14075550123', tags: [], custom: {} },
  { ownerName: 'A', phone: undefined },
  { ownerName: 'x'.repeat(300), firstName: 'y'.repeat(100) },
  { lastName: 'Lee', tags: Array.from({ length: 50 }, (_, i) => `t${i}`) },
  { ownerName: 'Ann', custom: Object.assign(Object.create(null), { k: 'v' }) },
];

const invalid: unknown[] = [
  null,
  'Ann',
  [],
  [{ ownerName: 'Ann' }],
  {},
  { tags: ['a'] },
  { ownerName: '   ' },
  { ownerName: '' },
  { ownerName: 'x'.repeat(301) },
  { ownerName: null },
  { ownerName: 12 },
  { ownerName: 'Ann', unknown: 1 },
  { ownerName: 'Ann', unknown: undefined },
  { ownerName: 'Ann', constructor: 'x' },
  { ownerName: 'Ann', toString: 'x' },
  { email: 'not-an-email' },
  { email: 'a@b' },
  { email: `${'a'.repeat(320)}@example.com` },
  { ownerName: 'Ann', mailingState: 'FLA' },
  { ownerName: 'Ann', mailingZip: '3280' },
  { ownerName: 'Ann', tags: 'probate' },
  { ownerName: 'Ann', tags: [' '] },
  { ownerName: 'Ann', tags: [1] },
  { ownerName: 'Ann', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) },
  { ownerName: 'Ann', custom: [] },
  { ownerName: 'Ann', custom: null },
  { ownerName: 'Ann', custom: 'x' },
  { ownerName: 'Ann', custom: new Date(0) },
  { ownerName: 'Ann', custom: JSON.parse('{"__proto__": {"x": 1}}') as unknown },
  Object.defineProperty({ ownerName: 'Ann' }, 'phone', { value: 'hidden', enumerable: false }),
  new (class Row {
    ownerName = 'Ann';
  })(),
];

describe('parseContactInputFast', () => {
  it('returns what zod returns for well-formed rows', () => {
    for (const raw of valid) {
      expect(parseContactInputFast(raw), JSON.stringify(raw)).toBeDefined();
      agrees(raw);
    }
  });

  it('leaves every row zod rejects (and any odd one) to zod', () => {
    for (const raw of invalid) {
      agrees(raw);
      if (!ContactInputSchema.safeParse(raw).success) expect(parseContactInputFast(raw), JSON.stringify(raw)).toBeUndefined();
    }
  });

  it('uses the same email pattern as zod', () => {
    expect(String(z.regexes.email)).toBe('/^(?:[A-Za-z0-9_\'+\\-]+\\.)*[A-Za-z0-9_\'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$/');
    const samples = ['a@b.co', 'a.b@c.d', '.a@b.co', 'a..b@c.co', 'a@-b.co', 'a@b.c', 'a_b@c-d.ef', "x'y@z.io", 'a@b.co.', 'é@b.co', 'a@b.c1'];
    for (const email of samples) agrees({ email });
  });

  it('agrees with zod on random rows', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['', ' ', 'Ann', ' Lee ', 'x'.repeat(64), 'x'.repeat(65), 'FL', 'fla', '32801', '3280', 'a@b.co', 'bad@', 12, null, undefined, [], {}, ['t'], [' ']];
    const keys = ['ownerName', 'firstName', 'lastName', 'phone', 'email', 'parcelId', 'source', 'mailingAddress', 'mailingCity', 'mailingState', 'mailingZip', 'timeZone', 'tags', 'custom', 'other'];
    for (let i = 0; i < 5000; i++) {
      const row: Record<string, unknown> = {};
      const n = 1 + rand(4);
      for (let k = 0; k < n; k++) row[keys[rand(keys.length)]!] = pieces[rand(pieces.length)];
      agrees(row);
    }
  });
});

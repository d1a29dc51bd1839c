import { describe, expect, it } from 'vitest';
import { detectDncSection } from './detect-dnc-section.js';
import { normalizeUsPhone } from './normalize-us-phone.js';
import { parseDncCsvLine } from './parse-dnc-csv-line.js';
import { parseDncLine } from './parse-dnc-line.js';

describe('parseDncLine (National DNC Registry flat files)', () => {
  it.each([
    ['4075551234', '+14075551234', 'add'],
    ['407,5551234', '+14075551234', 'add'],
    [' 407 , 5551234 \r', '+14075551234', 'add'],
    ['\uFEFF407,5551234', '+14075551234', 'add'],
    ['"407","5551234"', '+14075551234', 'add'],
    ['14075551234', '+14075551234', 'add'],
    ['407,5551234,A', '+14075551234', 'add'],
    ['407,5551234,D', '+14075551234', 'delete'],
    ['4075551234,delete', '+14075551234', 'delete'],
    ['4075551234,ADD,2025-06-01', '+14075551234', 'add'],
    ['D,407,5551234,06/01/2025', '+14075551234', 'delete'],
    ['407,5551234,20250601', '+14075551234', 'add'],
  ] as const)('%j → %s %s', (line, phone, action) => {
    expect(parseDncLine(line, 7)).toEqual({ ok: true, phone, action });
  });

  it('uses the section action for lines without one', () => {
    expect(parseDncLine('4075551234', 3, { defaultAction: 'delete' })).toEqual({ ok: true, phone: '+14075551234', action: 'delete' });
    expect(parseDncLine('4075551234,A', 3, { defaultAction: 'delete' })).toEqual({ ok: true, phone: '+14075551234', action: 'add' });
  });

  it.each([
    ['', 'empty_line'],
    ['   ', 'empty_line'],
    ['407555123', 'not_a_10_digit_number'],
    ['407,555123', 'not_a_10_digit_number'],
    ['1075551234', 'invalid_area_code'],
    ['4071551234', 'invalid_exchange'],
    ['4075551234,X', 'unrecognised_field:X'],
    ['4075551234,A,D', 'conflicting_actions'],
    ['ADDITIONS', 'unrecognised_field:ADDITIONS'],
  ])('%j fails with %s and names the line', (line, reason) => {
    expect(parseDncLine(line, 42)).toEqual({ ok: false, line: 42, reason });
  });

  it('parses a million lines in well under a few seconds', () => {
    const lines = Array.from({ length: 1_000_000 }, (_, i) => `407,${String(2_000_000 + i)}`);
    const t0 = performance.now();
    let ok = 0;
    for (let i = 0; i < lines.length; i++) if (parseDncLine(lines[i]!, i + 1).ok) ok++;
    const ms = performance.now() - t0;
    expect(ok).toBe(lines.length);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('detectDncSection', () => {
  it.each([
    ['ADDITIONS', 'add'], ['[Deletions]', 'delete'], ['Deleted:', 'delete'], ['add', 'add'], ['4075551234', null], ['', null],
  ] as const)('%j → %s', (line, want) => expect(detectDncSection(line)).toBe(want));
});

describe('normalizeUsPhone', () => {
  it.each(['4075551234', '407-555-1234', '(407) 555-1234', '407.555.1234', '+1 407 555 1234', '1-407-555-1234', '407-555-1234 x12', '(407) 555-1234 ext. 9'])(
    '%s → +14075551234',
    (raw) => expect(normalizeUsPhone(raw)).toEqual({ ok: true, phone: '+14075551234' }),
  );
  it.each([['Jane Doe', 'not_a_phone_number'], ['555-1234', 'not_10_digits'], ['+44 20 7946 0958', 'not_10_digits'], ['(107) 555-1234', 'invalid_area_code']])(
    '%s → %s',
    (raw, reason) => expect(normalizeUsPhone(raw)).toEqual({ ok: false, reason }),
  );
});

describe('parseDncCsvLine (state / internal / litigator CSV)', () => {
  it('finds the phone column by itself, through quotes', () => {
    expect(parseDncCsvLine('"Doe, Jane",(407) 555-1234,FL', 2)).toEqual({ ok: true, phone: '+14075551234', action: 'add' });
  });
  it('reads a given column and an action column', () => {
    expect(parseDncCsvLine('x,407.555.1234,D', 5, { phoneColumn: 1, actionColumn: 2 })).toEqual({ ok: true, phone: '+14075551234', action: 'delete' });
    expect(parseDncCsvLine('x;407.555.1234', 5, { phoneColumn: 1, delimiter: ';' })).toEqual({ ok: true, phone: '+14075551234', action: 'add' });
  });
  it('names the line of a header or a bad cell', () => {
    expect(parseDncCsvLine('name,phone,state', 1)).toEqual({ ok: false, line: 1, reason: 'no_phone_in_line' });
    expect(parseDncCsvLine('Jane,555-1234', 3, { phoneColumn: 1 })).toEqual({ ok: false, line: 3, reason: 'not_10_digits' });
    expect(parseDncCsvLine('Jane', 4, { phoneColumn: 1 })).toEqual({ ok: false, line: 4, reason: 'missing_column_1' });
    expect(parseDncCsvLine('x,4075551234,maybe', 6, { actionColumn: 2 })).toEqual({ ok: false, line: 6, reason: 'unrecognised_action' });
  });
});

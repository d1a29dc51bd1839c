import { describe, expect, it } from 'vitest';
import { distressReason } from './distress-reason.js';

describe('distressReason', () => {
  it('names the contribution with the most points', () => {
    expect(distressReason({ contributions: [{ signal: 'vacant_flag', points: 8 }, { signal: 'tax_delinquent_2y', points: 12 }] })).toBe('back taxes');
    expect(distressReason({ contributions: [{ signal: 'probate_or_estate', points: 15 }, { signal: 'absentee', points: 6 }] })).toBe('an inherited house');
  });

  it('skips superseded (0-point) and unknown signals, then falls back to the flags', () => {
    expect(distressReason({ contributions: [{ signal: 'lis_pendens', points: 0 }, { signal: 'free_and_clear', points: 10 }], signals: { codeViolation: true, vacant: false } })).toBe(
      'a code enforcement notice',
    );
  });

  it('is undefined without distress', () => {
    expect(distressReason({})).toBeUndefined();
    expect(distressReason({ contributions: ['x', null, { signal: 'free_and_clear', points: 10 }], signals: { freeAndClear: true } })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';

describe('fixedClock', () => {
  it('stays put until moved', () => {
    const c = fixedClock('2025-06-10T23:59:00Z');
    expect(c.now().toISOString()).toBe('2025-06-10T23:59:00.000Z');
    c.advance(60_000);
    expect(c.now().toISOString()).toBe('2025-06-11T00:00:00.000Z');
    c.set('2026-01-01T00:00:00Z');
    expect(c.now().getUTCFullYear()).toBe(2026);
  });

  it('refuses an invalid instant', () => {
    expect(() => fixedClock('not a date')).toThrow(/invalid instant/);
  });
});

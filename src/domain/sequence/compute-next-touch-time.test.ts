import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localEpochMs, DAY_MS, HOUR_MS } from '../compliance/time/local-time.js';
import { assignSendTimeVariant, computeNextTouchTime, type SendTimeVariant } from './compute-next-touch-time.js';

const zone = 'America/New_York';
const window = { startHour: 9, endHour: 20 };
const flat = new Array<number>(24).fill(0);
const cohort = flat.map((_, h) => (h === 17 ? 10 : h === 12 ? 6 : 1));
// 2026-01-05 10:15 EST = 15:15Z
const baseDue = new Date('2026-01-05T15:15:00Z');
const localHour = (d: Date, z = zone): number => Math.floor((localEpochMs(z, d.getTime()) % DAY_MS) / HOUR_MS);
const localDay = (d: Date, z = zone): number => Math.floor(localEpochMs(z, d.getTime()) / DAY_MS);

describe('computeNextTouchTime', () => {
  it('fixed returns baseDue untouched (the control arm)', () => {
    expect(computeNextTouchTime({ baseDue, engagement: { replyHoursLocal: [18], cohortReplyHistogram: cohort }, zone, allowedWindow: window, variant: 'fixed' })).toEqual({ at: baseDue, basis: 'fixed' });
  });

  it("smart moves to the owner's best hour later the same day", () => {
    const r = computeNextTouchTime({ baseDue, engagement: { replyHoursLocal: [18, 18, 12, 7], cohortReplyHistogram: cohort }, zone, allowedWindow: window, variant: 'smart' });
    expect(r).toEqual({ at: new Date('2026-01-05T23:00:00Z'), basis: 'owner' });
  });

  it("ignores the owner's hours outside the window or already past, then uses the cohort", () => {
    const r = computeNextTouchTime({ baseDue, engagement: { replyHoursLocal: [7, 8, 21, 22], cohortReplyHistogram: cohort }, zone, allowedWindow: window, variant: 'smart' });
    expect(r).toEqual({ at: new Date('2026-01-05T22:00:00Z'), basis: 'cohort' });
  });

  it('the current hour keeps the exact baseDue, never its top of the hour', () => {
    const r = computeNextTouchTime({ baseDue, engagement: { replyHoursLocal: [10], cohortReplyHistogram: flat }, zone, allowedWindow: window, variant: 'smart' });
    expect(r).toEqual({ at: baseDue, basis: 'owner' });
  });

  it('no data: the earliest allowed instant (window start when baseDue is before it)', () => {
    const early = new Date('2026-01-05T11:30:00Z'); // 06:30 EST
    expect(computeNextTouchTime({ baseDue: early, engagement: { replyHoursLocal: [], cohortReplyHistogram: flat }, zone, allowedWindow: window, variant: 'smart' })).toEqual({ at: new Date('2026-01-05T14:00:00Z'), basis: 'earliest' });
  });

  it('after the window closes it moves to the next day and picks that day\u2019s best hour', () => {
    const late = new Date('2026-01-06T02:00:00Z'); // 21:00 EST on Jan 5
    const r = computeNextTouchTime({ baseDue: late, engagement: { replyHoursLocal: [], cohortReplyHistogram: cohort }, zone, allowedWindow: window, variant: 'smart' });
    expect(r).toEqual({ at: new Date('2026-01-06T22:00:00Z'), basis: 'cohort' });
  });

  it('rejects an impossible window', () => {
    expect(() => computeNextTouchTime({ baseDue, engagement: { replyHoursLocal: [], cohortReplyHistogram: flat }, zone, allowedWindow: { startHour: 20, endHour: 9 }, variant: 'smart' })).toThrow(RangeError);
  });

  const zones = fc.constantFrom('America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Pacific/Honolulu');
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((t) => new Date(t));
  const windowArb = fc.tuple(fc.integer({ min: 6, max: 12 }), fc.integer({ min: 13, max: 23 })).map(([startHour, endHour]) => ({ startHour, endHour }));
  const hours = fc.array(fc.integer({ min: -2, max: 26 }), { maxLength: 20 });
  const histogram = fc.array(fc.oneof(fc.nat({ max: 100 }), fc.constant(0)), { minLength: 24, maxLength: 24 });

  it('property: smart is never before baseDue, always inside the window, on the first allowed local day', () => {
    fc.assert(
      fc.property(instant, zones, windowArb, hours, histogram, (due, z, w, owner, coh) => {
        const r = computeNextTouchTime({ baseDue: due, engagement: { replyHoursLocal: owner, cohortReplyHistogram: coh }, zone: z, allowedWindow: w, variant: 'smart' });
        expect(r.at.getTime()).toBeGreaterThanOrEqual(due.getTime());
        const h = localHour(r.at, z);
        expect(h).toBeGreaterThanOrEqual(w.startHour);
        expect(h).toBeLessThan(w.endHour);
        const dueHour = localHour(due, z);
        expect(localDay(r.at, z)).toBe(localDay(due, z) + (dueHour >= w.endHour ? 1 : 0));
      }),
      { numRuns: 500 },
    );
  });

  it('property: fixed always returns baseDue', () => {
    fc.assert(
      fc.property(instant, zones, windowArb, hours, histogram, (due, z, w, owner, coh) => {
        expect(computeNextTouchTime({ baseDue: due, engagement: { replyHoursLocal: owner, cohortReplyHistogram: coh }, zone: z, allowedWindow: w, variant: 'fixed' }).at).toBe(due);
      }),
    );
  });
});

describe('assignSendTimeVariant', () => {
  it('is stable per contact and splits about evenly', () => {
    const counts: Record<SendTimeVariant, number> = { fixed: 0, smart: 0 };
    for (let i = 0; i < 4000; i++) {
      const id = `contact-${i}`;
      const v = assignSendTimeVariant(id);
      expect(assignSendTimeVariant(id)).toBe(v);
      counts[v]++;
    }
    expect(counts.smart).toBeGreaterThan(1800);
    expect(counts.fixed).toBeGreaterThan(1800);
  });

  it('respects the share and the salt', () => {
    expect(assignSendTimeVariant('c1', { smartShare: 0 })).toBe('fixed');
    expect(assignSendTimeVariant('c1', { smartShare: 1 })).toBe('smart');
    const a = Array.from({ length: 200 }, (_, i) => assignSendTimeVariant(`c${i}`, { salt: 'exp-a' }));
    const b = Array.from({ length: 200 }, (_, i) => assignSendTimeVariant(`c${i}`, { salt: 'exp-b' }));
    expect(a).not.toEqual(b);
  });
});

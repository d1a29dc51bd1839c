import { describe, expect, it } from 'vitest';
import { ScoringProfileSchema } from './score-profile.js';
import { scoreProperty } from './score-property.js';

const profile = ScoringProfileSchema.parse({
  profile: 'test',
  tiers: { A: 43, 'B+': 38, B: 30, C: 20 },
  stacking_bonus: { per_extra_group: 3, max: 9 },
  groups: { foreclosure: { combine: 'max' }, condition: { combine: 'sum', cap: 14 }, owner: { combine: 'max_plus', cap: 14 }, estate: { combine: 'max' } },
  signals: {
    lis_pendens: { group: 'foreclosure', points: 20, half_life_days: 180 },
    foreclosure_sale_scheduled: { group: 'foreclosure', points: 25, zero_after_date: true },
    code_violation_open: { group: 'condition', points: 8, per_additional: 2, half_life_days: 180 },
    vacant_flag: { group: 'condition', points: 8 },
    absentee: { group: 'owner', points: 6 },
    out_of_state: { group: 'owner', points: 10 },
    tired_landlord: { group: 'owner', points: 5, additive: true },
    inherited_nominal_transfer: { group: 'estate', points: 8, max_age_months: 36 },
  },
  penalties: { active_mls_listing: -10 },
  exclusions: ['government_use'],
});
const asOf = new Date('2026-03-02T12:00:00Z');
const daysAgo = (d: number) => new Date(asOf.getTime() - d * 86_400_000);

describe('scoreProperty', () => {
  it('halves an event signal after one half-life and says so', () => {
    const r = scoreProperty({ profile, asOf, signals: [{ signal: 'lis_pendens', date: daysAgo(180) }] });
    expect(r.score).toBe(10);
    expect(r.contributions[0]!.note).toContain('decayed from 20');
  });
  it('counts a scheduled sale until its day and nothing after', () => {
    expect(scoreProperty({ profile, asOf, signals: [{ signal: 'foreclosure_sale_scheduled', date: new Date('2026-03-02T00:00:00Z') }] }).score).toBe(25);
    const past = scoreProperty({ profile, asOf, signals: [{ signal: 'foreclosure_sale_scheduled', date: daysAgo(3) }] });
    expect(past.score).toBe(0);
    expect(past.contributions[0]).toMatchObject({ points: 0, note: 'event date has passed' });
  });
  it('takes the max within a max group and keeps the loser with 0 points', () => {
    const r = scoreProperty({ profile, asOf, signals: [{ signal: 'lis_pendens' }, { signal: 'foreclosure_sale_scheduled', date: daysAgo(-10) }] });
    expect(r.score).toBe(25);
    expect(r.contributions.find((c) => c.signal === 'lis_pendens')).toMatchObject({ points: 0 });
  });
  it('sums a sum group under its cap, with per-occurrence points', () => {
    const r = scoreProperty({ profile, asOf, signals: [{ signal: 'code_violation_open', count: 3 }, { signal: 'vacant_flag' }] });
    expect(r.contributions.map((c) => c.points)).toEqual([12, 2]);
    expect(r.score).toBe(14);
  });
  it('max_plus adds additive signals on top of the best one, under the cap', () => {
    const r = scoreProperty({ profile, asOf, signals: [{ signal: 'absentee' }, { signal: 'out_of_state' }, { signal: 'tired_landlord' }] });
    expect(r.score).toBe(14);
  });
  it('adds the stacking bonus per distinct group and subtracts penalties, clamping at 0', () => {
    const r = scoreProperty({ profile, asOf, signals: [{ signal: 'absentee' }, { signal: 'vacant_flag' }, { signal: 'active_mls_listing' }] });
    expect(r.score).toBe(6 + 8 + 3 - 10);
    expect(scoreProperty({ profile, asOf, signals: [{ signal: 'active_mls_listing' }] }).score).toBe(0);
  });
  it('drops signals older than max_age_months', () => {
    expect(scoreProperty({ profile, asOf, signals: [{ signal: 'inherited_nominal_transfer', date: daysAgo(4 * 365) }] }).score).toBe(0);
    expect(scoreProperty({ profile, asOf, signals: [{ signal: 'inherited_nominal_transfer', date: daysAgo(365) }] }).score).toBe(8);
  });
  it('counts the same signal from two lists once', () => {
    expect(scoreProperty({ profile, asOf, signals: [{ signal: 'vacant_flag' }, { signal: 'vacant_flag' }] }).score).toBe(8);
  });
  it('scores an excluded property at the minimum, naming the exclusion', () => {
    const r = scoreProperty({ profile, asOf, signals: [{ signal: 'out_of_state' }, { signal: 'government_use' }] });
    expect(r).toMatchObject({ score: 0, tier: 'D', excluded: ['government_use'] });
  });
  it('keeps evidence with each contribution and uses market tiers when given', () => {
    const r = scoreProperty({ profile, asOf, tiers: { A: 10, 'B+': 8, B: 6, C: 4 }, signals: [{ signal: 'out_of_state', evidence: { source: 'nal', field: 'mailing_state', value: 'OH' } }] });
    expect(r).toMatchObject({ score: 10, tier: 'A', contributions: [{ signal: 'out_of_state', group: 'owner', points: 10, evidence: { value: 'OH' } }] });
  });
});

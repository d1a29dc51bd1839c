import { describe, expect, it } from 'vitest';
import { unwrap } from '../../lib/result.js';
import { scoreProperty, type SignalObservation } from '../../domain/qualify/score-property.js';
import { loadScoringProfile, parseScoringProfile } from './load-scoring-profile.js';

const asOf = new Date('2026-03-02T14:00:00Z');
const profile = unwrap(await loadScoringProfile({ profile: 'wholesale-fl-v1' }));
const score = (...signals: Array<string | SignalObservation>) =>
  scoreProperty({ profile, asOf, signals: signals.map((s) => (typeof s === 'string' ? { signal: s } : s)) });

describe('wholesale-fl-v1: the worked examples of florida-data.md §4.4', () => {
  it('foreclosure sale scheduled + out of state + equity 2x = 47 → A', () => {
    const r = score({ signal: 'foreclosure_sale_scheduled', date: new Date('2026-04-14') }, 'out_of_state', 'equity_proxy_2x');
    expect(r).toMatchObject({ score: 47, tier: 'A' });
    expect(r.contributions.find((c) => c.signal === 'stacking_bonus')?.points).toBe(6);
  });
  it('tax delinquent 2y+ + probate + tenure 25y = 43 → A', () => {
    expect(score('tax_delinquent_2y_plus', 'probate_or_estate', 'tenure_25y')).toMatchObject({ score: 43, tier: 'A' });
  });
  it('lis pendens + out of state + tenure 15y = 41 → B+; with absentee instead = 37 → B', () => {
    expect(score('lis_pendens', 'out_of_state', 'tenure_15y')).toMatchObject({ score: 41, tier: 'B+' });
    expect(score('lis_pendens', 'absentee', 'tenure_15y')).toMatchObject({ score: 37, tier: 'B' });
  });
  it('open code case + absentee + tenure + equity = 34 → B (stacking capped at +9)', () => {
    const r = score('code_violation_open', 'absentee', 'tenure_15y', 'equity_proxy_2x');
    expect(r).toMatchObject({ score: 34, tier: 'B' });
    expect(r.contributions.reduce((s, c) => s + c.points, 0)).toBe(34);
  });
  it('absentee only = 6 → D', () => {
    expect(score('absentee')).toMatchObject({ score: 6, tier: 'D' });
  });
  it('a single weak list never reaches B+', () => {
    for (const s of Object.keys(profile.signals)) expect(['B', 'C', 'D']).toContain(score(s).tier);
  });
});

describe('parseScoringProfile', () => {
  it('names the field of a bad profile', () => {
    const r = parseScoringProfile('profile: x\ntiers: { A: 43, "B+": 38, B: 30, C: 20 }\nstacking_bonus: { per_extra_group: 3, max: 9 }\ngroups: { g: { combine: max } }\nsignals: { s: { group: nope, points: 5 } }\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('bad.yaml: signals.s.group: unknown group "nope"');
  });
  it('rejects YAML that does not parse, naming the file', async () => {
    const r = parseScoringProfile('profile: [', 'broken.yaml');
    expect(!r.ok && r.error.message.startsWith('broken.yaml: not valid YAML')).toBe(true);
    const missing = await loadScoringProfile({ profile: 'no-such-profile' });
    expect(!missing.ok && missing.error.code).toBe('scoring_profile_unreadable');
  });
});

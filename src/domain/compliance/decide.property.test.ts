import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateRuleFor } from './data/state-rules.js';
import { decide } from './decide.js';
import { federalHolidays } from './federal-holidays.js';
import type { Situation } from './situation.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const T1 = Date.parse('2026-12-31T00:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const iso = (t: number) => new Date(t).toISOString();

const NPAS = ['407', '850', '448', '214', '915', '205', '203', '206', '602', '808', '907', '404', '703', '416', '800'];
const LISTS = ['national_dnc', 'state_dnc', 'internal_dnc', 'litigator'] as const;
const STATES = ['FL', 'TX', 'AL', 'GA', 'CT', 'OK', 'ZZ'];
const BODIES = [undefined, 'Hi, Sam from Oak Homes. Any interest in an offer? Reply STOP to opt out.', 'Offer here: bit.ly/x', 'Cold beer at the open house'];

/** Biased toward compliant values so allows and defers are common, with every hazard still reachable. */
const mostly = <T,>(good: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: any, weight: 1 });

const situationArb = (purposes: readonly Situation['purpose'][]) =>
  fc
    .record({
      at: fc.integer({ min: T0, max: T1 }),
      channel: fc.constantFrom('sms', 'voice', 'email'),
      purpose: fc.constantFrom(...purposes),
      initiation: fc.constantFrom('automated', 'manual'),
      npa: fc.constantFrom(...NPAS),
      line: fc.integer({ min: 2_000_000, max: 9_999_999 }),
      body: mostly(fc.constant(BODIES[1]), fc.constantFrom(...BODIES)),
      recipientStates: mostly(fc.constant([] as string[]), fc.subarray(STATES, { maxLength: 2 })),
      optedOutAgo: mostly(fc.constant(undefined), fc.option(fc.integer({ min: -10 * 60_000, max: 30 * D }), { nil: undefined })),
      lists: mostly(fc.constant([] as (typeof LISTS)[number][]), fc.subarray([...LISTS])),
      consent: mostly(
        fc.record({ kind: fc.constant('written' as const), ago: fc.integer({ min: D, max: 400 * D }) }),
        fc.option(fc.record({ kind: fc.constantFrom('written', 'express'), ago: fc.integer({ min: -D, max: 400 * D }) }), { nil: undefined }),
      ),
      ebr: fc.option(fc.record({ kind: fc.constantFrom('transaction', 'inquiry'), ago: fc.integer({ min: -D, max: 600 * D }) }), { nil: undefined }),
      history: mostly(
        fc.constant([] as { ago: number; channel: 'sms' | 'voice' | 'email'; purpose: Situation['purpose'] & string; direction: 'outbound' | 'inbound' }[]),
        fc.array(
          fc.record({ ago: fc.integer({ min: -H, max: 48 * H }), channel: fc.constantFrom('sms', 'voice', 'email'), purpose: fc.constantFrom('marketing', 'informational', 'opt_out_confirmation', 'help'), direction: fc.constantFrom('outbound', 'inbound') }),
          { maxLength: 5 },
        ),
      ),
      scrubAgo: mostly(fc.integer({ min: 0, max: 31 * D }), fc.option(fc.integer({ min: 0, max: 40 * D }), { nil: undefined })),
      offerToBuyExemption: fc.boolean(),
      postal: mostly(fc.constant(true), fc.boolean()),
      cap: mostly(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 })),
      coldApproved: fc.boolean(),
      unsub: mostly(fc.constant(true), fc.boolean()),
    })
    .map((r): Situation => ({
      at: iso(r.at),
      channel: r.channel,
      purpose: r.purpose,
      initiation: r.initiation,
      to: r.channel === 'email' ? 'owner@example.com' : `+1${r.npa}${r.line}`,
      body: r.body,
      recipientStates: r.recipientStates,
      hasUnsubscribeLink: r.unsub,
      contact: {
        optedOutAt: r.optedOutAgo === undefined ? null : iso(r.at - r.optedOutAgo),
        lists: r.lists,
        consent: r.consent ? { kind: r.consent.kind, at: iso(r.at - r.consent.ago) } : null,
        ebr: r.ebr ? { kind: r.ebr.kind, at: iso(r.at - r.ebr.ago) } : null,
      },
      history: r.history.map((h) => ({ at: iso(r.at - h.ago), channel: h.channel, purpose: h.purpose, direction: h.direction })),
      account: {
        lastNationalDncScrubAt: r.scrubAgo === undefined ? null : iso(r.at - r.scrubAgo),
        offerToBuyExemption: r.offerToBuyExemption,
        postalAddress: r.postal ? '1 Main St' : null,
        maxMessagesPerContactPerDay: r.cap,
        automatedColdOutreachApproved: r.coldApproved,
      },
    }));

/** Independent oracle: local wall time straight from ICU, not from the engine's offset tables. */
const fmts = new Map<string, Intl.DateTimeFormat>();
function wall(zone: string, t: number) {
  let f = fmts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    fmts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  const minutes = Number(p.hour) * 60 + Number(p.minute) + Number(p.second) / 60;
  return { weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!), minutes, date: `${p.year}-${p.month}-${p.day}` };
}
function isHoliday(date: string): boolean {
  const y = Number(date.slice(0, 4));
  return [y, y + 1].some((yy) => federalHolidays(yy).some((h) => h.date === date || h.observed === date));
}

const RUNS = { numRuns: 400 };

describe('property: the engine never allows a violation', () => {
  it('allowed marketing is never to an opted-out contact, a listed number without exemption, or outside any window', () => {
    fc.assert(
      fc.property(situationArb(['marketing']), (s) => {
        const d = decide(s);
        if (d.decision !== 'allow') return;
        const t = Date.parse(s.at);
        expect(s.contact?.optedOutAt ?? null).toBeNull();
        if (s.channel === 'email') return;
        const lists = s.contact?.lists ?? [];
        expect(lists).not.toContain('internal_dnc');
        expect(lists).not.toContain('litigator');
        if (!s.account?.offerToBuyExemption && (lists.includes('national_dnc') || lists.includes('state_dnc'))) {
          const c = s.contact?.consent;
          const e = s.contact?.ebr;
          const written = c?.kind === 'written' && Date.parse(c.at) <= t;
          const ebrOk = e !== null && e !== undefined && Date.parse(e.at) <= t && t - Date.parse(e.at) <= (e.kind === 'transaction' ? 549 : 93) * D;
          expect(written || ebrOk).toBe(true);
        }
        if (s.initiation !== 'manual') expect(s.contact?.consent?.kind).toBe('written');
        expect(d.zones.length).toBeGreaterThan(0);
        for (const zone of d.zones) {
          const w = wall(zone, t);
          expect(w.minutes >= 8 * 60 && w.minutes < 21 * 60, `${zone} ${w.minutes}`).toBe(true);
          for (const st of d.states) {
            const rule = stateRuleFor(st);
            const win = rule.windows[w.weekday];
            expect(win, `${st} closed on weekday ${w.weekday}`).not.toBeNull();
            expect(w.minutes >= win![0] && w.minutes < win![1], `${st} ${zone} ${w.minutes}`).toBe(true);
            if (rule.noFederalHolidays) expect(isHoliday(w.date)).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });
});

type Restriction = (s: Situation) => Situation;
const restrictions: Record<string, Restriction> = {
  'add a list': (s) => ({ ...s, contact: { ...s.contact, lists: [...(s.contact?.lists ?? []), 'national_dnc', 'state_dnc'] } }),
  'add the internal list': (s) => ({ ...s, contact: { ...s.contact, lists: [...(s.contact?.lists ?? []), 'internal_dnc'] } }),
  'add an opt-out': (s) => ({ ...s, contact: { ...s.contact, optedOutAt: s.contact?.optedOutAt ?? iso(Date.parse(s.at) - 60_000) } }),
  'add a history entry': (s) => ({ ...s, history: [...(s.history ?? []), { at: iso(Date.parse(s.at) - 3 * H), channel: 'sms', purpose: 'marketing', direction: 'outbound' }] }),
  'remove consent': (s) => ({ ...s, contact: { ...s.contact, consent: null } }),
  'downgrade consent to express': (s) => ({ ...s, contact: { ...s.contact, consent: s.contact?.consent ? { ...s.contact.consent, kind: 'express' } : null } }),
  'an earlier scrub date': (s) => ({ ...s, account: { ...s.account, lastNationalDncScrubAt: s.account?.lastNationalDncScrubAt ? iso(Date.parse(s.account.lastNationalDncScrubAt) - 10 * D) : null } }),
  'an extra recipient state': (s) => ({ ...s, recipientStates: [...(s.recipientStates ?? []), 'TX'] }),
  'an extra recipient state (AL)': (s) => ({ ...s, recipientStates: [...(s.recipientStates ?? []), 'AL'] }),
};

describe('property: monotonicity — adding a restriction never turns a block or defer into an allow', () => {
  it.each(Object.entries(restrictions))('%s', (_name, restrict) => {
    fc.assert(
      fc.property(situationArb(['marketing', 'informational']), (s) => {
        const before = decide(s).decision;
        if (before === 'allow') return;
        expect(decide(restrict(s)).decision).not.toBe('allow');
      }),
      { numRuns: 250 },
    );
  });
});

describe('property: notBefore is the earliest allowed instant', () => {
  it('re-deciding at notBefore allows (or blocks), and no earlier instant allows', () => {
    fc.assert(
      fc.property(situationArb(['marketing', 'informational']), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }), (s, fractions) => {
        const d = decide(s);
        if (d.decision !== 'defer') return;
        const at = Date.parse(s.at);
        const nb = Date.parse(d.notBefore!);
        expect(nb).toBeGreaterThan(at);
        expect(decide({ ...s, at: d.notBefore! }).decision).not.toBe('defer');
        for (const f of [...fractions, -1]) {
          const t = f < 0 ? nb - 1 : at + Math.floor(f * (nb - at - 1));
          expect(decide({ ...s, at: iso(t) }).decision, `at ${iso(t)}`).not.toBe('allow');
        }
      }),
      RUNS,
    );
  });
});

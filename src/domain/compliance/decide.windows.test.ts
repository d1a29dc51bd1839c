import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { DecisionSchema } from './decision.js';
import { compliantSms } from './test-fixtures.js';

const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => `${r.rule}:${r.code}`);

describe('F1 / S1 windows at exact boundary instants (start-inclusive, end-exclusive)', () => {
  // 407 = Orlando, America/New_York; June = EDT (UTC-4). FL window 08:00-20:00.
  it('FL 07:59:59 local defers to 08:00:00 local', () => {
    const d = decide(compliantSms('2025-06-10T11:59:59Z'));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-10T12:00:00.000Z');
    expect(codes(d)).toContain('S1:state_calling_hours');
    expect(DecisionSchema.parse(d)).toEqual(d);
  });
  it('FL 08:00:00 local is allowed', () => expect(decide(compliantSms('2025-06-10T12:00:00Z')).decision).toBe('allow'));
  it('FL 19:59:59 local is allowed', () => expect(decide(compliantSms('2025-06-10T23:59:59Z')).decision).toBe('allow'));
  it('FL 19:59:59.999 local is allowed', () => expect(decide(compliantSms('2025-06-10T23:59:59.999Z')).decision).toBe('allow'));
  it('FL 20:00:00 local defers to 08:00 next day (S1, not F1)', () => {
    const d = decide(compliantSms('2025-06-11T00:00:00Z'));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-11T12:00:00.000Z');
    expect(codes(d)).toEqual(['S1:state_calling_hours']);
  });
  // 703 = northern Virginia: VA window 08:00-21:00 equals the federal one.
  it('federal 20:59:59 allowed, 21:00:00 deferred (F1 + quiet hours)', () => {
    expect(decide(compliantSms('2025-06-11T00:59:59Z', { to: '+17035551234' })).decision).toBe('allow');
    const d = decide(compliantSms('2025-06-11T01:00:00Z', { to: '+17035551234' }));
    expect(d.decision).toBe('defer');
    expect(codes(d)).toEqual(expect.arrayContaining(['F1:federal_calling_hours', 'CURB-QUIET-HOURS:quiet_hours']));
    expect(d.notBefore).toBe('2025-06-11T12:00:00.000Z');
  });
  it('federal 07:59:59 deferred, 08:00:00 allowed', () => {
    expect(decide(compliantSms('2025-06-10T11:59:59Z', { to: '+17035551234' })).notBefore).toBe('2025-06-10T12:00:00.000Z');
    expect(decide(compliantSms('2025-06-10T12:00:00Z', { to: '+17035551234' })).decision).toBe('allow');
  });
});

describe('daylight-saving switches (America/New_York)', () => {
  it('spring forward 2025-03-09: a defer from Saturday evening lands at 08:00 EDT = 12:00Z', () => {
    const d = decide(compliantSms('2025-03-09T01:00:00Z')); // Sat 20:00 EST
    expect(d.notBefore).toBe('2025-03-09T12:00:00.000Z');
  });
  it('spring forward: 07:59:59 EDT defers 1 s; the day before 08:00 EST was 13:00Z', () => {
    expect(decide(compliantSms('2025-03-09T11:59:59Z')).notBefore).toBe('2025-03-09T12:00:00.000Z');
    expect(decide(compliantSms('2025-03-08T12:30:00Z')).notBefore).toBe('2025-03-08T13:00:00.000Z');
  });
  it('fall back 2025-11-02: a defer from Saturday evening lands at 08:00 EST = 13:00Z', () => {
    const d = decide(compliantSms('2025-11-02T00:30:00Z')); // Sat 20:30 EDT
    expect(d.notBefore).toBe('2025-11-02T13:00:00.000Z');
    expect(decide(compliantSms('2025-11-02T12:30:00Z')).decision).toBe('defer'); // 07:30 EST
    expect(decide(compliantSms('2025-11-02T13:00:00Z')).decision).toBe('allow');
  });
  it('Arizona has no DST: 602 at 08:00 MST in July is 15:00Z', () => {
    const d = decide(compliantSms('2025-07-01T14:59:59Z', { to: '+16025551234' }));
    // AZ is an unlisted state: conservative default 09:00-20:00
    expect(d.notBefore).toBe('2025-07-01T16:00:00.000Z');
  });
});

describe('850: the Florida Panhandle spans Eastern and Central', () => {
  const panhandle = (at: string) => compliantSms(at, { to: '+18505551234' });
  it('08:30 ET (07:30 CT) defers to 09:00 ET', () => {
    const d = decide(panhandle('2025-06-10T12:30:00Z'));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-10T13:00:00.000Z');
    expect(d.zones).toEqual(['America/New_York', 'America/Chicago']);
  });
  it('19:30 CT (20:30 ET) is not allowed; the next allowed instant is 09:00 ET', () => {
    const d = decide(panhandle('2025-06-11T00:30:00Z'));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-11T13:00:00.000Z');
  });
  it('09:15 ET is allowed', () => expect(decide(panhandle('2025-06-10T13:15:00Z')).decision).toBe('allow'));
  it('448 (850 overlay) behaves the same; a known Pensacola exchange is Central only', () => {
    expect(decide(compliantSms('2025-06-10T12:30:00Z', { to: '+14485551234' })).notBefore).toBe('2025-06-10T13:00:00.000Z');
    expect(decide(compliantSms('2025-06-10T12:30:00Z', { to: '+18504345555' })).notBefore).toBe('2025-06-10T13:00:00.000Z');
    expect(decide(compliantSms('2025-06-10T12:30:00Z', { to: '+18506445555' })).decision).toBe('allow');
  });
});

describe('state day rules', () => {
  // 214 = Dallas, Central. TX: 09-21 Mon-Sat, 12-21 Sunday.
  it('TX Sunday 11:59:59 defers to noon; noon is allowed', () => {
    const d = decide(compliantSms('2025-06-15T16:59:59Z', { to: '+12145551234' }));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-15T17:00:00.000Z');
    expect(decide(compliantSms('2025-06-15T17:00:00Z', { to: '+12145551234' })).decision).toBe('allow');
    expect(decide(compliantSms('2025-06-16T14:00:00Z', { to: '+12145551234' })).decision).toBe('allow'); // Monday 09:00
  });
  it('a TX mailing address brings the Sunday-noon rule to a Florida number', () => {
    const d = decide(compliantSms('2025-06-15T15:00:00Z', { to: '+14075551234', recipientStates: ['TX'] }));
    expect(d.states).toEqual(['TX', 'FL']);
    expect(d.decision).toBe('defer');
    // noon in Denver (the TX El Paso zone) is the latest noon among ET/CT/MT
    expect(d.notBefore).toBe('2025-06-15T18:00:00.000Z');
  });
  it('AL: no solicitation on a federal holiday (Independence Day, Friday) → Saturday 08:00', () => {
    const d = decide(compliantSms('2025-07-04T15:00:00Z', { to: '+12055551234', account: { lastNationalDncScrubAt: '2025-07-03T00:00:00Z' } }));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-07-05T13:00:00.000Z');
  });
  it('AL: Christmas 2022 fell on Sunday, observed Monday → Tuesday 08:00', () => {
    const d = decide(compliantSms('2022-12-24T20:00:00Z', { to: '+12055551234' })); // Sat 14:00 CST — allowed
    expect(d.decision).toBe('allow');
    const d2 = decide(compliantSms('2022-12-25T15:00:00Z', { to: '+12055551234' }));
    expect(d2.notBefore).toBe('2022-12-27T14:00:00.000Z');
  });
  it('an unlisted state (GA) takes the conservative default: no Sundays, 09-20', () => {
    const d = decide(compliantSms('2025-06-15T15:00:00Z', { to: '+14045551234' })); // Sunday 11:00 EDT
    expect(d.notBefore).toBe('2025-06-16T13:00:00.000Z');
  });
});

describe('re-evaluation: notBefore is when EVERY rule allows', () => {
  it('a daily-cap release at 21:30 local moves on to 08:00 the next morning', () => {
    const d = decide(compliantSms('2025-06-11T12:00:00Z', { history: [{ at: '2025-06-11T01:30:00Z', channel: 'sms', purpose: 'marketing', direction: 'outbound' }] }));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-12T12:00:00.000Z');
    expect(d.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['daily_cap_reached', 'state_calling_hours']));
  });
  it('a scrub that goes stale before the window opens blocks instead of deferring', () => {
    const d = decide(compliantSms('2025-06-11T01:00:00Z', { account: { lastNationalDncScrubAt: '2025-05-10T18:00:00Z' } }));
    expect(d.decision).toBe('block');
    expect(d.reasons.find((r) => r.effect === 'block')?.code).toBe('national_dnc_scrub_stale');
  });
  it('no instant within the horizon → block', () => {
    const d = decide(compliantSms('2025-06-11T01:00:00Z'), { horizonDays: 0.25 });
    expect(d.decision).toBe('block');
    expect(d.reasons.at(-1)?.code).toBe('no_allowed_time_within_horizon');
  });
});

describe('rolling 24 h counts', () => {
  it('Curb cap of 1 counts across midnight: 19:30 yesterday still counts at 09:00 today', () => {
    const d = decide(compliantSms('2025-06-11T13:00:00Z', { history: [{ at: '2025-06-10T23:30:00Z', channel: 'email', purpose: 'marketing', direction: 'outbound' }] }));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-11T23:30:00.000Z');
  });
  it('a message exactly 24 h old no longer counts', () => {
    const d = decide(compliantSms('2025-06-11T13:00:00Z', { history: [{ at: '2025-06-10T13:00:00Z', channel: 'sms', direction: 'outbound', purpose: 'marketing' }] }));
    expect(d.decision).toBe('allow');
  });
  it('inbound and informational history do not count toward marketing caps', () => {
    const d = decide(compliantSms('2025-06-11T13:00:00Z', {
      history: [
        { at: '2025-06-11T12:00:00Z', channel: 'sms', direction: 'inbound', purpose: 'marketing' },
        { at: '2025-06-11T12:10:00Z', channel: 'sms', direction: 'outbound', purpose: 'informational' },
      ],
    }));
    expect(d.decision).toBe('allow');
  });
  it('S2: Florida caps 3 solicitations per rolling 24 h across channels and sender numbers', () => {
    const history = ['2025-06-10T22:00:00Z', '2025-06-10T23:00:00Z', '2025-06-11T12:30:00Z'].map((at, i) => ({ at, channel: i === 1 ? ('voice' as const) : ('sms' as const), purpose: 'marketing' as const, direction: 'outbound' as const }));
    const d = decide(compliantSms('2025-06-11T13:00:00Z', { history, account: { lastNationalDncScrubAt: '2025-06-10T00:00:00Z', maxMessagesPerContactPerDay: 5 } }));
    expect(d.decision).toBe('defer');
    expect(d.reasons.map((r) => `${r.rule}:${r.code}`)).toContain('S2:state_frequency_cap');
    expect(d.notBefore).toBe('2025-06-11T22:00:00.000Z');
    // two in the window is fine
    expect(decide(compliantSms('2025-06-11T13:00:00Z', { history: history.slice(1), account: { lastNationalDncScrubAt: '2025-06-10T00:00:00Z', maxMessagesPerContactPerDay: 5 } })).decision).toBe('allow');
  });
});

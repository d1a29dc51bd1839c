import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { compliantSms } from './test-fixtures.js';

const NOON_ET = '2025-06-10T16:00:00Z'; // Tuesday 12:00 EDT, 11:00 CDT
const codes = (d: ReturnType<typeof decide>) => d.reasons.filter((r) => r.effect !== 'info').map((r) => `${r.rule}:${r.code}`);

describe('F3: National DNC scrub age (31 days = 31 × 24 h, inclusive)', () => {
  const at = '2025-06-10T16:00:00.000Z';
  const scrubbed = (scrub: string | null) => compliantSms(at, { account: { lastNationalDncScrubAt: scrub, postalAddress: 'x' } });
  it('exactly 31 days old is allowed', () => expect(decide(scrubbed('2025-05-10T16:00:00.000Z')).decision).toBe('allow'));
  it('31 days + 1 ms is blocked', () => {
    const d = decide(scrubbed('2025-05-10T15:59:59.999Z'));
    expect(d.decision).toBe('block');
    expect(codes(d)).toEqual(['F3:national_dnc_scrub_stale']);
  });
  it('no scrub date = never scrubbed', () => expect(codes(decide(scrubbed(null)))).toEqual(['F3:national_dnc_not_scrubbed']));
  it('does not apply to email, or with the offer-to-buy exemption', () => {
    expect(decide({ ...scrubbed(null), channel: 'email', to: 'jane@example.com', hasUnsubscribeLink: true }).decision).toBe('allow');
    const d = decide(compliantSms(at, { account: { offerToBuyExemption: true } }));
    expect(d.decision).toBe('allow');
    expect(d.reasons.map((r) => r.rule)).toContain('F14');
  });
});

describe('F2 / S6 / F4 / litigator lists and F5 exemptions', () => {
  const listed = (lists: ('national_dnc' | 'state_dnc' | 'internal_dnc' | 'litigator')[], contact: object = {}, initiation: 'manual' | 'automated' = 'manual') =>
    compliantSms(NOON_ET, { initiation, contact: { lists, ...contact } });
  it('national DNC without permission or EBR is blocked', () => expect(codes(decide(listed(['national_dnc'])))).toEqual(['F2:national_dnc']));
  it('state DNC without exemption is blocked', () => expect(codes(decide(listed(['state_dnc'])))).toEqual(['S6:state_dnc']));
  it('written consent exempts national and state lists', () => {
    expect(decide(listed(['national_dnc', 'state_dnc'], { consent: { kind: 'written', at: '2025-01-01T00:00:00Z' } }, 'automated')).decision).toBe('allow');
  });
  it('internal DNC and litigator lists have no exemption', () => {
    const d = decide(listed(['internal_dnc', 'litigator'], { consent: { kind: 'written', at: '2025-01-01T00:00:00Z' }, ebr: { kind: 'transaction', at: '2025-06-01T00:00:00Z' } }));
    expect(codes(d)).toEqual(['R-LIT-SCRUB:litigator', 'F4:internal_dnc']);
  });
  it('EBR after a transaction lasts 18 months, both ends inclusive', () => {
    const ebr = { kind: 'transaction', at: '2023-12-10T16:00:00.000Z' };
    expect(decide(listed(['national_dnc'], { ebr })).decision).toBe('allow'); // exactly 18 months
    expect(decide(listed(['national_dnc'], { ebr: { ...ebr, at: '2023-12-10T15:59:59.999Z' } })).decision).toBe('block');
  });
  it('EBR after an inquiry lasts 3 months', () => {
    expect(decide(listed(['national_dnc'], { ebr: { kind: 'inquiry', at: '2025-03-10T16:00:00.000Z' } })).decision).toBe('allow');
    expect(decide(listed(['national_dnc'], { ebr: { kind: 'inquiry', at: '2025-03-10T15:59:59.999Z' } })).decision).toBe('block');
  });
  it('an EBR or consent dated after the send does not exempt', () => {
    expect(decide(listed(['national_dnc'], { ebr: { kind: 'transaction', at: '2025-07-01T00:00:00Z' } })).decision).toBe('block');
  });
  it('an opt-out overrides every exemption', () => {
    const d = decide(listed(['national_dnc'], { optedOutAt: '2025-06-01T00:00:00Z', consent: { kind: 'written', at: '2025-01-01T00:00:00Z' } }));
    expect(d.decision).toBe('block');
    expect(codes(d)).toEqual(expect.arrayContaining(['F8:opted_out', 'F2:national_dnc']));
  });
  it('DNC lists do not apply to email', () => {
    const d = decide({ ...listed(['national_dnc', 'state_dnc', 'internal_dnc', 'litigator']), channel: 'email', to: 'jane@example.com', hasUnsubscribeLink: true });
    expect(d.decision).toBe('allow');
  });
});

describe('F6 / S3 / Curb cold-contact rule', () => {
  const cold = (over: object = {}) => compliantSms(NOON_ET, { contact: { lists: [] }, ...over });
  it('automated marketing SMS without written consent is blocked and routed to manual approval', () => {
    expect(codes(decide(cold()))).toEqual(['F6:no_written_consent', 'CURB-COLD:needs_manual_approval', 'S3:state_written_consent_required']);
  });
  it('express (not written) consent is not enough for automation', () => {
    expect(decide(cold({ contact: { consent: { kind: 'express', at: '2025-01-01T00:00:00Z' } } })).decision).toBe('block');
  });
  it('a person clicking send (manual) is allowed in Florida', () => expect(decide(cold({ initiation: 'manual' })).decision).toBe('allow'));
  it('Connecticut needs written consent even for a manual text', () => {
    expect(codes(decide(cold({ initiation: 'manual', to: '+12035551234' })))).toEqual(['S7:state_written_consent_required']);
  });
  it('Washington needs some consent for a manual commercial text', () => {
    const d = decide(compliantSms('2025-06-10T19:00:00Z', { initiation: 'manual', to: '+12065551234', contact: { lists: [] } }));
    expect(codes(d)).toEqual(['S7:state_consent_required']);
  });
  it('automatedColdOutreachApproved removes only the approval-queue reason; F6 and state law still block', () => {
    const d = decide(cold({ account: { lastNationalDncScrubAt: '2025-06-09T00:00:00Z', automatedColdOutreachApproved: true } }));
    expect(codes(d)).toEqual(['F6:no_written_consent', 'S3:state_written_consent_required']);
  });
  it('automated voice without written consent is blocked', () => {
    expect(codes(decide(cold({ channel: 'voice', to: '+17035551234' })))).toContain('F6:no_written_consent');
  });
  it('a missing initiation reads as automated', () => {
    const s = cold();
    delete s.initiation;
    expect(decide(s).decision).toBe('block');
  });
});

describe('F8 / F9 / F10 opt-out handling', () => {
  const optedOut = '2025-06-11T02:00:00.000Z'; // 22:00 EDT, quiet hours
  const confirm = (at: string, over: object = {}) =>
    compliantSms(at, { purpose: 'opt_out_confirmation', body: 'You are unsubscribed from Oak Homes. No more messages.', contact: { optedOutAt: optedOut }, ...over });
  it.each(['sms', 'voice'] as const)('marketing on %s to an opted-out contact is blocked (with F9 revoke-all noted)', (channel) => {
    const d = decide(compliantSms(NOON_ET, { channel, contact: { optedOutAt: '2025-06-01T00:00:00Z', consent: { kind: 'written', at: '2025-01-01T00:00:00Z' } } }));
    expect(d.decision).toBe('block');
    expect(d.reasons.map((r) => `${r.rule}:${r.code}`)).toEqual(expect.arrayContaining(['F8:opted_out', 'F9:revoke_all_applied']));
  });
  it('an opt-out by SMS blocks marketing email too', () => {
    const d = decide({ ...compliantSms(NOON_ET, { contact: { optedOutAt: '2025-06-01T00:00:00Z' } }), channel: 'email', to: 'jane@example.com', hasUnsubscribeLink: true });
    expect(codes(d)).toEqual(['F8:opted_out']);
  });
  it('informational messages are blocked after an opt-out', () => {
    expect(codes(decide(compliantSms(NOON_ET, { purpose: 'informational', contact: { optedOutAt: '2025-06-01T00:00:00Z' } })))).toContain('F8:opted_out');
  });
  it('one confirmation exactly 5 minutes after the opt-out is allowed, even in quiet hours', () => {
    expect(decide(confirm('2025-06-11T02:05:00.000Z')).decision).toBe('allow');
  });
  it('5 minutes + 1 ms is too late', () => expect(codes(decide(confirm('2025-06-11T02:05:00.001Z')))).toEqual(['F10:confirmation_window_passed']));
  it('never a second confirmation', () => {
    const d = decide(confirm('2025-06-11T02:01:00Z', { history: [{ at: '2025-06-11T02:00:30Z', channel: 'sms', purpose: 'opt_out_confirmation', direction: 'outbound' }] }));
    expect(codes(d)).toEqual(['F10:confirmation_already_sent']);
  });
  it('a confirmation from an earlier opt-out does not count against a new one', () => {
    const d = decide(confirm('2025-06-11T02:01:00Z', { history: [{ at: '2025-01-01T00:00:00Z', channel: 'sms', purpose: 'opt_out_confirmation', direction: 'outbound' }] }));
    expect(d.decision).toBe('allow');
  });
  it('no confirmation without an opt-out, before it, by voice, or with a link', () => {
    expect(codes(decide(confirm('2025-06-11T02:01:00Z', { contact: {} })))).toEqual(['F10:not_opted_out']);
    expect(codes(decide(confirm('2025-06-11T01:59:00Z')))).toEqual(['F10:confirmation_before_opt_out']);
    expect(codes(decide(confirm('2025-06-11T02:01:00Z', { channel: 'voice' })))).toEqual(['F10:confirmation_channel']);
    expect(codes(decide(confirm('2025-06-11T02:01:00Z', { body: 'Unsubscribed. See deals at https://oak.example' })))).toEqual(['F10:confirmation_contains_link']);
  });
});

describe('HELP answers', () => {
  const help = (at: string, over: object = {}) =>
    compliantSms(at, { purpose: 'help', body: 'Oak Homes: real-estate offers. Reply STOP to opt out.', history: [{ at: '2025-06-11T02:58:00Z', channel: 'sms', direction: 'inbound', purpose: 'help' }], ...over });
  it('answers a HELP request within 15 minutes, even to an opted-out contact and in quiet hours', () => {
    expect(decide(help('2025-06-11T03:00:00Z', { contact: { optedOutAt: '2025-06-01T00:00:00Z' } })).decision).toBe('allow');
  });
  it('no HELP answer without a recent inbound message', () => {
    expect(codes(decide(help('2025-06-11T03:20:00Z')))).toEqual(['C5:help_without_request']);
  });
  it('a litigator gets no automated HELP answer', () => {
    expect(codes(decide(help('2025-06-11T03:00:00Z', { contact: { lists: ['litigator'] } })))).toEqual(['R-LIT-SCRUB:litigator']);
  });
});

describe('informational messages', () => {
  it('follow Curb quiet hours but not the state solicitation windows', () => {
    const info = (at: string) => compliantSms(at, { purpose: 'informational', contact: { consent: { kind: 'express', at: '2025-01-01T00:00:00Z' } } });
    expect(decide(info('2025-06-11T00:30:00Z')).decision).toBe('allow'); // 20:30 EDT: FL solicitation window closed
    const d = decide(info('2025-06-11T01:00:00Z')); // 21:00 EDT
    expect(d.decision).toBe('defer');
    expect(codes(d)).toEqual(['CURB-QUIET-HOURS:quiet_hours']);
  });
  it('automated informational needs some consent or an earlier message from the person', () => {
    const s = compliantSms(NOON_ET, { purpose: 'informational', contact: {} });
    expect(codes(decide(s))).toEqual(['F6:no_prior_express_consent']);
    expect(decide({ ...s, history: [{ at: '2025-06-10T15:00:00Z', channel: 'sms', direction: 'inbound', purpose: 'informational' }] }).decision).toBe('allow');
  });
});

describe('C6 content', () => {
  it.each([
    ['See your offer at bit.ly/3xYz', 'content_url_shortener'],
    ['https://tinyurl.com/abc', 'content_url_shortener'],
    ['details: t.co/abc', 'content_url_shortener'],
    ['Free beer at the open house', 'content_alcohol'],
    ['Bring your guns', 'content_firearms'],
    ['Great spot near the dispensary', 'content_cannabis'],
    ['Our trusted partners may contact you', 'content_lead_generation'],
  ])('%s → %s', (body, code) => expect(codes(decide(compliantSms(NOON_ET, { body })))).toEqual([`C6:${code}`]));
  it.each(['Visit oakhomes.com/offer', 'We can close at your convenience', 'Is the kitchen updated?'])('no false block: %s', (body) => {
    expect(decide(compliantSms(NOON_ET, { body })).decision).toBe('allow');
  });
});

describe('email (E1, E4), no quiet hours', () => {
  const email = (at: string, over: object = {}) => ({ ...compliantSms(at), channel: 'email' as const, to: 'jane@example.com', hasUnsubscribeLink: true, ...over });
  it('marketing email at 03:00 local is allowed: quiet hours are for interrupting channels', () => {
    expect(decide(email('2025-06-10T07:00:00Z')).decision).toBe('allow');
  });
  it('missing postal address (E1) and missing unsubscribe (E4) block', () => {
    expect(codes(decide(email(NOON_ET, { hasUnsubscribeLink: undefined, account: {} })))).toEqual(['E1:missing_postal_address', 'E4:missing_unsubscribe']);
  });
  it('carrier email-to-SMS domains are refused', () => expect(codes(decide(email(NOON_ET, { to: '4075551234@vtext.com' })))).toEqual(['R-EMAIL-WIRELESS:wireless_email_domain']));
  it('the Curb daily cap counts across channels', () => {
    const d = decide(email(NOON_ET, { history: [{ at: '2025-06-10T13:00:00Z', channel: 'sms', purpose: 'marketing', direction: 'outbound' }] }));
    expect(d.decision).toBe('defer');
    expect(d.notBefore).toBe('2025-06-11T13:00:00.000Z');
  });
});

describe('R-TZ-UNKNOWN: fail closed', () => {
  it.each(['+18005551234', '+18885551234', '+19005551234', '+15005551234', '+442079460958', '+18765551234'])('%s → block unknown_time_zone', (to) => {
    expect(codes(decide(compliantSms(NOON_ET, { to })))).toContain('R-TZ-UNKNOWN:unknown_time_zone');
  });
  it('a known recipient zone makes an unmapped number decidable', () => {
    expect(decide(compliantSms(NOON_ET, { to: '+18005551234', recipientZones: ['America/New_York'] })).decision).toBe('allow');
  });
  it('an unknown recipient state blocks', () => expect(codes(decide(compliantSms(NOON_ET, { recipientStates: ['ZZ'] })))).toEqual(['R-TZ-UNKNOWN:unknown_state']));
  it('a bare situation takes every safe reading: automated marketing, no consent, never scrubbed', () => {
    const d = decide({ at: NOON_ET, channel: 'sms', to: '+14075551234' });
    expect(d.decision).toBe('block');
    expect(codes(d)).toEqual(expect.arrayContaining(['F3:national_dnc_not_scrubbed', 'F6:no_written_consent', 'CURB-COLD:needs_manual_approval']));
  });
  it('unreadable stored dates take the safe reading', () => {
    const d = decide(compliantSms(NOON_ET, { contact: { optedOutAt: 'garbage', consent: { kind: 'written', at: 'garbage' } } }));
    expect(codes(d)).toEqual(expect.arrayContaining(['F8:opted_out', 'F6:no_written_consent']));
    expect(decide(compliantSms(NOON_ET, { account: { lastNationalDncScrubAt: 'garbage' } })).reasons[0]?.code).toBe('national_dnc_not_scrubbed');
  });
  it('unreadable input blocks instead of throwing', () => {
    expect(decide({ ...compliantSms(NOON_ET), at: 'not a date' }).decision).toBe('block');
    expect(decide({ ...compliantSms(NOON_ET), channel: 'email' }).reasons[0]?.code).toBe('invalid_input');
  });
});

import { describe, expect, it } from 'vitest';
import { buildFactSet } from './build-fact-set.js';
import { guardMessage, type GuardMessageOptions } from './guard-message.js';

const record = {
  first_name: 'Margaret',
  owner_name: 'Margaret Ellison',
  situs_address: '1234 LAKE UNDERHILL RD',
  city: 'Orlando',
  county: 'Orange',
  agent_name: 'Dana',
  company: 'Sunshine Home Buyers',
  agent_phone: '(407) 555-0134',
  offer_link: 'https://sunshinehomebuyers.example.com/offer',
  postal_address: '100 N Orange Ave, Orlando, FL 32801',
};
const facts = buildFactSet({ values: [record] });
const sms = (text: string, more: Partial<GuardMessageOptions> = {}) =>
  guardMessage({ channel: 'sms', kind: 'initial', text, facts, requireFooter: true, footer: 'Reply STOP to opt out', identity: record.company, ...more });
const codes = (r: { reasons: Array<{ code: string }> }) => r.reasons.map((x) => x.code);

describe('guardMessage: facts', () => {
  it('passes a message whose every claim comes from the facts, and adds the footer', () => {
    const r = sms('Hi Margaret, this is Dana with Sunshine Home Buyers. Would you consider an as-is offer on 1234 Lake Underhill Road?');
    expect(r.verdict).toBe('pass');
    expect(r.text.endsWith('Reply STOP to opt out')).toBe(true);
    expect(r.changes).toContain('footer_added');
    expect(r.segments).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
  it('rejects an invented price', () => {
    const r = sms('Hi Margaret, Dana with Sunshine Home Buyers. We can offer $250,000 cash for 1234 Lake Underhill Rd.');
    expect(r.verdict).toBe('reject');
    expect(codes(r)).toContain('unsupported_price');
    expect(r.reasons.find((x) => x.code === 'unsupported_price')?.detail).toContain('$250,000');
  });
  it('accepts a price that is in the facts, however it is written', () => {
    const withPrice = buildFactSet({ values: [record, { asking_price: 250000 }] });
    expect(sms('Hi Margaret, Dana with Sunshine Home Buyers. You mentioned $250k for the house, is that still right?', { facts: withPrice }).verdict).toBe('pass');
    expect(sms('Hi Margaret, Dana with Sunshine Home Buyers. You mentioned $250,000 for the house?', { facts: withPrice }).verdict).toBe('pass');
  });
  it('rejects spelled-out amounts that are not facts', () => {
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. We pay two hundred thousand for homes like yours.'))).toContain('unsupported_price');
  });
  it('rejects an invented address, phone, number, date, name and link', () => {
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. Would you sell 99 Elm Street?'))).toContain('unsupported_address');
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. Call me at 321-555-9999.'))).toContain('unsupported_phone');
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. We can close in 7 days.'))).toContain('unsupported_number');
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. This offer ends Friday.'))).toContain('unsupported_date');
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. My partner Bob Jenkins can help.'))).toContain('unsupported_name');
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. See https://example.org/deal'))).toContain('unsupported_link');
  });
  it('checks names in sign-offs', () => {
    expect(codes(sms('Hi Margaret, Sunshine Home Buyers here. Any interest in selling? - Bob'))).toContain('unsupported_name');
    expect(codes(sms('Hi Margaret, Sunshine Home Buyers here. Any interest in selling? - Dana'))).not.toContain('unsupported_name');
    const email = (text: string) => guardMessage({ channel: 'email', kind: 'response', text, subject: 'Your property', facts, requireFooter: false });
    expect(codes(email('Hi Margaret,\n\nThanks for the reply.\n\nBest,\nBob'))).toContain('unsupported_name');
    expect(codes(email('Hi Margaret,\n\nThanks for the reply.\n\nBest,\nDana\nSunshine Home Buyers'))).not.toContain('unsupported_name');
  });
  it('accepts the facts phone number, link and address in other spellings', () => {
    const r = sms('Hi Margaret, Dana with Sunshine Home Buyers about 1234 Lake Underhill Rd. Call 407.555.0134 or see sunshinehomebuyers.example.com/offer');
    expect(codes(r).filter((c) => c.startsWith('unsupported'))).toEqual([]);
  });
});

describe('guardMessage: content and carrier lint', () => {
  it('blocks a public URL shortener', () => {
    const r = sms('Hi Margaret, Dana with Sunshine Home Buyers. Get your offer: bit.ly/3xYz');
    expect(r.verdict).toBe('reject');
    expect(codes(r)).toContain('url_shortener');
  });
  it('blocks SHAFT and cannabis content, unless the word is part of the facts (a street name)', () => {
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. Free beer when we close!'))).toContain('forbidden_content');
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. Is the CBD shop still a tenant?'))).toContain('forbidden_content');
    const gunClub = buildFactSet({ values: [{ ...record, situs_address: '77 Gun Club Rd' }] });
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers. Any interest in selling 77 Gun Club Rd?', { facts: gunClub }))).not.toContain('forbidden_content');
  });
  it('asks for a rewrite on spam phrases, repeated punctuation and shouting', () => {
    const r = sms('Hi Margaret, Dana with Sunshine Home Buyers. ACT NOW, this is URGENT!!! Guaranteed SALE.');
    expect(r.verdict).toBe('rewrite');
    expect(codes(r)).toEqual(expect.arrayContaining(['spam_phrase', 'repeated_punctuation', 'all_caps']));
  });
  it('flags a stray emoji that doubles the cost', () => {
    const r = sms('Hi Margaret, Dana with Sunshine Home Buyers 🏠 any interest in selling?');
    expect(r.verdict).toBe('rewrite');
    expect(codes(r)).toContain('cost_doubling');
    expect(r.segments.encoding).toBe('UCS-2');
  });
  it('replaces curly quotes instead of paying for UCS-2', () => {
    const r = sms('Hi Margaret, it’s Dana with Sunshine Home Buyers. Would you consider an as-is offer?');
    expect(r.text).toContain("it's");
    expect(r.segments.encoding).toBe('GSM-7');
    expect(r.verdict).toBe('pass');
  });
  it('a non-GSM letter that is in the facts (a name) is not a stray character', () => {
    const f = buildFactSet({ values: [{ ...record, first_name: 'Nguyễn' }] });
    expect(codes(sms('Hi Nguyễn, Dana with Sunshine Home Buyers. Any interest in selling?', { facts: f }))).not.toContain('cost_doubling');
  });
});

describe('guardMessage: length', () => {
  it('an SMS over the one-segment target is sent back for a rewrite', () => {
    const long = `Hi Margaret, this is Dana with Sunshine Home Buyers. I wanted to reach out about 1234 Lake Underhill Rd because we buy houses as-is in Orange County and would love to talk.`;
    const r = sms(long);
    expect(r.segments.segments).toBe(2);
    expect(r.verdict).toBe('rewrite');
    expect(codes(r)).toEqual(['over_length_target']);
  });
  it('an SMS over the hard maximum is rejected', () => {
    const r = sms(`Hi Margaret, Dana with Sunshine Home Buyers. ${'We buy houses as-is. '.repeat(30)}`);
    expect(r.verdict).toBe('reject');
    expect(codes(r)).toContain('too_long');
  });
  it('voicemail scripts over the word target are rewritten', () => {
    const script = `Hi Margaret, this is Dana with Sunshine Home Buyers at (407) 555-0134. ${'We buy houses as-is and would like to talk. '.repeat(5)}`;
    const r = guardMessage({ channel: 'voicemail', kind: 'voicemail', text: script, facts, requireFooter: true, footer: "If you'd rather not hear from us, tell us and we won't call again.", identity: record.company });
    expect(codes(r)).toContain('over_length_target');
  });
});

describe('guardMessage: footers', () => {
  it('keeps an opt-out line the text already has instead of adding a second one', () => {
    const r = sms('Hi Margaret, Dana with Sunshine Home Buyers. Any interest in selling? Reply STOP to opt out');
    expect(r.text.match(/STOP/g)).toHaveLength(1);
    expect(r.changes).not.toContain('footer_added');
  });
  it('recognises a configured footer in other words and does not add it twice', () => {
    const r = sms('Hi Margaret, Dana with Sunshine Home Buyers. Any interest in selling? Txt STOP2END', { footer: 'Txt STOP2END' });
    expect(r.text.match(/STOP2END/g)).toHaveLength(1);
  });
  it('rejects a first SMS without opt-out language when no footer is configured', () => {
    expect(codes(sms('Hi Margaret, Dana with Sunshine Home Buyers here.', { footer: undefined }))).toContain('missing_opt_out');
  });
  it('rejects a first SMS that does not name the business', () => {
    expect(codes(sms('Hi Margaret, any interest in selling 1234 Lake Underhill Rd?'))).toContain('missing_identity');
  });
  it('follow-up SMS need no footer', () => {
    const r = sms('Hi Margaret, just checking in about 1234 Lake Underhill Rd.', { kind: 'follow_up', requireFooter: false });
    expect(r.verdict).toBe('pass');
    expect(r.text).not.toContain('STOP');
  });
  it('every email carries the postal address and an unsubscribe line', () => {
    const footer = `--\nSunshine Home Buyers\n${record.postal_address}\nTo stop getting these emails, reply "unsubscribe".`;
    const body = `Hi Margaret,\n\n${'We buy houses as-is in Orange County and would like to talk about 1234 Lake Underhill Rd. '.repeat(14)}\n\nDana`;
    const r = guardMessage({ channel: 'email', kind: 'initial', text: body, subject: 'Your property at 1234 Lake Underhill Rd', facts, requireFooter: true, footer, postalAddress: record.postal_address });
    expect(r.text).toContain('unsubscribe');
    expect(r.text).toContain(record.postal_address);
    expect(r.verdict).toBe('pass');
    const noAddress = guardMessage({ channel: 'email', kind: 'initial', text: body, subject: 'Hello', facts, requireFooter: true, footer: 'Reply unsubscribe to stop.', postalAddress: record.postal_address });
    expect(codes(noAddress)).toContain('missing_postal_address');
  });
  it('rejects a fake "Re:" subject on a cold email', () => {
    const r = guardMessage({ channel: 'email', kind: 'initial', text: 'Hi Margaret', subject: 'Re: our call', facts, requireFooter: false });
    expect(codes(r)).toContain('deceptive_subject');
  });
});

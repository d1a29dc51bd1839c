import { describe, expect, it } from 'vitest';
import { describeSlot, formatSlotOffer, zoneLabel } from './format-slot-offer.js';
import type { OfferedSlot } from './offered-slot.js';
import { parseSlotChoice, type SlotChoice } from './parse-slot-choice.js';
import { pickSlotsToOffer } from './pick-slots-to-offer.js';

const NY = 'America/New_York';
// Tuesday 2025-03-04, 10:00 in New York (EST, UTC-5; DST starts on March 9).
const now = new Date('2025-03-04T15:00:00.000Z');
const offered: OfferedSlot[] = [
  { startTime: '2025-03-04T20:00:00.000Z' }, // 1) today (Tue) 3pm
  { startTime: '2025-03-05T14:00:00.000Z' }, // 2) tomorrow (Wed) 9am
  { startTime: '2025-03-06T19:30:00.000Z' }, // 3) Thu 2:30pm
];

const pick = (reply: string, slots = offered): SlotChoice => parseSlotChoice({ reply, offered: slots, timeZone: NY, now });
const index = (c: SlotChoice): number | string => (c.kind === 'chosen' ? c.index + 1 : c.reason);

describe('parseSlotChoice: which offered slot a reply picks', () => {
  it.each([
    ['1', 1], ['2', 2], ['3.', 3], ['2!', 2], ['#3', 3], ['Option 2 please', 2], ['opt 1', 1], ['number two', 2], ['No. 3', 3],
    ['the 2nd one', 2], ['The second one works', 2], ['first', 1], ['1st one is good', 1], ['third option', 3], ['the last one', 3],
    ['earliest one', 1], ['Yes, the second one', 2], ['2 works for me', 2], ['Lets do 1', 1], ['  3  ', 3],
  ])('by number or position: %j → %s', (reply, expected) => {
    expect(index(pick(reply))).toBe(expected);
  });

  it.each([
    ['today at 3', 1], ['tuesday at 3', 1], ['tues 3pm', 1], ['3pm works', 1], ['3 pm today is fine', 1], ['Let\'s do 3 today', 1],
    ['at three today', 1], ['Tuesday works but not at 9', 1],
    ['tomorrow morning', 2], ['tmrw at 9', 2], ['wednesday 9am', 2], ['wed @ 9', 2], ['at 9', 2], ['9am', 2], ['9:00 AM works', 2],
    ['Mar 5 at 9', 2], ['March 5th', 2], ['3/5', 2], ["I'll take the 9am tomorrow", 2], ['not tuesday, wednesday at 9 is good', 2],
    ['2:30 thursday', 3], ['Thursday', 3], ['thu 2:30p', 3], ['thursday afternoon', 3], ['3/6 works', 3], ['the 6th', 3],
    ["wednesday doesn't work, thursday does", 3], ['2:30', 3], ['2pm works', 3], ['around 2:30ish', 3],
    ['Tomorrow works', 2], ['Today', 1], ['Thursday at 2:30 works great, thanks!', 3], ['I can do wed', 2], ['this afternoon', 1],
    ['Wednesday morning is best', 2], ['before noon', 2], ['after 3pm thursday', 'no_match'], ['Thurs 2:30 PM', 3], ['Weds', 2],
  ])('by day and time in the owner’s zone: %j → %s', (reply, expected) => {
    const c = pick(reply);
    expect(index(c)).toBe(expected);
  });

  it.each([
    ['any of them', 1], ['either works', 1], ['whichever is easiest for you', 1], ['anytime works', 1], ['your call', 1],
  ])('any of them: %j → the soonest', (reply, expected) => {
    const c = pick(reply);
    expect(index(c)).toBe(expected);
    expect(c.kind === 'chosen' && c.matchedBy).toBe('any');
  });

  it.each([
    ['none of those work', 'declined'], ["Can't do any of those, next week?", 'declined'], ['no', 'declined'], ['nope', 'declined'],
    ["those don't work for me", 'declined'], ['maybe another day', 'declined'], ['neither', 'declined'], ['thursday at 9', 'no_match'],
    ['afternoon', 'ambiguous'], ['after 2', 'ambiguous'], ['yes', 'ambiguous'], ['sounds good', 'ambiguous'], ["can't do tuesday", 'ambiguous'],
    ['Friday?', 'no_match'], ['How about 10:30 on Wednesday?', 'no_match'], ["what's your offer?", 'no_match'], ['9', 'no_match'], ['12', 'no_match'],
    ['at noon', 'no_match'], ['STOP', 'no_match'], ['', 'no_match'], ['who is this', 'no_match'], ['5', 'no_match'],
  ])('no single slot: %j → %s', (reply, expected) => {
    expect(index(pick(reply))).toBe(expected);
  });

  it('one offered slot: a yes books it, a no declines', () => {
    const one = [offered[1]!];
    expect(pick('yes', one)).toMatchObject({ kind: 'chosen', index: 0, matchedBy: 'yes' });
    expect(index(pick('Sure, that works', one))).toBe(1);
    expect(index(pick('ok', one))).toBe(1);
    expect(index(pick('no, busy then', one))).toBe('declined');
    expect(index(pick('Can we do Thursday instead?', one))).toBe('no_match');
  });

  it('prefers the exact minute and the on-the-hour slot', () => {
    const halfHours: OfferedSlot[] = [{ startTime: '2025-03-05T20:00:00.000Z' }, { startTime: '2025-03-05T20:30:00.000Z' }]; // Wed 3pm, 3:30pm
    expect(index(pick('at 3', halfHours))).toBe(1);
    expect(index(pick('3:30', halfHours))).toBe(2);
    expect(index(pick('3:15', halfHours))).toBe('no_match');
  });

  it('reads times in the owner’s zone, not UTC', () => {
    const la = parseSlotChoice({ reply: 'tomorrow at 6am', offered, timeZone: 'America/Los_Angeles', now });
    expect(la).toMatchObject({ kind: 'chosen', index: 1 });
  });
});

describe('pickSlotsToOffer', () => {
  const free = [
    '2025-03-04T15:30:00.000Z', // today 10:30 (inside the 2 h lead)
    '2025-03-04T20:00:00.000Z', // today 3pm
    '2025-03-04T20:30:00.000Z', // today 3:30pm
    '2025-03-05T14:00:00.000Z', // Wed 9am
    '2025-03-05T14:30:00.000Z', // Wed 9:30am
    '2025-03-05T19:00:00.000Z', // Wed 2pm
    '2025-03-06T02:00:00.000Z', // Wed 9pm (outside 8-20)
    '2025-03-20T14:00:00.000Z', // beyond the horizon
  ].map((startTime) => ({ startTime }));

  it('offers the soonest, then other days or parts of day, in order', () => {
    expect(pickSlotsToOffer({ slots: free, timeZone: NY, now }).map((s) => s.startTime)).toEqual(['2025-03-04T20:00:00.000Z', '2025-03-05T14:00:00.000Z', '2025-03-05T19:00:00.000Z']);
    expect(pickSlotsToOffer({ slots: free, timeZone: NY, now, count: 2 }).map((s) => s.startTime)).toEqual(['2025-03-04T20:00:00.000Z', '2025-03-05T14:00:00.000Z']);
  });

  it('falls back to close slots when the calendar has nothing else, and ignores duplicates and junk', () => {
    const same = ['2025-03-05T14:00:00.000Z', '2025-03-05T14:30:00.000Z', '2025-03-05T14:30:00.000Z', 'not a date'].map((startTime) => ({ startTime }));
    expect(pickSlotsToOffer({ slots: same, timeZone: NY, now }).map((s) => s.startTime)).toEqual(['2025-03-05T14:00:00.000Z', '2025-03-05T14:30:00.000Z']);
    expect(pickSlotsToOffer({ slots: [], timeZone: NY, now })).toEqual([]);
  });
});

describe('formatSlotOffer', () => {
  it('numbers the options in plain words and the owner’s zone', () => {
    expect(formatSlotOffer({ slots: offered, timeZone: NY, now })).toBe(
      'Would one of these times work for a quick call? 1) today at 3pm 2) tomorrow at 9am 3) Thu at 2:30pm (ET). Just reply with the number.',
    );
    expect(formatSlotOffer({ slots: [offered[1]!], timeZone: NY, now })).toBe('Would tomorrow at 9am (ET) work for a quick call? Just reply yes, or tell me a better time.');
    expect(formatSlotOffer({ slots: [], timeZone: NY, now })).toBe('');
  });

  it('names far days by date and other zones by their label', () => {
    expect(describeSlot({ startTime: '2025-03-17T13:00:00.000Z' }, NY, now)).toBe('Mon Mar 17 at 9am');
    expect(describeSlot({ startTime: '2025-03-04T20:00:00.000Z' }, 'America/Chicago', now)).toBe('today at 2pm');
    expect(zoneLabel('America/Los_Angeles', now)).toBe('PT');
    expect(zoneLabel('America/Phoenix', now)).toBe('MT');
  });

  it('every offer it writes can be answered with each number and each described time', () => {
    const text = formatSlotOffer({ slots: offered, timeZone: NY, now });
    const described = offered.map((s) => describeSlot(s, NY, now));
    described.forEach((d, i) => {
      expect(text).toContain(d);
      expect(index(pick(d))).toBe(i + 1);
      expect(index(pick(String(i + 1)))).toBe(i + 1);
    });
  });
});

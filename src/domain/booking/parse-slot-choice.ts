import { localParts, type LocalParts, type OfferedSlot } from './offered-slot.js';

export interface ParseSlotChoiceOptions {
  reply: string;
  /** The slots offered, in the order they were numbered. */
  offered: readonly OfferedSlot[];
  /** The zone the slots were described in (the owner's). */
  timeZone: string;
  /** When the reply arrived: "today" and "tomorrow" are relative to it. */
  now: Date;
}

export type SlotChoice =
  | { kind: 'chosen'; index: number; slot: OfferedSlot; matchedBy: 'number' | 'ordinal' | 'time' | 'day' | 'any' | 'yes' }
  /**
   * `declined`: none of them works; `ambiguous`: it fits more than one (ask again); `no_match`: it names
   * a time that was not offered, or says nothing about times.
   */
  | { kind: 'none'; reason: 'declined' | 'ambiguous' | 'no_match' };

const WEEKDAY: Record<string, number> = {
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
};
const MONTH: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const ORDINAL: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5 };
const SMALL: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };

const WD = Object.keys(WEEKDAY).sort((a, b) => b.length - a.length).join('|');
const NEGATED_DAY = new RegExp(`\\b(?:not|no|except|but not|can'?t do|cannot do|can'?t make|busy)\\s+(?:on\\s+)?(${WD})\\b|\\b(${WD})\\s+(?:doesn'?t|does not|won'?t|will not|wont|is bad|isn'?t good|is no good|no good)\\b`, 'g');
const DECLINE = /\b(none|neither|nope|no(?!\s+(?:problem|worries|preference|rush))|not (?:really|sure|now|interested)|can'?t (?:do )?(?:any|either|those|them)|doesn'?t work|don'?t work|won'?t work|not good|busy all|another (?:day|time|week)|different (?:day|time)|next week|later)\b/;
const ANY = /\b(any (?:of (?:them|those|these))?|either(?: one)?|whichever|whatever works|all (?:good|work|fine)|any ?time|your (?:choice|pick|call))\b/;
const YES = /^(?:y|yes|yeah|yep|yup|sure|ok|okay|k|sounds good|perfect|great|works|that works|works for me|deal|fine|ok that works|yes please|let'?s do it)\b/;

interface Wanted {
  index?: number;
  matchedBy?: 'number' | 'ordinal';
  weekdays: Set<number>;
  notWeekdays: Set<number>;
  /** local day numbers (today / tomorrow / a date) */
  days: Set<number>;
  /** candidate hours (both readings when no am/pm), minute when given */
  hours?: number[];
  minute?: number;
  partOfDay?: 'morning' | 'afternoon' | 'evening';
  /** "after 3" / "before noon": local minutes of day bounds */
  afterMinute?: number;
  beforeMinute?: number;
}

function normalize(s: string): string {
  return ` ${s.toLowerCase().replace(/[’‘`]/g, "'").replace(/[.!?,;()]/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

function hoursFor(h: number, meridiem: string | undefined): number[] {
  if (h < 0 || h > 23) return [];
  if (meridiem?.startsWith('a')) return [h === 12 ? 0 : h];
  if (meridiem?.startsWith('p')) return [h === 12 ? 12 : h + 12];
  if (h > 12 || h === 0) return [h];
  // No am/pm: business hours decide (8-11 morning, 12 noon, 1-7 afternoon/evening), both kept for matching.
  return h === 12 ? [12] : h >= 8 ? [h, h + 12] : [h + 12, h];
}

function readWanted(text: string, now: LocalParts, offeredCount: number): Wanted {
  const w: Wanted = { weekdays: new Set(), notWeekdays: new Set(), days: new Set() };
  let t = text;

  for (const m of t.matchAll(NEGATED_DAY)) w.notWeekdays.add(WEEKDAY[(m[1] ?? m[2])!]!);
  t = t.replace(NEGATED_DAY, ' ');

  // Dates: 3/5, 3-5, march 5, mar 5th, the 5th.
  for (const m of t.matchAll(/\b(\d{1,2})[/-](\d{1,2})\b/g)) w.days.add(dayOf(now, Number(m[1]), Number(m[2])));
  t = t.replace(/\b(\d{1,2})[/-](\d{1,2})\b/g, ' ');
  const monthRe = new RegExp(`\\b(${Object.keys(MONTH).join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g');
  for (const m of t.matchAll(monthRe)) w.days.add(dayOf(now, MONTH[m[1]!]!, Number(m[2])));
  t = t.replace(monthRe, ' ');
  for (const m of t.matchAll(/\bthe (\d{1,2})(?:st|nd|rd|th)\b(?! (?:one|option|slot|choice|time))/g)) {
    const d = Number(m[1]);
    // "the 2nd" is an option number when that many were offered; "the 17th" is a date.
    if (d > offeredCount) {
      w.days.add(dayOf(now, now.month, d, true));
      t = t.replace(m[0], ' ');
    }
  }

  if (/\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b/.test(t)) w.days.add(now.day);
  if (/\btomorrow\b|\btmrw?\b|\btmr\b/.test(t)) w.days.add(now.day + 1);
  for (const m of t.matchAll(new RegExp(`\\b(${WD})\\b`, 'g'))) w.weekdays.add(WEEKDAY[m[1]!]!);

  // "not at 9", "not before 10": a time ruled out is not a time picked.
  t = t.replace(/\bnot (?:at |before |after |until )?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon)\b/g, ' ');
  const bound = (m: RegExpMatchArray | null): number | undefined => {
    if (!m) return undefined;
    if (m[1] === 'noon') return 12 * 60;
    const hours = hoursFor(Number(m[1]), m[3]);
    return hours.length ? hours[0]! * 60 + Number(m[2] ?? 0) : undefined;
  };
  const after = t.match(/\bafter (noon|\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/);
  const before = t.match(/\bbefore (noon|\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/);
  const a = bound(after);
  const b = bound(before);
  if (a !== undefined) w.afterMinute = a;
  if (b !== undefined) w.beforeMinute = b;
  if (after) t = t.replace(after[0], ' ');
  if (before) t = t.replace(before[0], ' ');

  if (/\bmorning\b/.test(t)) w.partOfDay = 'morning';
  if (/\bafternoon\b|\blunch\b/.test(t)) w.partOfDay = 'afternoon';
  if (/\bevening\b|\btonight\b|\bafter work\b/.test(t)) w.partOfDay = 'evening';

  // Times: 2pm, 2 pm, 2:30, 2:30pm, at 3, noon, 10ish, "three" after "at".
  const timeRe = /\b(?:at |@ ?|around |about |by )?(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|am|pm|a|p)?(?:ish)?\b/g;
  for (const m of t.matchAll(timeRe)) {
    const [whole, hs, ms, mer] = m;
    const prefixed = /^(?:at |@|around |about |by )/.test(whole);
    if (!ms && !mer && !prefixed && !/ish\b/.test(whole)) continue;
    const hours = hoursFor(Number(hs), mer?.replace(/\./g, ''));
    if (hours.length === 0) continue;
    w.hours = hours;
    if (ms) w.minute = Number(ms);
    t = t.replace(whole, ' ');
    break;
  }
  if (!w.hours) {
    const word = t.match(/\b(?:at|around|about) (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?: ?(thirty|fifteen|forty five|o'?clock))?\b/);
    if (word) {
      w.hours = hoursFor(SMALL[word[1]!]!, undefined);
      if (word[2] === 'thirty') w.minute = 30;
      if (word[2] === 'fifteen') w.minute = 15;
      if (word[2] === 'forty five') w.minute = 45;
      t = t.replace(word[0], ' ');
    } else if (/\bnoon\b|\bmidday\b/.test(t)) {
      w.hours = [12];
      w.minute = 0;
    }
  }

  // Option numbers: "2", "#2", "option 2", "number two", "the 2nd one", "second", "last one".
  const numbered = t.match(/(?:^|\s)(?:#|no\.? ?|number |option |opt |choice |slot )?([1-9])(?:st|nd|rd|th)?(?: one| option)?(?=\s|$)/);
  const wordNumber = t.match(/\b(?:number|option|choice|#) (one|two|three|four|five)\b/);
  const ordinal = t.match(/\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b/);
  if (numbered && Number(numbered[1]) <= offeredCount) {
    w.index = Number(numbered[1]) - 1;
    w.matchedBy = 'number';
  } else if (wordNumber) {
    w.index = SMALL[wordNumber[1]!]! - 1;
    w.matchedBy = 'number';
  } else if (ordinal) {
    w.index = ORDINAL[ordinal[1]!]! - 1;
    w.matchedBy = 'ordinal';
  } else if (/\b(?:last|latest|later) (?:one|option|time)\b|\bthe last\b/.test(t)) {
    w.index = offeredCount - 1;
    w.matchedBy = 'ordinal';
  } else if (/\b(?:earliest|soonest) (?:one|option|time)?\b/.test(t)) {
    w.index = 0;
    w.matchedBy = 'ordinal';
  }
  return w;
}

/** Local day number of month/day in the year that puts it nearest after (or on) `now`. */
function dayOf(now: LocalParts, month: number, date: number, sameMonthFirst = false): number {
  const make = (y: number, m: number): number => Math.floor(Date.UTC(y, m - 1, date) / 86_400_000);
  if (sameMonthFirst) {
    const d = make(now.year, month);
    return d >= now.day ? d : make(now.month === 12 ? now.year + 1 : now.year, (now.month % 12) + 1);
  }
  const d = make(now.year, month);
  return d >= now.day - 1 ? d : make(now.year + 1, month);
}

function partOf(hour: number): 'morning' | 'afternoon' | 'evening' {
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

/**
 * Reads which offered slot an owner picked from a free-text reply: "2", "the 2nd one", "tuesday at 3",
 * "2pm works", "tomorrow morning", "Mar 5 at 10:30", "any of them". Answers one slot, or none with the
 * reason (declined, ambiguous, no_match) so the conversation can ask again or offer other times.
 *
 * @example
 * parseSlotChoice({ reply: 'tuesday at 3 works', offered, timeZone: 'America/New_York', now })
 * // { kind: 'chosen', index: 1, slot: { startTime: '2025-03-04T20:00:00.000Z' }, matchedBy: 'time' }
 */
export function parseSlotChoice(o: ParseSlotChoiceOptions): SlotChoice {
  const text = normalize(o.reply);
  if (o.offered.length === 0 || text.trim() === '') return { kind: 'none', reason: 'no_match' };
  const nowParts = localParts(o.now, o.timeZone);
  const w = readWanted(text, nowParts, o.offered.length);
  const slots = o.offered.map((slot, index) => ({ slot, index, p: localParts(slot.startTime, o.timeZone) }));
  const chosen = (index: number, matchedBy: Extract<SlotChoice, { kind: 'chosen' }>['matchedBy']): SlotChoice => ({ kind: 'chosen', index, slot: o.offered[index]!, matchedBy });

  const hasConstraint = w.weekdays.size > 0 || w.days.size > 0 || w.hours !== undefined || w.partOfDay !== undefined || w.afterMinute !== undefined || w.beforeMinute !== undefined;
  if (w.index !== undefined && !hasConstraint) {
    return w.index >= 0 && w.index < o.offered.length ? chosen(w.index, w.matchedBy!) : { kind: 'none', reason: 'no_match' };
  }

  let fits = slots.filter(({ p }) => !w.notWeekdays.has(p.weekday));
  if (w.weekdays.size > 0) fits = fits.filter(({ p }) => w.weekdays.has(p.weekday));
  if (w.days.size > 0) fits = fits.filter(({ p }) => w.days.has(p.day));
  if (w.partOfDay) fits = fits.filter(({ p }) => partOf(p.hour) === w.partOfDay);
  if (w.afterMinute !== undefined) fits = fits.filter(({ p }) => p.hour * 60 + p.minute >= w.afterMinute!);
  if (w.beforeMinute !== undefined) fits = fits.filter(({ p }) => p.hour * 60 + p.minute < w.beforeMinute!);
  if (w.hours) {
    const hours = w.hours;
    const byHour = fits.filter(({ p }) => hours.includes(p.hour) && (w.minute === undefined || p.minute === w.minute));
    // "at 3" when 3:00 and 3:30 are both offered means 3:00.
    const onTheHour = w.minute === undefined ? byHour.filter(({ p }) => p.minute === 0) : byHour;
    // Several readings (3am/3pm): keep the first reading that matches anything.
    const firstReading = hours.map((h) => onTheHour.filter(({ p }) => p.hour === h)).find((x) => x.length > 0);
    fits = firstReading ?? (onTheHour.length > 0 ? onTheHour : byHour);
  }
  if (w.index !== undefined && fits.some((f) => f.index === w.index)) return chosen(w.index, w.matchedBy!);

  if (hasConstraint) {
    if (fits.length === 1) return chosen(fits[0]!.index, w.hours ? 'time' : 'day');
    if (fits.length > 1) return { kind: 'none', reason: 'ambiguous' };
    return { kind: 'none', reason: DECLINE.test(text) ? 'declined' : 'no_match' };
  }
  // Only ruled-out days ("can't do tuesday"): never pick for the owner; ask again if anything is left.
  if (w.notWeekdays.size > 0) return { kind: 'none', reason: fits.length > 0 ? 'ambiguous' : 'declined' };
  if (DECLINE.test(text)) return { kind: 'none', reason: 'declined' };
  if (ANY.test(text)) return chosen(0, 'any');
  if (YES.test(text.trim())) return o.offered.length === 1 ? chosen(0, 'yes') : { kind: 'none', reason: 'ambiguous' };
  return { kind: 'none', reason: 'no_match' };
}

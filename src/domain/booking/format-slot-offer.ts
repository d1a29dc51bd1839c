import { localParts, type OfferedSlot } from './offered-slot.js';

export interface FormatSlotOfferOptions {
  slots: readonly OfferedSlot[];
  timeZone: string;
  now: Date;
  /** The question's opening words (default "Would one of these times work for a quick call?"). */
  lead?: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "9am", "2:30pm", "12pm" */
export function formatClock(hour: number, minute: number): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** "today at 2pm", "tomorrow at 9am", "Thu at 10:30am" (within a week), "Mon Mar 17 at 9am" (later). */
export function describeSlot(slot: OfferedSlot, timeZone: string, now: Date): string {
  const p = localParts(slot.startTime, timeZone);
  const today = localParts(now, timeZone).day;
  const at = `at ${formatClock(p.hour, p.minute)}`;
  if (p.day === today) return `today ${at}`;
  if (p.day === today + 1) return `tomorrow ${at}`;
  if (p.day - today < 7) return `${WEEKDAYS[p.weekday]} ${at}`;
  return `${WEEKDAYS[p.weekday]} ${MONTHS[p.month - 1]} ${p.date} ${at}`;
}

/** "ET" for America/New_York and the like; the runtime's short name (e.g. "GMT+2") otherwise. */
export function zoneLabel(timeZone: string, at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at).find((x) => x.type === 'timeZoneName')?.value ?? timeZone;
  const us: Record<string, string> = { EST: 'ET', EDT: 'ET', CST: 'CT', CDT: 'CT', MST: 'MT', MDT: 'MT', PST: 'PT', PDT: 'PT', AKST: 'AKT', AKDT: 'AKT', HST: 'HT' };
  return us[name] ?? name;
}

/**
 * The text that offers slots, numbered so "2" is an answer, in the owner's zone and plain words, short
 * enough for one or two SMS segments.
 *
 * @example
 * formatSlotOffer({ slots, timeZone: 'America/New_York', now })
 * // "Would one of these times work for a quick call? 1) tomorrow at 9am 2) tomorrow at 2pm 3) Thu at 10:30am (ET). Just reply with the number."
 */
export function formatSlotOffer(o: FormatSlotOfferOptions): string {
  const lead = o.lead ?? 'Would one of these times work for a quick call?';
  if (o.slots.length === 0) return '';
  const zone = zoneLabel(o.timeZone, new Date(o.slots[0]!.startTime));
  if (o.slots.length === 1) return `Would ${describeSlot(o.slots[0]!, o.timeZone, o.now)} (${zone}) work for a quick call? Just reply yes, or tell me a better time.`;
  const list = o.slots.map((s, i) => `${i + 1}) ${describeSlot(s, o.timeZone, o.now)}`).join(' ');
  return `${lead} ${list} (${zone}). Just reply with the number.`;
}

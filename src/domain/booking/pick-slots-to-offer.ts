import { localParts, type OfferedSlot } from './offered-slot.js';

export interface PickSlotsToOfferOptions {
  /** Free slot starts from the calendar (any order, ISO instants). */
  slots: ReadonlyArray<{ startTime: string }>;
  /** The owner's IANA zone: "morning" and "another day" are judged there. */
  timeZone: string;
  now: Date;
  /** How many to offer (default 3, at least 1; a text reads best with 2 or 3). */
  count?: number;
  /** Nothing sooner than this after `now` (default 120 min): the owner needs time to answer. */
  minLeadMinutes?: number;
  /** Nothing later than this many days ahead (default 7). */
  horizonDays?: number;
  /** Local hours a slot may start in, [from, to) (default 8 to 20): a calendar may be open at odd hours. */
  hours?: readonly [number, number];
}

/**
 * Picks a few free slots worth offering in a text: the soonest one, then ones that differ in day or part
 * of day (morning / afternoon / evening), so the owner gets real choices rather than 9:00, 9:30 and 10:00.
 * Falls back to the next soonest when the calendar has little variety.
 *
 * @example
 * pickSlotsToOffer({ slots, timeZone: 'America/New_York', now }) // → up to 3 OfferedSlot
 */
export function pickSlotsToOffer(o: PickSlotsToOfferOptions): OfferedSlot[] {
  const count = Math.max(1, o.count ?? 3);
  const earliest = o.now.getTime() + (o.minLeadMinutes ?? 120) * 60_000;
  const latest = o.now.getTime() + (o.horizonDays ?? 7) * 86_400_000;
  const [fromHour, toHour] = o.hours ?? [8, 20];
  const part = (h: number): number => (h < 12 ? 0 : h < 17 ? 1 : 2);
  const candidates = [...new Set(o.slots.map((s) => new Date(s.startTime).getTime()).filter((t) => Number.isFinite(t)))]
    .filter((t) => t >= earliest && t <= latest)
    .sort((a, b) => a - b)
    .map((t) => ({ t, p: localParts(t, o.timeZone) }))
    .filter(({ p }) => p.hour >= fromHour && p.hour < toHour);

  const chosen: typeof candidates = [];
  const take = (accept: (c: (typeof candidates)[number]) => boolean): void => {
    for (const c of candidates) {
      if (chosen.length >= count) return;
      if (!chosen.includes(c) && accept(c)) chosen.push(c);
    }
  };
  // 1. a new day or a new part of day each time; 2. at least two hours from every pick; 3. anything left.
  take((c) => chosen.every((x) => x.p.day !== c.p.day || part(x.p.hour) !== part(c.p.hour)));
  take((c) => chosen.every((x) => Math.abs(x.t - c.t) >= 2 * 3_600_000));
  take(() => true);
  return chosen.sort((a, b) => a.t - b.t).map(({ t }) => ({ startTime: new Date(t).toISOString() }));
}

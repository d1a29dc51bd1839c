/**
 * Wall-clock arithmetic in IANA zones without a date library.
 *
 * Why not call `Intl.DateTimeFormat#formatToParts` on every question: it costs microseconds and the engine asks
 * it a dozen times per decision. Instead each zone's UTC offsets are computed once per UTC year (offset at the
 * start of the year plus the exact instants where it changes, found by bisection) and then answered with a
 * binary-free linear scan over at most a handful of segments. The formatter is created once per zone.
 *
 * This module groups the few tightly-coupled helpers the rules share (local day number, ms of day, weekday,
 * local → UTC), so it deliberately exports more than one function.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

interface Segment {
  /** first UTC instant (ms) this offset applies to */
  from: number;
  /** local minus UTC, in ms */
  offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const segmentsByZoneYear = new Map<string, Map<number, Segment[]>>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone (used to validate input, not on the hot path). */
export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The offset straight from ICU, at second precision. Slow: only used to build the per-year tables. */
function icuOffset(zone: string, t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of formatterFor(zone).formatToParts(whole)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
      default: break;
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - whole;
}

/** UTC calendar year of an instant, by civil-from-days arithmetic (no Date allocation). */
export function utcYear(t: number): number {
  const z = Math.floor(t / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

function buildYear(zone: string, year: number): Segment[] {
  const segments: Segment[] = [];
  let prevT = Date.UTC(year, 0, 1);
  let prevOff = icuOffset(zone, prevT);
  segments.push({ from: prevT, offset: prevOff });
  // Sample twice a month: every NANP zone changes at most twice a year and never twice within two weeks.
  for (let m = 0; m < 24; m++) {
    const t = m === 23 ? Date.UTC(year + 1, 0, 1) - 1000 : Date.UTC(year, Math.floor((m + 1) / 2), (m + 1) % 2 === 0 ? 1 : 15);
    const off = icuOffset(zone, t);
    if (off !== prevOff) {
      // Bisect to the second: the change happens in (lo, hi].
      let lo = prevT, hi = t;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (mid <= lo) break;
        if (icuOffset(zone, mid) === prevOff) lo = mid;
        else hi = mid;
      }
      segments.push({ from: hi, offset: off });
      prevOff = off;
    }
    prevT = t;
  }
  return segments;
}

/** Local time minus UTC, in ms, for `zone` at instant `t`. */
export function offsetMs(zone: string, t: number): number {
  let byYear = segmentsByZoneYear.get(zone);
  if (byYear === undefined) {
    byYear = new Map();
    segmentsByZoneYear.set(zone, byYear);
  }
  const year = utcYear(t);
  let segs = byYear.get(year);
  if (segs === undefined) {
    segs = buildYear(zone, year);
    byYear.set(year, segs);
  }
  let off = segs[0]!.offset;
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i]!;
    if (t >= s.from) off = s.offset;
    else break;
  }
  return off;
}

/** Milliseconds since 1970-01-01T00:00 local wall time ("local epoch"), for day and time-of-day maths. */
export function localEpochMs(zone: string, t: number): number {
  return t + offsetMs(zone, t);
}

/**
 * The UTC instant at which the wall clock in `zone` shows `localMs` (a local-epoch value). For a wall time that
 * does not exist (spring-forward gap) it returns the first instant after the gap; for one that exists twice
 * (fall-back) it returns the earlier one.
 */
export function fromLocalEpochMs(zone: string, localMs: number): number {
  const guess = localMs - offsetMs(zone, localMs);
  const off = offsetMs(zone, guess);
  const t = localMs - off;
  if (t + offsetMs(zone, t) === localMs) {
    // Prefer the earlier of two instants showing the same wall time.
    const earlier = localMs - offsetMs(zone, t - HOUR_MS);
    if (earlier < t && earlier + offsetMs(zone, earlier) === localMs) return earlier;
    return t;
  }
  // In a spring-forward gap the wall time never shows; the rules only ask for window starts (08:00 or later),
  // which are never inside a NANP gap (02:00-03:00), so an instant just after the gap is good enough.
  return Math.max(t, guess);
}

/** Day of week (0 = Sunday) of a local epoch day number. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

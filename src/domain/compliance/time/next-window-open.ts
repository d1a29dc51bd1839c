import type { DayWindow } from '../data/state-rules.js';
import { isHolidayDay } from './is-holiday-day.js';
import { DAY_MS, MINUTE_MS, fromLocalEpochMs, localEpochMs, weekdayOfDay } from './local-time.js';

/**
 * `t` itself when the wall clock in `zone` is inside the day's window at `t` (start inclusive, end exclusive),
 * otherwise the earliest later instant at which a window opens; `Infinity` if none opens within 9 days.
 */
export function nextWindowOpen(zone: string, windows: readonly DayWindow[], noFederalHolidays: boolean, t: number): number {
  const local = localEpochMs(zone, t);
  const day = Math.floor(local / DAY_MS);
  const msOfDay = local - day * DAY_MS;
  for (let k = 0; k < 9; k++) {
    const d = day + k;
    const w = windows[weekdayOfDay(d)];
    if (w === null || w === undefined) continue;
    if (noFederalHolidays && isHolidayDay(d)) continue;
    const start = w[0] * MINUTE_MS;
    if (k === 0) {
      if (msOfDay >= w[1] * MINUTE_MS) continue;
      if (msOfDay >= start) return t;
    }
    const open = fromLocalEpochMs(zone, d * DAY_MS + start);
    return open > t ? open : t + 1;
  }
  return Infinity;
}

import { DAY_MS, MINUTE_MS, localEpochMs, weekdayOfDay } from '../time/local-time.js';
import { nextWindowOpen } from '../time/next-window-open.js';
import type { RuleContext, Verdict } from './rule-context.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function localLabel(zone: string, t: number): string {
  const local = localEpochMs(zone, t);
  const day = Math.floor(local / DAY_MS);
  const m = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  return `${WEEKDAYS[weekdayOfDay(day)]} ${pad(Math.floor(m / 60))}:${pad(m % 60)} ${zone}`;
}

/**
 * F1 (federal 08-21), Curb quiet hours (21-08 for SMS/voice) and S1/S7 state windows (per weekday, Sundays,
 * federal holidays), evaluated in EVERY candidate zone: a send must be inside every window everywhere the
 * recipient may be (R-TZ-INTERSECT). A closed window defers to the instant it next opens; the engine then
 * re-asks every rule at that instant.
 */
export function checkTimeWindows(ctx: RuleContext, t: number, out: Verdict[]): void {
  for (const c of ctx.windowConstraints) {
    const open = nextWindowOpen(c.zone, c.windows, c.noFederalHolidays, t);
    if (open === t) continue;
    const now = localLabel(c.zone, t);
    for (const tag of c.tags) {
      out.push({ effect: 'defer', rule: tag.rule, code: tag.code, detail: `${tag.label}; it is ${now}`, notBefore: open });
    }
  }
}

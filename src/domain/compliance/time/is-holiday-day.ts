import { federalHolidayDayNumbers } from '../federal-holidays.js';

const byYear = new Map<number, Set<number>>();

function setFor(year: number): Set<number> {
  let s = byYear.get(year);
  if (s === undefined) {
    s = new Set();
    for (const h of federalHolidayDayNumbers(year)) {
      s.add(h.day);
      s.add(h.observed);
    }
    byYear.set(year, s);
  }
  return s;
}

/**
 * True when a local calendar day (epoch day number) is a US federal holiday or the day one is observed.
 * Next year's set is consulted too because New Year's Day on a Saturday is observed on December 31.
 */
export function isHolidayDay(day: number): boolean {
  const year = new Date(day * 86_400_000).getUTCFullYear();
  return setFor(year).has(day) || setFor(year + 1).has(day);
}

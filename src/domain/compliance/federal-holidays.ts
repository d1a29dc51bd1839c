/**
 * US federal holidays (5 U.S.C. 6103) for any year, with their observed dates: a holiday on a Saturday is
 * observed on the Friday before, one on a Sunday on the Monday after. Juneteenth exists from 2021.
 *
 * States that forbid solicitation "on holidays" (AL, LA, and Curb's conservative default) block both the actual
 * and the observed date, because statutes rarely say which one they mean.
 *
 * @example federalHolidays(2022).find((h) => h.name === "New Year's Day")?.observed // '2021-12-31'
 */
export interface FederalHoliday {
  name: string;
  /** the calendar date, YYYY-MM-DD */
  date: string;
  /** the date federal offices close, YYYY-MM-DD (may fall in the previous year for New Year's Day) */
  observed: string;
}

const DAY_MS = 86_400_000;

function iso(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The n-th (1-based) given weekday of a month; n = -1 means the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    const wd = (((first + 4) % 7) + 7) % 7;
    return first + ((weekday - wd + 7) % 7) + (n - 1) * 7;
  }
  const last = dayOf(year, month + 1, 1) - 1;
  const wd = (((last + 4) % 7) + 7) % 7;
  return last - ((wd - weekday + 7) % 7);
}

function observedDay(day: number): number {
  const wd = (((day + 4) % 7) + 7) % 7;
  if (wd === 6) return day - 1;
  if (wd === 0) return day + 1;
  return day;
}

/** Epoch day numbers (days since 1970-01-01) of a year's holidays, actual and observed. Internal, cached. */
export function federalHolidayDayNumbers(year: number): readonly { name: string; day: number; observed: number }[] {
  const fixed = (name: string, month: number, day: number) => {
    const d = dayOf(year, month, day);
    return { name, day: d, observed: observedDay(d) };
  };
  const floating = (name: string, month: number, weekday: number, n: number) => {
    const d = nthWeekday(year, month, weekday, n);
    return { name, day: d, observed: d };
  };
  const list = [
    fixed("New Year's Day", 1, 1),
    floating('Birthday of Martin Luther King, Jr.', 1, 1, 3),
    floating("Washington's Birthday", 2, 1, 3),
    floating('Memorial Day', 5, 1, -1),
    ...(year >= 2021 ? [fixed('Juneteenth National Independence Day', 6, 19)] : []),
    fixed('Independence Day', 7, 4),
    floating('Labor Day', 9, 1, 1),
    floating('Columbus Day', 10, 1, 2),
    fixed('Veterans Day', 11, 11),
    floating('Thanksgiving Day', 11, 4, 4),
    fixed('Christmas Day', 12, 25),
  ];
  return list;
}

export function federalHolidays(year: number): FederalHoliday[] {
  return federalHolidayDayNumbers(year).map((h) => ({ name: h.name, date: iso(h.day), observed: iso(h.observed) }));
}

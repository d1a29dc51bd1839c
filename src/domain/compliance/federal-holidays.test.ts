import { describe, expect, it } from 'vitest';
import { federalHolidays } from './federal-holidays.js';
import { isHolidayDay } from './time/is-holiday-day.js';
import { fromLocalEpochMs, offsetMs } from './time/local-time.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('federalHolidays', () => {
  it('2025 dates', () => {
    expect(federalHolidays(2025).map((h) => h.observed)).toEqual([
      '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
    ]);
  });
  it('observed dates move off weekends (New Year 2022 → 2021-12-31; Juneteenth 2021 → Fri 18th; Christmas 2022 → Mon 26th)', () => {
    expect(federalHolidays(2022)[0]).toEqual({ name: "New Year's Day", date: '2022-01-01', observed: '2021-12-31' });
    expect(federalHolidays(2021).find((h) => h.name.startsWith('Juneteenth'))?.observed).toBe('2021-06-18');
    expect(federalHolidays(2022).at(-1)?.observed).toBe('2022-12-26');
    expect(federalHolidays(2020).some((h) => h.name.startsWith('Juneteenth'))).toBe(false);
  });
  it('isHolidayDay covers actual and observed dates, across the year boundary', () => {
    expect(isHolidayDay(day('2021-12-31'))).toBe(true);
    expect(isHolidayDay(day('2022-12-25'))).toBe(true);
    expect(isHolidayDay(day('2022-12-26'))).toBe(true);
    expect(isHolidayDay(day('2022-12-27'))).toBe(false);
    expect(isHolidayDay(day('2031-11-27'))).toBe(true); // Thanksgiving 2031
  });
});

describe('local time tables', () => {
  it('New York offsets switch at the exact 2025 instants', () => {
    expect(offsetMs('America/New_York', Date.parse('2025-03-09T06:59:59.999Z'))).toBe(-5 * 3_600_000);
    expect(offsetMs('America/New_York', Date.parse('2025-03-09T07:00:00Z'))).toBe(-4 * 3_600_000);
    expect(offsetMs('America/New_York', Date.parse('2025-11-02T05:59:59.999Z'))).toBe(-4 * 3_600_000);
    expect(offsetMs('America/New_York', Date.parse('2025-11-02T06:00:00Z'))).toBe(-5 * 3_600_000);
    expect(offsetMs('America/Phoenix', Date.parse('2025-07-01T00:00:00Z'))).toBe(-7 * 3_600_000);
    expect(offsetMs('America/St_Johns', Date.parse('2025-01-01T00:00:00Z'))).toBe(-3.5 * 3_600_000);
  });
  it('local wall time → UTC on both switch days, preferring the earlier of a repeated hour', () => {
    expect(new Date(fromLocalEpochMs('America/New_York', Date.parse('2025-03-09T08:00:00Z'))).toISOString()).toBe('2025-03-09T12:00:00.000Z');
    expect(new Date(fromLocalEpochMs('America/New_York', Date.parse('2025-11-02T08:00:00Z'))).toISOString()).toBe('2025-11-02T13:00:00.000Z');
    expect(new Date(fromLocalEpochMs('America/New_York', Date.parse('2025-11-02T01:30:00Z'))).toISOString()).toBe('2025-11-02T05:30:00.000Z');
  });
});

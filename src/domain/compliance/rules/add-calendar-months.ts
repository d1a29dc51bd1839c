/**
 * `t` plus whole calendar months in UTC, clamping to the month's last day (Aug 31 + 18 months = Feb 28/29):
 * clamping moves the end earlier, never later, which is the safe side for an exemption that expires.
 */
export function addCalendarMonths(t: number, months: number): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

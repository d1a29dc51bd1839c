import type { Clock } from '../../lib/clock.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { AnalyticsFilter, AnalyticsFilterQuery } from './analytics-schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RANGE_DAYS = 30;

/**
 * Turns query filters into a range: `to` defaults to now and `from` to 30 days before it. A date without a
 * time means the whole day (UTC), so `from=2025-06-01&to=2025-06-30` covers all of June 30.
 */
export function resolveFilter(clock: Clock, query: AnalyticsFilterQuery): AnalyticsFilter {
  const to = query.to ? parseBound(query.to, true) : clock.now();
  const from = query.from ? parseBound(query.from, false) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw new AppError(ErrorCode.ValidationFailed, 'invalid query: from: must be before to', { issues: [{ path: 'from', message: 'must be before to' }] });
  }
  return { from, to, campaign: query.campaign, market: query.market, tier: query.tier, template: query.template, variant: query.variant, channel: query.channel };
}

/** A range bound from a query: a date alone is the start of that day (UTC), or its end for `to`. */
export function parseBound(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00.000Z`);
    return end ? new Date(d.getTime() + DAY_MS) : d;
  }
  return new Date(value);
}

/** a / b, rounded to 4 places; 0 when b is 0. */
export function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0;
}

export function money(n: number): number {
  return Math.round(n * 100_000) / 100_000;
}

export function rangeOf(filter: AnalyticsFilter): { from: string; to: string } {
  return { from: filter.from.toISOString(), to: filter.to.toISOString() };
}

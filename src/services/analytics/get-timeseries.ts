import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { selectTimeseries } from '../../db/sql/analytics/select-timeseries.js';
import type { AppServices } from '../app-services.js';
import type { AnalyticsFilter, Timeseries } from './analytics-schemas.js';
import { rangeOf } from './resolve-filter.js';

/** Daily sent / replies / interested / opt-outs in the location's time zone, for the overview chart. */
export async function getTimeseries(deps: Pick<AppServices, 'database'>, options: { locationId: string; filter: AnalyticsFilter; timeZone: string }): Promise<Timeseries> {
  const rows = await selectTimeseries(analyticsExecutor(deps.database), options);
  return { range: rangeOf(options.filter), points: rows.map((r) => ({ day: r.day, sent: r.sent, replies: r.replies, interested: r.interested, optOuts: r.opt_outs })) };
}

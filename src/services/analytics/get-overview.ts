import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { selectFunnel } from '../../db/sql/analytics/select-funnel.js';
import { selectOverviewExtras } from '../../db/sql/analytics/select-overview-extras.js';
import type { AppServices } from '../app-services.js';
import type { AnalyticsFilter, Overview } from './analytics-schemas.js';
import { money, rangeOf, ratio } from './resolve-filter.js';

export interface GetOverviewOptions {
  locationId: string;
  filter: AnalyticsFilter;
}

const hours = (h: number | null): number | null => (h === null || h === undefined ? null : Math.round(Number(h) * 100) / 100);

/**
 * The KPI cards and the funnel (seed 000 Phase 4H): messages sent, response, interest and conversion
 * rates, contacted → responded → interested → deal, time to response, sequence completion and cost.
 */
export async function getOverview(deps: Pick<AppServices, 'database'>, options: GetOverviewOptions): Promise<Overview> {
  // The statements run at once, each on its own connection and without parallel workers: the funnel (its
  // pass over the rows where leads enter, and apart from it the index-only count of the range's sends) and
  // the extras. Measured on the bench's two cores, workers only made them compete for the cores the other
  // statements use (and on a server with many dashboards open, serial statements leave cores to the others).
  const serial = analyticsExecutor(deps.database, { parallel: false });
  const [f, x] = await Promise.all([selectFunnel(serial, options), selectOverviewExtras(serial, options)]);
  const cost = money(Number(x.cost_usd));
  return {
    range: rangeOf(options.filter),
    messagesSent: f.sent,
    repliesReceived: f.inbound,
    interestedReplies: f.interested_replies,
    responseRate: ratio(f.inbound, f.sent),
    interestRate: ratio(f.interested_replies, f.inbound),
    conversionRate: ratio(f.deals, f.contacted),
    leadResponseRate: ratio(f.responded, f.contacted),
    funnel: { contacted: f.contacted, responded: f.responded, interested: f.interested, deals: f.deals },
    optOuts: f.opted_out,
    optOutRate: ratio(f.opted_out, f.contacted),
    timeToResponseHours: { average: hours(f.avg_hours), median: hours(f.median_hours) },
    campaignCompletion: { started: x.enrolled, completed: x.completed, rate: ratio(x.completed, x.enrolled) },
    costUsd: cost,
    costPerContactedLead: f.contacted > 0 ? money(cost / f.contacted) : null,
    dealsClosed: x.deals_closed,
    profitUsd: money(Number(x.profit_usd)),
  };
}

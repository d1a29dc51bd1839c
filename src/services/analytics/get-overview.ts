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
  // The two statements run at once, each on its own connection. Without a market or tier filter the extras are
  // a few range scans that end well before the funnel, so they run without parallel workers and leave the other
  // cores to the funnel's. With one, both are long (each semi-joins the filter's leads over its rows) and each
  // takes a core of its own: workers would only make them compete.
  const leadFiltered = Boolean(options.filter.market || options.filter.tier);
  const [f, x] = await Promise.all([
    selectFunnel(analyticsExecutor(deps.database, { parallel: !leadFiltered }), options),
    selectOverviewExtras(analyticsExecutor(deps.database, { parallel: false }), options),
  ]);
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

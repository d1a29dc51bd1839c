import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';
import { enrollmentTouched, leadScope, Params, rollupScope } from './touch-scope.js';

export interface OverviewExtrasRow {
  enrolled: number;
  completed: number;
  cost_usd: number;
  deals_closed: number;
  profit_usd: number;
}

/**
 * What the funnel statement does not cover: sequence completion (enrollments started in the range and how
 * many finished; with a template, variant or channel filter, those whose lead was sent such a touch of the
 * campaign), money spent in the range (the `costs` ledger) and deals closed in the range.
 */
export async function selectOverviewExtras(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter }): Promise<OverviewExtrasRow> {
  const f = options.filter;
  const p = new Params();
  p.add(options.locationId);
  const from = p.add(f.from);
  const to = p.add(f.to);
  const enr = [`e.location_id = $1`, `e.enrolled_at >= ${from}`, `e.enrolled_at < ${to}`];
  if (f.campaign) enr.push(`e.campaign_id = ${p.add(f.campaign)}`);
  const enrTouched = enrollmentTouched(p, f);
  if (enrTouched) enr.push(enrTouched);
  const enrLead = leadScope(p, f, 'e.contact_id');
  if (enrLead) enr.push(enrLead);

  const cost = [`k.location_id = $1`, `k.occurred_at >= ${from}`, `k.occurred_at < ${to}`];
  if (f.campaign) cost.push(`k.campaign_id = ${p.add(f.campaign)}`);
  if (f.template || f.variant || f.channel) {
    // Costs of the scoped touches only (their own range: the touch's send time).
    const scope = rollupScope(p, { ...f, campaign: undefined, market: undefined, tier: undefined });
    cost.push(`k.touch_id in (select t.touch_id from analytics_touches t where ${scope})`);
  }
  const costLead = leadScope(p, f, 'k.contact_id');
  if (costLead) cost.push(costLead);

  const deal = [`d.location_id = $1`, `d.closed_at >= ${from}`, `d.closed_at < ${to}`];
  if (f.campaign) deal.push(`d.campaign_id = ${p.add(f.campaign)}`);
  if (f.template || f.variant || f.channel) {
    const scope = rollupScope(p, { ...f, from: new Date(0), to: f.to, campaign: undefined, market: undefined, tier: undefined });
    deal.push(`d.contact_id in (select t.contact_id from analytics_touches t where ${scope})`);
  }
  const dealLead = leadScope(p, f, 'd.contact_id');
  if (dealLead) deal.push(dealLead);

  // One pass over each table.
  const text = `
select e.enrolled, e.completed, k.cost_usd, d.deals_closed, d.profit_usd
from (select count(*)::int as enrolled, (count(*) filter (where e.status = 'completed'))::int as completed from enrollments e where ${enr.join(' and ')}) e,
     (select coalesce(sum(k.amount_usd), 0)::float8 as cost_usd from costs k where ${cost.join(' and ')}) k,
     (select count(*)::int as deals_closed, coalesce(sum(d.profit), 0)::float8 as profit_usd from deals d where ${deal.join(' and ')}) d`;
  const { rows } = await db.executeSql<OverviewExtrasRow>(text, p.values);
  return rows[0]!;
}

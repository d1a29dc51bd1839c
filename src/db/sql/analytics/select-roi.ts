import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';
import { leadScope, linkColumns, Params, rollupScope } from './touch-scope.js';

export interface RoiSql {
  costs: Array<{ kind: string; campaign_id: string | null; amount: number }>;
  contacted: number;
  deals: Array<{ campaign_id: string | null; campaign_name: string | null; list_source: string | null; distress_signal: string | null; price: number | null; profit: number | null; days: number | null }>;
}

/**
 * Money in and out for the range: the cost ledger by kind and campaign, leads contacted, and the deals closed,
 * under every filter the overview takes (template, variant and channel: the scoped touches' costs, and the deals
 * of leads sent such a touch).
 */
export async function selectRoi(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter }): Promise<RoiSql> {
  const f = options.filter;

  const pc = new Params();
  pc.add(options.locationId);
  const cost = [`k.location_id = $1`, `k.occurred_at >= ${pc.add(f.from)}`, `k.occurred_at < ${pc.add(f.to)}`];
  if (f.campaign) cost.push(`k.campaign_id = ${pc.add(f.campaign)}`);
  if (f.template || f.variant || f.channel) {
    // What the scoped touches cost (each at its send time), as in the overview.
    const touched = rollupScope(pc, { ...f, campaign: undefined, market: undefined, tier: undefined });
    cost.push(`k.touch_id in (select t.touch_id from analytics_touches t where ${touched})`);
  }
  const costLead = leadScope(pc, f, 'k.contact_id');
  if (costLead) cost.push(costLead);

  const pt = new Params();
  pt.add(options.locationId);
  const scope = rollupScope(pt, f);
  const link = linkColumns(f);
  // Leads contacted: the touches that bring a lead into the range (their previous send in scope is before
  // it), counted without a distinct over every touch.
  const contactedSql = link
    ? `select count(*)::int as n from analytics_touches t where ${scope} and (t.${link.prev} is null or t.${link.prev} < ${pt.add(f.from)})`
    : `select count(distinct t.contact_id)::int as n from analytics_touches t where ${scope}`;

  const pd = new Params();
  pd.add(options.locationId);
  const deal = [`d.location_id = $1`, `d.closed_at >= ${pd.add(f.from)}`, `d.closed_at < ${pd.add(f.to)}`];
  if (f.campaign) deal.push(`d.campaign_id = ${pd.add(f.campaign)}`);
  if (f.template || f.variant || f.channel) {
    // Deals of leads sent such a touch before the range ends, as in the overview.
    const touched = rollupScope(pd, { ...f, from: new Date(0), to: f.to, campaign: undefined, market: undefined, tier: undefined });
    deal.push(`d.contact_id in (select t.contact_id from analytics_touches t where ${touched})`);
  }
  const dealLead = leadScope(pd, f, 'd.contact_id');
  if (dealLead) deal.push(dealLead);

  const [costs, contacted, deals] = await Promise.all([
    db.executeSql<{ kind: string; campaign_id: string | null; amount: number }>(
      `select k.kind, k.campaign_id::text as campaign_id, sum(k.amount_usd)::float8 as amount from costs k where ${cost.join(' and ')} group by 1, 2`,
      pc.values,
    ),
    db.executeSql<{ n: number }>(contactedSql, pt.values),
    db.executeSql<RoiSql['deals'][number]>(
      `select d.campaign_id::text as campaign_id, c.name as campaign_name, d.list_source, d.distress_signal, d.price::float8 as price, d.profit::float8 as profit,
              (extract(epoch from (d.closed_at - d.first_contact_at)) / 86400)::float8 as days
       from deals d left join campaigns c on c.id = d.campaign_id where ${deal.join(' and ')}`,
      pd.values,
    ),
  ]);
  return { costs: costs.rows, contacted: contacted.rows[0]?.n ?? 0, deals: deals.rows };
}

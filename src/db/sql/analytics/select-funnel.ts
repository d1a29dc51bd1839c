import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';
import { INTERESTED_STATUSES, Params, touchScope } from './touch-scope.js';

export interface FunnelRow {
  contacted: number;
  sent: number;
  responded: number;
  inbound: number;
  interested_replies: number;
  interested: number;
  deals: number;
  opted_out: number;
  avg_hours: number | null;
  median_hours: number | null;
}

/**
 * The cohort of leads contacted in the range (their first touch in scope) and what became of them: replies
 * after that first touch, interest (an interested reply or a pipeline status at interested or beyond),
 * opt-outs and deals closed after it. One statement, one pass over the scoped touches.
 */
export async function selectFunnel(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter }): Promise<FunnelRow> {
  const p = new Params();
  p.add(options.locationId);
  const scope = touchScope(p, options.filter);
  const text = `
with cohort as (
  select t.contact_id, min(t.sent_at) as first_at, count(*)::int as sent
  from touches t where ${scope}
  group by t.contact_id
),
replies as (
  select m.contact_id, count(*)::int as inbound, min(m.occurred_at) as first_reply_at,
         count(*) filter (where m.intent = 'interested')::int as interested_replies
  from cohort c join communications m on m.contact_id = c.contact_id and m.direction = 'inbound' and m.occurred_at >= c.first_at
  where m.location_id = $1
  group by m.contact_id
),
deal_leads as (
  select d.contact_id, max(d.closed_at) as last_closed_at from deals d where d.location_id = $1 and d.contact_id is not null group by d.contact_id
),
per_lead as (
  select c.contact_id, c.sent, c.first_at, r.inbound, r.first_reply_at, coalesce(r.interested_replies, 0) as interested_replies,
         (r.contact_id is not null and (r.interested_replies > 0 or ls.status in ${INTERESTED_STATUSES})) as interested,
         (ct.opt_out or ls.status = 'opt_out') as opted_out,
         coalesce(dl.last_closed_at >= c.first_at, false) as deal
  from cohort c
  join contacts ct on ct.id = c.contact_id
  left join replies r on r.contact_id = c.contact_id
  left join lead_statuses ls on ls.contact_id = c.contact_id
  left join deal_leads dl on dl.contact_id = c.contact_id
)
select count(*)::int as contacted,
       coalesce(sum(sent), 0)::int as sent,
       count(first_reply_at)::int as responded,
       coalesce(sum(inbound), 0)::int as inbound,
       coalesce(sum(interested_replies), 0)::int as interested_replies,
       count(*) filter (where interested)::int as interested,
       count(*) filter (where deal)::int as deals,
       count(*) filter (where opted_out)::int as opted_out,
       (avg(extract(epoch from (first_reply_at - first_at))) / 3600)::float8 as avg_hours,
       (percentile_cont(0.5) within group (order by extract(epoch from (first_reply_at - first_at))) / 3600)::float8 as median_hours
from per_lead`;
  const { rows } = await db.executeSql<FunnelRow>(text, p.values);
  return rows[0]!;
}

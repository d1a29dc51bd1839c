import type { SqlExecutor } from '../../client.js';
import { INTERESTED_STATUSES } from './touch-scope.js';

export interface VariantSqlRow {
  variant: string;
  leads: number;
  sent: number;
  replied: number;
  interested: number;
  opted_out: number;
  cost_usd: number;
}

/**
 * Per variant of one campaign step: the leads that got it, and how many replied, showed interest or opted
 * out after it, with what the variant's touches cost.
 */
export async function selectVariantResults(db: SqlExecutor, options: { locationId: string; campaignId: string; step: number }): Promise<VariantSqlRow[]> {
  const text = `
with per as (
  select t.variant, t.contact_id, min(t.sent_at) as first_at, count(*)::int as sent, sum(coalesce(t.cost_usd, 0)) as cost
  from touches t
  where t.location_id = $1 and t.campaign_id = $2 and t.step = $3 and t.status in ('sent', 'delivered') and t.variant is not null
  group by t.variant, t.contact_id
)
select per.variant, count(*)::int as leads, sum(per.sent)::int as sent, coalesce(sum(per.cost), 0)::float8 as cost_usd,
       count(*) filter (where r.first_reply_at is not null)::int as replied,
       count(*) filter (where r.first_reply_at is not null and (r.interested > 0 or ls.status in ${INTERESTED_STATUSES}))::int as interested,
       count(*) filter (where ct.opt_out and (ct.opted_out_at is null or ct.opted_out_at >= per.first_at))::int as opted_out
from per
join contacts ct on ct.id = per.contact_id
left join lead_statuses ls on ls.contact_id = per.contact_id
left join lateral (
  select min(m.occurred_at) as first_reply_at, count(*) filter (where m.intent = 'interested') as interested
  from communications m where m.contact_id = per.contact_id and m.direction = 'inbound' and m.occurred_at >= per.first_at
) r on true
group by per.variant
order by per.variant`;
  const { rows } = await db.executeSql<VariantSqlRow>(text, [options.locationId, options.campaignId, options.step]);
  return rows;
}

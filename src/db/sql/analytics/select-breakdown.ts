import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter, BreakdownDimension } from '../../../services/analytics/analytics-schemas.js';
import { INTERESTED_STATUSES, MAIN_PROPERTY_LATERAL, Params, touchScope } from './touch-scope.js';

export interface BreakdownSqlRow {
  key: string | null;
  sent: number;
  contacted: number;
  responded: number;
  interested: number;
  opted_out: number;
  touch_replies: number;
  cost_usd: number;
}

const KEY: Record<BreakdownDimension, string> = {
  channel: 's.channel',
  campaign: 's.campaign_id::text',
  step: 's.step::text',
  template: 's.template_key',
  variant: 's.variant',
  market: 'mp.market_key',
  tier: 'mp.tier',
};

/**
 * The scoped touches grouped by one dimension. Lead-level figures count a lead once per group (its first
 * touch in the group starts the clock); `touch_replies` gives each reply to the touch that preceded it
 * (sent before the reply, and no later touch to the lead in scope before it), which is what "which touch
 * gets the best responses" asks.
 */
export async function selectBreakdown(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter; by: BreakdownDimension }): Promise<BreakdownSqlRow[]> {
  const p = new Params();
  p.add(options.locationId);
  const scope = touchScope(p, options.filter);
  const lateral = options.by === 'market' || options.by === 'tier' ? MAIN_PROPERTY_LATERAL : '';
  const text = `
with s as (
  select t.id, t.contact_id, t.channel, t.campaign_id, t.step, t.template_key, t.variant, t.sent_at, t.replied_at,
         coalesce(t.cost_usd, 0) as cost_usd,
         lead(t.sent_at) over (partition by t.contact_id order by t.sent_at, t.id) as next_sent_at
  from touches t where ${scope}
),
keyed as (
  select s.*, ${KEY[options.by]} as key from s ${lateral}
),
touch_level as (
  select k.key, count(*)::int as sent, sum(k.cost_usd)::float8 as cost_usd,
         count(*) filter (where k.replied_at is not null or exists (
           select 1 from communications m
           where m.contact_id = k.contact_id and m.direction = 'inbound' and m.occurred_at >= k.sent_at
             and (k.next_sent_at is null or m.occurred_at < k.next_sent_at)))::int as touch_replies
  from keyed k group by k.key
),
leads as (
  select k.key, k.contact_id, min(k.sent_at) as first_at from keyed k group by k.key, k.contact_id
),
lead_level as (
  select l.key, count(*)::int as contacted,
         count(*) filter (where r.first_reply_at is not null)::int as responded,
         count(*) filter (where r.first_reply_at is not null and (r.interested_replies > 0 or ls.status in ${INTERESTED_STATUSES}))::int as interested,
         count(*) filter (where ct.opt_out or ls.status = 'opt_out')::int as opted_out
  from leads l
  join contacts ct on ct.id = l.contact_id
  left join lead_statuses ls on ls.contact_id = l.contact_id
  left join lateral (
    select min(m.occurred_at) as first_reply_at, count(*) filter (where m.intent = 'interested') as interested_replies
    from communications m where m.contact_id = l.contact_id and m.direction = 'inbound' and m.occurred_at >= l.first_at
  ) r on true
  group by l.key
)
select tl.key, tl.sent, ll.contacted, ll.responded, ll.interested, ll.opted_out, tl.touch_replies, coalesce(tl.cost_usd, 0)::float8 as cost_usd
from touch_level tl join lead_level ll on ll.key is not distinct from tl.key
order by tl.sent desc, tl.key nulls last`;
  const { rows } = await db.executeSql<BreakdownSqlRow>(text, p.values);
  return rows;
}

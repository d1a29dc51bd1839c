import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter, BreakdownDimension } from '../../../services/analytics/analytics-schemas.js';
import { INTERESTED_STATUSES, linkColumns, Params, rollupScope } from './touch-scope.js';

export interface BreakdownSqlRow {
  key: string | null;
  sent: number;
  contacted: number;
  responded: number;
  interested: number;
  opted_out: number;
  deals: number;
  touch_replies: number;
  cost_usd: number;
}

const KEY: Record<BreakdownDimension, string> = {
  channel: 't.channel',
  campaign: 't.campaign_id',
  step: 't.step',
  template: 't.template_key',
  variant: 't.variant',
  market: 'mk.key',
  tier: 'lp.tier',
};

/**
 * By market or tier, a lead counts under its main property's (the highest score), which the pipeline rollup
 * (`analytics_lead_pipeline`, drizzle/0012) holds per lead: one hash join instead of a sorted lookup of each
 * lead's properties. A lead without a property (no row, or a row without one) has neither.
 */
const MAIN_PROPERTY = (contactColumn: string): string =>
  `left join analytics_lead_pipeline lp on lp.contact_id = ${contactColumn} left join markets mk on mk.id = lp.market_id`;

/**
 * The scoped touches grouped by one dimension. Lead-level figures count a lead once per group (its first
 * touch in the group starts the clock); `touch_replies` gives each reply to the touch that preceded it
 * (sent before the reply, and no later touch to the lead in scope before it), which is what "which touch
 * gets the best responses" asks. Replies come from the touch rows, which carry the lead's replies at or after
 * each send (drizzle/0011_analytics_rebuild.sql).
 *
 * By channel, a reply counts for the channel it came in on (a call back for voicemail): an owner who
 * answers the first text after the follow-up email went out has answered the text, not the email. The
 * touch that preceded a reply is then the previous touch on that channel.
 */
export async function selectBreakdown(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter; by: BreakdownDimension }): Promise<BreakdownSqlRow[]> {
  const p = new Params();
  p.add(options.locationId);
  const scope = rollupScope(p, options.filter);
  const byChannel = options.by === 'channel';
  const byProperty = options.by === 'market' || options.by === 'tier';
  const key = KEY[options.by];
  // By channel, only replies on the touch's channel count.
  const first = byChannel ? 't.channel_reply_first_at' : 't.reply_first_at';
  const interested = byChannel ? 't.channel_reply_interested' : 't.reply_interested';
  // A lead is counted at its first touch in the group, a reply goes to the touch before the next one in scope
  // (per channel by channel). When the touch rollup's links fit the filters and the dimension, both are on the
  // touch row, with the lead's replies after it: one pass, grouped by the dimension.
  const nextLink = linkColumns(options.filter, byChannel ? 'channel' : undefined);
  const leadLink = byProperty ? linkColumns(options.filter) : byChannel ? linkColumns(options.filter, 'channel') : options.by === 'campaign' ? linkColumns(options.filter, 'campaign') : null;
  if (nextLink && leadLink) {
    const next = `case when t.${nextLink.next} < ${p.add(options.filter.to)} then t.${nextLink.next} end`;
    const enters = `(t.${leadLink.prev} is null or t.${leadLink.prev} < ${p.add(options.filter.from)})`;
    const text = `
select ${key}::text as key, count(*)::int as sent,
       count(*) filter (where ${enters})::int as contacted,
       count(*) filter (where ${enters} and ${first} is not null)::int as responded,
       count(*) filter (where ${enters} and ${first} is not null and (${interested} > 0 or t.lead_status in ${INTERESTED_STATUSES}))::int as interested,
       count(*) filter (where ${enters} and (t.lead_opted_out or t.lead_status = 'opt_out'))::int as opted_out,
       count(*) filter (where ${enters} and t.lead_last_deal_at >= t.sent_at)::int as deals,
       count(*) filter (where t.replied_at is not null or ${first} < coalesce(${next}, 'infinity'))::int as touch_replies,
       coalesce(sum(coalesce(t.cost_usd, 0)), 0)::float8 as cost_usd
from analytics_touches t ${byProperty ? MAIN_PROPERTY('t.contact_id') : ''}
where ${scope}
group by ${key}
order by sent desc, key nulls last`;
    const { rows } = await db.executeSql<BreakdownSqlRow>(text, p.values);
    return rows;
  }
  // Otherwise (by step, template or variant, or filters the links do not fit): the range's rows grouped per key
  // and lead. A lead's figures at its first touch in the group are those of the group's rows taken together:
  // the replies at or after a send only shrink as the send gets later, so that touch's first reply is the
  // group's earliest `reply_first_at` and its counts are the group's largest. The touch that preceded a reply
  // ends at the lead's next touch in scope: the stored link when it fits the filters, else a window over the
  // range's rows. The per-lead aggregate is what these statements pay for (a group per row, nearly), so its
  // state is kept by value: the key uncast, booleans, and the cost in 1/100,000 dollars (the column's scale)
  // as a bigint instead of a numeric sum (by step over 30 days on the bench: 444–454 against 574–708 ms).
  const next = nextLink
    ? `case when t.${nextLink.next} < ${p.add(options.filter.to)} then t.${nextLink.next} end`
    : `lead(t.sent_at) over (partition by t.contact_id${byChannel ? ', t.channel' : ''} order by t.sent_at, t.touch_id)`;
  const text = `
with s as (
  select ${key} as key, t.contact_id, t.sent_at, t.lead_last_deal_at, (coalesce(t.cost_usd, 0) * 100000)::bigint as cost_units,
         (t.replied_at is not null or ${first} < coalesce(${next}, 'infinity')) as touch_replied,
         ${first} as first_reply_at, ${interested} as interested_replies,
         t.lead_status in ${INTERESTED_STATUSES} as status_interested, (t.lead_opted_out or t.lead_status = 'opt_out') as opted_out
  from analytics_touches t ${byProperty ? MAIN_PROPERTY('t.contact_id') : ''}
  where ${scope}
),
per_lead as (
  select s.key, count(*)::int as sent, min(s.sent_at) as first_at, max(s.lead_last_deal_at) as last_deal_at, sum(s.cost_units)::bigint as cost_units, count(*) filter (where s.touch_replied)::int as touch_replies,
         min(s.first_reply_at) as first_reply_at, max(s.interested_replies) as interested_replies,
         bool_or(s.status_interested) as status_interested, bool_or(s.opted_out) as opted_out
  from s
  group by s.key, s.contact_id
)
select key::text as key, sum(sent)::int as sent, count(*)::int as contacted, count(first_reply_at)::int as responded,
       count(*) filter (where first_reply_at is not null and (interested_replies > 0 or status_interested))::int as interested,
       count(*) filter (where opted_out)::int as opted_out,
       count(*) filter (where last_deal_at >= first_at)::int as deals,
       sum(touch_replies)::int as touch_replies, (coalesce(sum(cost_units), 0) / 100000.0)::float8 as cost_usd
from per_lead
group by key
order by sent desc, key nulls last`;
  const { rows } = await db.executeSql<BreakdownSqlRow>(text, p.values);
  return rows;
}

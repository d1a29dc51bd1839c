import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter, BreakdownDimension } from '../../../services/analytics/analytics-schemas.js';
import { INTERESTED_STATUSES, LeadReplies, linkColumns, mainPropertyOf, Params, rollupScope } from './touch-scope.js';

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
 * gets the best responses" asks. Replies come from the per-lead rollup (`analytics_lead_facts`).
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
  // A lead is counted at its first touch in the group, a reply goes to the touch before the next one in scope
  // (per channel by channel). When the touch rollup's links fit the filters and the dimension, both are on the
  // touch row, with the lead's replies after it: one pass, grouped by the dimension.
  const nextLink = linkColumns(options.filter, byChannel ? 'channel' : undefined);
  const leadLink = byProperty ? linkColumns(options.filter) : byChannel ? linkColumns(options.filter, 'channel') : options.by === 'campaign' ? linkColumns(options.filter, 'campaign') : null;
  if (nextLink && leadLink) {
    const next = `case when t.${nextLink.next} < ${p.add(options.filter.to)} then t.${nextLink.next} end`;
    const enters = `(t.${leadLink.prev} is null or t.${leadLink.prev} < ${p.add(options.filter.from)})`;
    // By channel, only replies on the touch's channel count.
    const first = byChannel ? 't.channel_reply_first_at' : 't.reply_first_at';
    const interested = byChannel ? 't.channel_reply_interested' : 't.reply_interested';
    const key = byProperty ? KEY[options.by] : KEY[options.by].replace('s.', 't.');
    const text = `
${byProperty ? `with mp as (${mainPropertyOf(`select distinct t.contact_id from analytics_touches t where ${scope}`)})` : ''}
select ${key} as key, count(*)::int as sent,
       count(*) filter (where ${enters})::int as contacted,
       count(*) filter (where ${enters} and ${first} is not null)::int as responded,
       count(*) filter (where ${enters} and ${first} is not null and (${interested} > 0 or t.lead_status in ${INTERESTED_STATUSES}))::int as interested,
       count(*) filter (where ${enters} and (t.lead_opted_out or t.lead_status = 'opt_out'))::int as opted_out,
       count(*) filter (where t.replied_at is not null or ${first} < coalesce(${next}, 'infinity'))::int as touch_replies,
       coalesce(sum(coalesce(t.cost_usd, 0)), 0)::float8 as cost_usd
from analytics_touches t ${byProperty ? 'join mp on mp.contact_id = t.contact_id' : ''}
where ${scope}
group by 1
order by sent desc, key nulls last`;
    const { rows } = await db.executeSql<BreakdownSqlRow>(text, p.values);
    return rows;
  }
  const touchReplies = new LeadReplies(byChannel ? 'k.key' : undefined);
  const leadReplies = new LeadReplies(byChannel ? 'l.key' : undefined);
  const text = `
with s as (
  select t.touch_id as id, t.contact_id, t.channel, t.campaign_id, t.step, t.template_key, t.variant, t.sent_at, t.replied_at,
         coalesce(t.cost_usd, 0) as cost_usd,
         lead(t.sent_at) over (partition by t.contact_id${byChannel ? ', t.channel' : ''} order by t.sent_at, t.touch_id) as next_sent_at
  from analytics_touches t where ${scope}
),
${byProperty ? `mp as (${mainPropertyOf('select distinct s.contact_id from s')}),` : ''}
keyed as (
  select s.*, ${KEY[options.by]} as key from s ${byProperty ? 'join mp on mp.contact_id = s.contact_id' : ''}
),
touch_level as (
  select k.key, count(*)::int as sent, sum(k.cost_usd)::float8 as cost_usd,
         count(*) filter (where k.replied_at is not null or ${touchReplies.between('k.sent_at', 'k.next_sent_at')})::int as touch_replies
  from keyed k left join analytics_lead_facts f on f.contact_id = k.contact_id
  group by k.key
),
leads as (
  select k.key, k.contact_id, min(k.sent_at) as first_at from keyed k group by k.key, k.contact_id
),
per_lead as (
  select l.key, ${leadReplies.first('l.first_at')} as first_reply_at, ${leadReplies.interested('l.first_at')} as interested_replies,
         f.status, coalesce(f.opted_out, false) as opted_out
  from leads l left join analytics_lead_facts f on f.contact_id = l.contact_id
),
lead_level as (
  select key, count(*)::int as contacted,
         count(first_reply_at)::int as responded,
         count(*) filter (where first_reply_at is not null and (interested_replies > 0 or status in ${INTERESTED_STATUSES}))::int as interested,
         count(*) filter (where opted_out or status = 'opt_out')::int as opted_out
  from per_lead
  group by key
)
select tl.key, tl.sent, ll.contacted, ll.responded, ll.interested, ll.opted_out, tl.touch_replies, coalesce(tl.cost_usd, 0)::float8 as cost_usd
from touch_level tl join lead_level ll on ll.key is not distinct from tl.key
order by tl.sent desc, tl.key nulls last`;
  const { rows } = await db.executeSql<BreakdownSqlRow>(text, p.values);
  return rows;
}

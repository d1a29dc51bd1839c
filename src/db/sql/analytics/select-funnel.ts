import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';
import { INTERESTED_STATUSES, linkColumns, Params, rollupScope } from './touch-scope.js';

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
 * opt-outs and deals closed after it. One statement: when the touch rollup's links fit the filters, the rows
 * where a lead enters the range (each carries its lead's figures after it) plus a count of the range's sends,
 * or with a market or tier filter the rows where a lead enters or leaves; otherwise the range's touches
 * grouped per lead.
 */
export async function selectFunnel(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter }): Promise<FunnelRow> {
  const p = new Params();
  p.add(options.locationId);
  const scope = rollupScope(p, options.filter);
  const scopeValues = p.values.length;
  const link = linkColumns(options.filter);
  let text: string;
  if (!link) text = groupedFunnel(scope);
  else {
    const enters = `(t.${link.prev} is null or t.${link.prev} < ${p.add(options.filter.from)})`;
    if (!options.filter.market && !options.filter.tier) {
      // Two statements at once (two connections on PostgreSQL): the count is an index-only scan that would
      // otherwise run before the pass, in the same backend. Each has its own snapshot, as the funnel and the
      // extras already had: a send committed between them is in one figure and not yet in the other.
      const [sent, entering] = await Promise.all([
        db.executeSql<{ sent: number }>(`select count(*)::int as sent from analytics_touches t where ${scope}`, p.values.slice(0, scopeValues)),
        db.executeSql<Omit<FunnelRow, 'sent'>>(linkedFunnel(scope, enters), p.values),
      ]);
      return { sent: sent.rows[0]!.sent, ...entering.rows[0]! };
    }
    text = leadFilteredFunnel(scope, enters, `(t.${link.next} is null or t.${link.next} >= ${p.add(options.filter.to)})`, `t.${link.seq}`);
  }
  const { rows } = await db.executeSql<FunnelRow>(text, p.values);
  return rows[0]!;
}

/**
 * One pass over the range's rows where a lead enters (`enters`: its previous send in scope is before the
 * range), each carrying the lead's replies after it, its status, opt-out and last deal; the sends are counted
 * apart. Testing `enters` once in the scan's filter, rather than in a FILTER clause per aggregate, halves the
 * pass over a range that holds every touch (90 days on the bench: 800k rows, 200k entering). The median sorts
 * only the leads that replied.
 */
function linkedFunnel(scope: string, enters: string): string {
  return `
select count(*)::int as contacted,
       count(t.reply_first_at)::int as responded,
       coalesce(sum(t.reply_count), 0)::int as inbound,
       coalesce(sum(t.reply_interested), 0)::int as interested_replies,
       count(*) filter (where t.reply_first_at is not null and (t.reply_interested > 0 or t.lead_status in ${INTERESTED_STATUSES}))::int as interested,
       count(*) filter (where t.lead_last_deal_at >= t.sent_at)::int as deals,
       count(*) filter (where t.lead_opted_out or t.lead_status = 'opt_out')::int as opted_out,
       (avg(extract(epoch from (t.reply_first_at - t.sent_at))) / 3600)::float8 as avg_hours,
       (percentile_cont(0.5) within group (order by extract(epoch from (t.reply_first_at - t.sent_at))) filter (where t.reply_first_at is not null) / 3600)::float8 as median_hours
from analytics_touches t where ${scope} and ${enters}`;
}

/**
 * With a market or tier filter, a count of the range's sends must test the filter on each of them. Instead, one
 * pass reads the two rows per lead that bound its touches in the range, the one where it enters and the one
 * where it leaves (`leaves`: its next send in scope is at or after the range's end, or there is none), and
 * counts its sends as leave.seq − enter.seq + 1 (`seq`: the touch's ordinal in the partition). A lead with
 * one touch in the range has one row that does both. The two tests are made once per row, in a subquery kept
 * apart (`offset 0`) so the aggregates filter on plain booleans.
 */
function leadFilteredFunnel(scope: string, enters: string, leaves: string, seq: string): string {
  return `
select (coalesce(sum(t.seq) filter (where t.leaves), 0) - coalesce(sum(t.seq) filter (where t.enters), 0) + count(*) filter (where t.enters))::int as sent,
       count(*) filter (where t.enters)::int as contacted,
       count(t.reply_first_at) filter (where t.enters)::int as responded,
       coalesce(sum(t.reply_count) filter (where t.enters), 0)::int as inbound,
       coalesce(sum(t.reply_interested) filter (where t.enters), 0)::int as interested_replies,
       count(*) filter (where t.enters and t.reply_first_at is not null and (t.reply_interested > 0 or t.lead_status in ${INTERESTED_STATUSES}))::int as interested,
       count(*) filter (where t.enters and t.lead_last_deal_at >= t.sent_at)::int as deals,
       count(*) filter (where t.enters and (t.lead_opted_out or t.lead_status = 'opt_out'))::int as opted_out,
       (avg(extract(epoch from (t.reply_first_at - t.sent_at))) filter (where t.enters) / 3600)::float8 as avg_hours,
       (percentile_cont(0.5) within group (order by extract(epoch from (t.reply_first_at - t.sent_at))) filter (where t.enters and t.reply_first_at is not null) / 3600)::float8 as median_hours
from (select ${seq} as seq, t.sent_at, t.reply_first_at, t.reply_count, t.reply_interested, t.lead_status, t.lead_last_deal_at, t.lead_opted_out,
             ${enters} as enters, ${leaves} as leaves
      from analytics_touches t where ${scope} and (${enters} or ${leaves}) offset 0) t`;
}

/**
 * The touches in scope grouped per lead. The lead's figures at its first touch in scope are those of its rows
 * taken together: the replies at or after a send only shrink as the send gets later, so that touch's first
 * reply is the lead's earliest `reply_first_at` and its counts are the largest.
 */
function groupedFunnel(scope: string): string {
  return `
with per_lead as (
  select min(t.sent_at) as first_at, count(*)::int as sent, min(t.reply_first_at) as first_reply_at, max(t.reply_count) as inbound,
         max(t.reply_interested) as interested_replies, bool_or(t.lead_status in ${INTERESTED_STATUSES}) as status_interested,
         bool_or(t.lead_opted_out or t.lead_status = 'opt_out') as opted_out, max(t.lead_last_deal_at) as last_deal_at
  from analytics_touches t where ${scope}
  group by t.contact_id
)
select count(*)::int as contacted,
       coalesce(sum(sent), 0)::int as sent,
       count(first_reply_at)::int as responded,
       coalesce(sum(inbound), 0)::int as inbound,
       coalesce(sum(interested_replies), 0)::int as interested_replies,
       count(*) filter (where first_reply_at is not null and (interested_replies > 0 or status_interested))::int as interested,
       count(*) filter (where last_deal_at >= first_at)::int as deals,
       count(*) filter (where opted_out)::int as opted_out,
       (avg(extract(epoch from (first_reply_at - first_at))) / 3600)::float8 as avg_hours,
       (percentile_cont(0.5) within group (order by extract(epoch from (first_reply_at - first_at))) / 3600)::float8 as median_hours
from per_lead`;
}

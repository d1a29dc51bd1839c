import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';
import { leadScope, Params, touchConditions, touchedScope } from './touch-scope.js';

export interface RollingSqlRow {
  window: '1h' | '24h' | '7d';
  sent: number;
  delivered: number;
  failed: number;
  replies: number;
  interested: number;
  opt_outs: number;
  handoffs: number;
  blocked: number;
}

/** The filters of a rolling window: everything but the range, which is the window itself. */
export type RollingFilter = Omit<AnalyticsFilter, 'from' | 'to'>;

/**
 * Seed 003's performance tracker: the last hour, day and week ending at `at`. Each window is a range scan on a
 * (location, time) index, so the cost follows the window's volume, not the table's; sent touches and opt-outs
 * are read from the rollups (`analytics_touches`, `analytics_lead_facts`). Sent, delivered and failed count
 * campaign touches (see touch-scope.ts) under the touch filters. Market and tier keep the leads of every figure;
 * campaign, template, variant and channel keep the replies, opt-outs and handoffs of leads sent such a touch
 * before, and the blocks of such touches.
 */
export async function selectRolling(db: SqlExecutor, options: { locationId: string; at: Date; filter?: RollingFilter }): Promise<RollingSqlRow[]> {
  const f = options.filter ?? {};
  const p = new Params();
  p.add(options.locationId);
  p.add(options.at);
  const and = (...conds: Array<string | null>): string => conds.filter((c): c is string => c !== null).map((c) => ` and ${c}`).join('');
  const touchFilters = (alias: string, channel = true): string => and(...touchConditions(p, { ...f, ...(channel ? {} : { channel: undefined }) }, alias));
  // One set of placeholders serves every subquery that reads the same alias.
  const touchRows = `${touchFilters('t')}${and(leadScope(p, f, 't.contact_id'))}`;
  const inbound = and(touchedScope(p, f, 'm.contact_id', 'm.occurred_at'), leadScope(p, f, 'm.contact_id'));
  const optOuts = and(touchedScope(p, f, 'f.contact_id', 'f.opted_out_at'), leadScope(p, f, 'f.contact_id'));
  const handoffs = and(touchedScope(p, f, 'h.contact_id', 'h.created_at'), leadScope(p, f, 'h.contact_id'));
  // A block is a decision on a touch: the touch's campaign, template and variant, the decision's channel.
  const blockedTouch = f.campaign || f.template || f.variant ? `exists (select 1 from touches tb where tb.id = cd.touch_id${touchFilters('tb', false)})` : null;
  const blocked = and(blockedTouch, f.channel ? `cd.channel = ${p.add(f.channel)}` : null, leadScope(p, f, 'cd.contact_id'));
  const text = `
select w.win as "window",
  (select count(*)::int from analytics_touches t where t.location_id = $1 and t.sent_at >= $2::timestamptz - w.span and t.sent_at < $2${touchRows}) as sent,
  (select count(*)::int from touches t where t.location_id = $1 and t.sent_at >= $2::timestamptz - w.span and t.sent_at < $2 and t.status = 'delivered' and t.campaign_id is not null${touchRows}) as delivered,
  (select count(*)::int from touches t where t.location_id = $1 and t.updated_at >= $2::timestamptz - w.span and t.updated_at < $2 and t.status = 'failed' and t.campaign_id is not null${touchRows}) as failed,
  (select count(*)::int from communications m where m.location_id = $1 and m.occurred_at >= $2::timestamptz - w.span and m.occurred_at < $2 and m.direction = 'inbound'${inbound}) as replies,
  (select count(*)::int from communications m where m.location_id = $1 and m.occurred_at >= $2::timestamptz - w.span and m.occurred_at < $2 and m.direction = 'inbound' and m.intent = 'interested'${inbound}) as interested,
  (select count(*)::int from analytics_lead_facts f where f.location_id = $1 and f.opted_out_at >= $2::timestamptz - w.span and f.opted_out_at < $2${optOuts}) as opt_outs,
  (select count(*)::int from handoffs h where h.location_id = $1 and h.created_at >= $2::timestamptz - w.span and h.created_at < $2${handoffs}) as handoffs,
  (select count(*)::int from compliance_decisions cd where cd.location_id = $1 and cd.decided_at >= $2::timestamptz - w.span and cd.decided_at < $2 and cd.decision = 'block'${blocked}) as blocked
from (values ('1h', interval '1 hour', 1), ('24h', interval '24 hours', 2), ('7d', interval '7 days', 3)) as w(win, span, ord)
order by w.ord`;
  const { rows } = await db.executeSql<RollingSqlRow>(text, p.values);
  return rows;
}

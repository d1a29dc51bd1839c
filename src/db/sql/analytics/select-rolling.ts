import type { SqlExecutor } from '../../client.js';

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

/**
 * Seed 003's performance tracker: the last hour, day and week ending at `at`. Each window is a range scan
 * on a (location, time) index, so the cost follows the window's volume, not the table's; sent touches and
 * opt-outs are read from the rollups (`analytics_touches`, `analytics_lead_facts`). Sent, delivered and failed count campaign
 * touches (see touch-scope.ts).
 */
export async function selectRolling(db: SqlExecutor, options: { locationId: string; at: Date; campaignId?: string | undefined }): Promise<RollingSqlRow[]> {
  const values: unknown[] = [options.locationId, options.at];
  const touchCampaign = options.campaignId ? `and t.campaign_id = $3` : 'and t.campaign_id is not null';
  const msgCampaign = options.campaignId ? `and exists (select 1 from enrollments e where e.contact_id = m.contact_id and e.campaign_id = $3)` : '';
  const rollupCampaign = options.campaignId ? `and t.campaign_id = $3` : '';
  if (options.campaignId) values.push(options.campaignId);
  const text = `
select w.win as "window",
  (select count(*)::int from analytics_touches t where t.location_id = $1 and t.sent_at >= $2::timestamptz - w.span and t.sent_at < $2 ${rollupCampaign}) as sent,
  (select count(*)::int from touches t where t.location_id = $1 and t.sent_at >= $2::timestamptz - w.span and t.sent_at < $2 and t.status = 'delivered' ${touchCampaign}) as delivered,
  (select count(*)::int from touches t where t.location_id = $1 and t.updated_at >= $2::timestamptz - w.span and t.updated_at < $2 and t.status = 'failed' ${touchCampaign}) as failed,
  (select count(*)::int from communications m where m.location_id = $1 and m.occurred_at >= $2::timestamptz - w.span and m.occurred_at < $2 and m.direction = 'inbound' ${msgCampaign}) as replies,
  (select count(*)::int from communications m where m.location_id = $1 and m.occurred_at >= $2::timestamptz - w.span and m.occurred_at < $2 and m.direction = 'inbound' and m.intent = 'interested' ${msgCampaign}) as interested,
  (select count(*)::int from analytics_lead_facts f where f.location_id = $1 and f.opted_out_at >= $2::timestamptz - w.span and f.opted_out_at < $2) as opt_outs,
  (select count(*)::int from handoffs h where h.location_id = $1 and h.created_at >= $2::timestamptz - w.span and h.created_at < $2) as handoffs,
  (select count(*)::int from compliance_decisions cd where cd.location_id = $1 and cd.decided_at >= $2::timestamptz - w.span and cd.decided_at < $2 and cd.decision = 'block') as blocked
from (values ('1h', interval '1 hour', 1), ('24h', interval '24 hours', 2), ('7d', interval '7 days', 3)) as w(win, span, ord)
order by w.ord`;
  const { rows } = await db.executeSql<RollingSqlRow>(text, values);
  return rows;
}

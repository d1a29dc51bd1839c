import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';
import { leadScope, Params, touchedScope } from './touch-scope.js';

export interface ObjectionSqlRow {
  type: string;
  outcome: string | null;
  rebuttal: string | null;
  n: number;
}

/**
 * Objections raised in the range: the objection log (seed 003 sdr_objection_logs, with rebuttal and outcome)
 * plus objections labelled on inbound messages that have no log row. Market and tier keep the lead's; campaign,
 * template, variant and channel keep those raised after such a touch reached the lead.
 */
export async function selectObjections(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter }): Promise<ObjectionSqlRow[]> {
  const f = options.filter;
  const p = new Params();
  p.add(options.locationId);
  const from = p.add(f.from);
  const to = p.add(f.to);
  const logLead = leadScope(p, f, 'o.contact_id');
  const msgLead = leadScope(p, f, 'm.contact_id');
  // Campaign, template, variant and channel: objections raised after such a touch reached the lead.
  const logTouched = touchedScope(p, f, 'o.contact_id', 'o.created_at');
  const msgTouched = touchedScope(p, f, 'm.contact_id', 'm.occurred_at');
  const logCampaign = logTouched ? `and ${logTouched}` : '';
  const msgCampaign = msgTouched ? `and ${msgTouched}` : '';
  const text = `
select type, outcome, rebuttal, count(*)::int as n from (
  select o.objection_type as type, o.outcome, o.rebuttal_used as rebuttal
  from objection_logs o
  where o.location_id = $1 and o.created_at >= ${from} and o.created_at < ${to} ${logLead ? `and ${logLead}` : ''} ${logCampaign}
  union all
  select m.objection as type, null as outcome, null as rebuttal
  from communications m
  where m.location_id = $1 and m.direction = 'inbound' and m.objection is not null and m.occurred_at >= ${from} and m.occurred_at < ${to}
    and not exists (select 1 from objection_logs o where o.communication_id = m.id) ${msgLead ? `and ${msgLead}` : ''} ${msgCampaign}
) x
group by type, outcome, rebuttal`;
  const { rows } = await db.executeSql<ObjectionSqlRow>(text, p.values);
  return rows;
}

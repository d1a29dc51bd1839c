import type { SqlExecutor } from '../../client.js';

export interface ComplianceSummarySql {
  decisions: Array<{ decision: 'allow' | 'defer' | 'block' | 'review'; n: number }>;
  rules: Array<{ rule: string; n: number }>;
  lists: Array<{ list: string; state: string; list_date: string; added: number | null }>;
  optOuts: { total: number; in_range: number };
  recent: Array<{ id: string; owner_name: string | null; opted_out_at: Date }>;
}

/** Decisions by outcome and the rules that blocked most, the newest DNC list per list and state, opt-outs. */
export async function selectComplianceSummary(db: SqlExecutor, options: { locationId: string; from: Date; to: Date }): Promise<ComplianceSummarySql> {
  const v = [options.locationId, options.from, options.to];
  const [decisions, rules, lists, optOuts, recent] = await Promise.all([
    db.executeSql<{ decision: 'allow' | 'defer' | 'block' | 'review'; n: number }>(
      `select decision, count(*)::int as n from compliance_decisions where location_id = $1 and decided_at >= $2 and decided_at < $3 group by decision`,
      v,
    ),
    db.executeSql<{ rule: string; n: number }>(
      `select r.rule, count(*)::int as n from compliance_decisions cd cross join lateral unnest(cd.rules) as r(rule)
       where cd.location_id = $1 and cd.decided_at >= $2 and cd.decided_at < $3 and cd.decision = 'block' group by r.rule order by n desc, r.rule limit 10`,
      v,
    ),
    db.executeSql<{ list: string; state: string; list_date: string; added: number | null }>(
      `select distinct on (list, state) list, state, to_char(list_date, 'YYYY-MM-DD') as list_date, added
       from suppression_lists where location_id is null or location_id = $1 order by list, state, list_date desc`,
      [options.locationId],
    ),
    db.executeSql<{ total: number; in_range: number }>(
      `select count(*)::int as total, count(*) filter (where opted_out_at >= $2 and opted_out_at < $3)::int as in_range from contacts where location_id = $1 and opt_out`,
      v,
    ),
    db.executeSql<{ id: string; owner_name: string | null; opted_out_at: Date }>(
      `select id, owner_name, opted_out_at from contacts where location_id = $1 and opt_out and opted_out_at >= $2 and opted_out_at < $3 order by opted_out_at desc limit 500`,
      v,
    ),
  ]);
  return { decisions: decisions.rows, rules: rules.rows, lists: lists.rows, optOuts: optOuts.rows[0]!, recent: recent.rows };
}

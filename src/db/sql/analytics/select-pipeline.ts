import type { SqlExecutor } from '../../client.js';
import { leadScope, Params } from './touch-scope.js';

export interface PipelineSqlRow {
  status: string;
  tier: string | null;
  market: string | null;
  n: number;
}

/**
 * Leads by pipeline status × main-property tier × market. A lead without a lead_statuses row is `new`
 * (statuses are written lazily), and an opted-out contact counts as `opt_out`.
 */
export async function selectPipeline(db: SqlExecutor, options: { locationId: string; market?: string | undefined; tier?: string | undefined }): Promise<PipelineSqlRow[]> {
  const p = new Params();
  p.add(options.locationId);
  const lead = leadScope(p, options, 'c.id');
  // The main property of every lead in one sorted pass (a hash join), not one lookup per lead.
  const text = `
with main_property as (
  select distinct on (pc.contact_id) pc.contact_id, p.tier, mk.key as market_key
  from property_contacts pc join properties p on p.id = pc.property_id left join markets mk on mk.id = p.market_id
  where p.location_id = $1
  order by pc.contact_id, p.score desc nulls last, p.id
)
select case when c.opt_out then 'opt_out' else coalesce(ls.status, 'new') end as status, mp.tier, mp.market_key as market, count(*)::int as n
from contacts c
left join lead_statuses ls on ls.contact_id = c.id
left join main_property mp on mp.contact_id = c.id
where c.location_id = $1 ${lead ? `and ${lead}` : ''}
group by 1, 2, 3`;
  const { rows } = await db.executeSql<PipelineSqlRow>(text, p.values);
  return rows;
}

import type { SqlExecutor } from '../../client.js';
import { leadScope, Params } from './touch-scope.js';

export interface PipelineSqlRow {
  status: string;
  tier: string | null;
  market: string | null;
  n: number;
}

/**
 * Leads by pipeline status × main-property tier × market, from the pipeline rollup
 * (`analytics_lead_pipeline`, drizzle/0012): one row per lead with a property, a status or an opt-out. The
 * location's other contacts have none of those, so they are `new` without a tier or market and are counted
 * as the difference between the contacts and the rollup rows (one snapshot, so the two counts agree).
 * A market or tier filter keeps the leads with any property of that market or tier, which rules out those
 * bare contacts.
 */
export async function selectPipeline(db: SqlExecutor, options: { locationId: string; market?: string | undefined; tier?: string | undefined }): Promise<PipelineSqlRow[]> {
  const p = new Params();
  p.add(options.locationId);
  const lead = leadScope(p, options, 'lp.contact_id');
  const bare = lead
    ? ''
    : `union all
  select 'new', null, null,
         (select count(*) from contacts c where c.location_id = $1) - (select count(*) from analytics_lead_pipeline x where x.location_id = $1)`;
  const text = `
with counted as (
  select lp.status, lp.tier, lp.market_id, count(*) as n
  from analytics_lead_pipeline lp
  where lp.location_id = $1 ${lead ? `and ${lead}` : ''}
  group by 1, 2, 3
  ${bare}
)
select x.status, x.tier, mk.key as market, sum(x.n)::int as n
from counted x left join markets mk on mk.id = x.market_id
group by 1, 2, 3
having sum(x.n) > 0`;
  const { rows } = await db.executeSql<PipelineSqlRow>(text, p.values);
  return rows;
}

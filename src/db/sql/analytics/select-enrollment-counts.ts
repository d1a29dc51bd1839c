import type { SqlExecutor } from '../../client.js';
import type { AnalyticsFilter } from '../../../services/analytics/analytics-schemas.js';
import { enrollmentTouched, leadScope, Params } from './touch-scope.js';

export interface EnrollmentCountRow {
  campaign_id: string;
  name: string;
  campaign_status: string;
  enrolled: number;
  active: number;
  completed: number;
  opted_out: number;
  handed_off: number;
}

/**
 * Enrollments per campaign started in the range, by status (seed 003 per-sequence figures); `handed_off` =
 * reached QUALIFIED or BOOKED. Market and tier keep the enrolled lead's; template, variant and channel keep
 * the enrollments whose lead was sent such a touch of the campaign. Every campaign of the location is listed.
 */
export async function selectEnrollmentCounts(db: SqlExecutor, options: { locationId: string; filter: AnalyticsFilter }): Promise<EnrollmentCountRow[]> {
  const f = options.filter;
  const p = new Params();
  p.add(options.locationId);
  const join = [`e.campaign_id = c.id`, `e.enrolled_at >= ${p.add(f.from)}`, `e.enrolled_at < ${p.add(f.to)}`];
  const lead = leadScope(p, f, 'e.contact_id');
  if (lead) join.push(lead);
  const touched = enrollmentTouched(p, f);
  if (touched) join.push(touched);
  const text = `
select c.id::text as campaign_id, c.name, c.status as campaign_status,
       count(e.id)::int as enrolled,
       count(e.id) filter (where e.status = 'active')::int as active,
       count(e.id) filter (where e.status = 'completed')::int as completed,
       count(e.id) filter (where e.status = 'opted_out')::int as opted_out,
       count(e.id) filter (where e.state in ('QUALIFIED', 'BOOKED'))::int as handed_off
from campaigns c
left join enrollments e on ${join.join(' and ')}
where c.location_id = $1
group by c.id, c.name, c.status
order by c.name`;
  const { rows } = await db.executeSql<EnrollmentCountRow>(text, p.values);
  return rows;
}

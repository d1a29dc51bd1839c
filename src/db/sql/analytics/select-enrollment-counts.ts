import type { SqlExecutor } from '../../client.js';

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

/** Enrollments per campaign by status (seed 003 per-sequence figures); `handed_off` = reached QUALIFIED or BOOKED. */
export async function selectEnrollmentCounts(db: SqlExecutor, options: { locationId: string; from: Date; to: Date }): Promise<EnrollmentCountRow[]> {
  const text = `
select c.id::text as campaign_id, c.name, c.status as campaign_status,
       count(e.id)::int as enrolled,
       count(e.id) filter (where e.status = 'active')::int as active,
       count(e.id) filter (where e.status = 'completed')::int as completed,
       count(e.id) filter (where e.status = 'opted_out')::int as opted_out,
       count(e.id) filter (where e.state in ('QUALIFIED', 'BOOKED'))::int as handed_off
from campaigns c
left join enrollments e on e.campaign_id = c.id and e.enrolled_at >= $2 and e.enrolled_at < $3
where c.location_id = $1
group by c.id, c.name, c.status
order by c.name`;
  const { rows } = await db.executeSql<EnrollmentCountRow>(text, [options.locationId, options.from, options.to]);
  return rows;
}

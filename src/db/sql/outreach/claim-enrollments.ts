/**
 * The scheduler's claim: due, active enrollments taken with `FOR UPDATE SKIP LOCKED`, their next_touch_at
 * pushed forward by a lease in the same statement. Two workers never take the same enrollment; one that
 * dies mid-way leaves the enrollment to come due again when the lease ends, and the touch's idempotency
 * key (contact + step + local date) keeps a second pass from writing a second touch.
 * Reviewed hot path (`npm run bench -- outreach`): hand-written, a named prepared statement on PostgreSQL,
 * answering the row under its camelCase names (no query builder on the way in or out).
 */
import type { Database } from '../../client.js';
import { enrollments } from '../../schema/index.js';
import { columnsAs } from '../columns-as.js';

export type ClaimedEnrollment = typeof enrollments.$inferSelect;

// The optional location / contact filters are parameters (null: any), so one plan serves every caller.
const TEXT = `
update enrollments e set next_touch_at = $2::timestamptz, updated_at = $1::timestamptz
where e.id in (
  select id from enrollments
  where status = 'active' and next_touch_at <= $1::timestamptz
    and ($4::uuid is null or location_id = $4::uuid) and ($5::uuid is null or contact_id = $5::uuid)
  order by next_touch_at
  limit $3::int
  for update skip locked
)
returning ${columnsAs(enrollments, 'e')}`;

export async function claimDueEnrollments(
  database: Pick<Database, 'executePrepared'>,
  o: { now: Date; leaseMs: number; limit: number; locationId?: string; contactId?: string },
): Promise<ClaimedEnrollment[]> {
  const r = await database.executePrepared<ClaimedEnrollment>('curb_claim_enrollments', TEXT, [
    o.now.toISOString(),
    new Date(o.now.getTime() + o.leaseMs).toISOString(),
    o.limit,
    o.locationId ?? null,
    o.contactId ?? null,
  ]);
  return r.rows;
}

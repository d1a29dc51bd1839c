/**
 * The scheduler's claim: due, active enrollments taken with `FOR UPDATE SKIP LOCKED`, their next_touch_at
 * pushed forward by a lease in the same statement. Two workers never take the same enrollment; one that
 * dies mid-way leaves the enrollment to come due again when the lease ends, and the touch's idempotency
 * key (contact + step + local date) keeps a second pass from writing a second touch.
 * Reviewed hot path (`npm run bench -- outreach`).
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { enrollments } from '../../schema/index.js';

export type ClaimedEnrollment = typeof enrollments.$inferSelect;

export async function claimDueEnrollments(db: Db, o: { now: Date; leaseMs: number; limit: number; locationId?: string; contactId?: string }): Promise<ClaimedEnrollment[]> {
  const due = db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.status, 'active'),
        lte(enrollments.nextTouchAt, o.now),
        ...(o.locationId ? [eq(enrollments.locationId, o.locationId)] : []),
        ...(o.contactId ? [eq(enrollments.contactId, o.contactId)] : []),
      ),
    )
    .orderBy(asc(enrollments.nextTouchAt))
    .limit(o.limit)
    .for('update', { skipLocked: true });
  return db
    .update(enrollments)
    .set({ nextTouchAt: new Date(o.now.getTime() + o.leaseMs), updatedAt: o.now })
    .where(inArray(enrollments.id, due))
    .returning();
}

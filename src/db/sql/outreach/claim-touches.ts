/**
 * The dispatcher's claim: queued touches that are due, taken with `FOR UPDATE SKIP LOCKED` and moved to
 * `sending` with a lease in one statement, so two workers never take the same touch and the state is
 * committed before any provider is called. Reviewed hot path (`npm run bench -- outreach`).
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../client.js';
import { anyOf } from '../any-of.js';
import { touches } from '../../schema/index.js';

export type ClaimedTouch = typeof touches.$inferSelect;

/** Claims up to `limit` due queued touches (of one location, when given); answers them in `sending` with `attempts` incremented. */
export async function claimQueuedTouches(db: Db, o: { now: Date; leaseMs: number; limit: number; locationId?: string }): Promise<ClaimedTouch[]> {
  const due = db
    .select({ id: touches.id })
    .from(touches)
    .where(and(eq(touches.status, 'queued'), lte(touches.nextAttemptAt, o.now), ...(o.locationId ? [eq(touches.locationId, o.locationId)] : [])))
    .orderBy(asc(touches.nextAttemptAt))
    .limit(o.limit)
    .for('update', { skipLocked: true });
  return db
    .update(touches)
    .set({ status: 'sending', attempts: sql`${touches.attempts} + 1`, leaseUntil: new Date(o.now.getTime() + o.leaseMs), updatedAt: o.now })
    .where(inArray(touches.id, due))
    .returning();
}

/**
 * Claims touches left in `sending` by a worker that died or lost an answer (their lease ran out), extending
 * the lease. The caller must find out from the provider whether they went out before sending again.
 */
export async function claimExpiredSends(db: Db, o: { now: Date; leaseMs: number; limit: number; locationId?: string }): Promise<ClaimedTouch[]> {
  const stale = db
    .select({ id: touches.id })
    .from(touches)
    .where(and(eq(touches.status, 'sending'), lte(touches.leaseUntil, o.now), ...(o.locationId ? [eq(touches.locationId, o.locationId)] : [])))
    .orderBy(asc(touches.leaseUntil))
    .limit(o.limit)
    .for('update', { skipLocked: true });
  return db
    .update(touches)
    .set({ leaseUntil: new Date(o.now.getTime() + o.leaseMs), attempts: sql`${touches.attempts} + 1`, updatedAt: o.now })
    .where(inArray(touches.id, stale))
    .returning();
}

/**
 * Fencing before a provider call: renews this worker's lease only if the touch still carries the lease it
 * was claimed with. False means another worker took the touch over (recovery after the lease ran out while
 * it waited its turn): this worker must not send it.
 */
export async function renewLease(db: Db, t: Pick<ClaimedTouch, 'id' | 'leaseUntil'>, o: { now: Date; leaseMs: number }): Promise<Date | null> {
  if (!t.leaseUntil) return null;
  const until = new Date(o.now.getTime() + o.leaseMs);
  const r = await db
    .update(touches)
    .set({ leaseUntil: until })
    .where(and(eq(touches.id, t.id), eq(touches.status, 'sending'), eq(touches.leaseUntil, t.leaseUntil)))
    .returning({ id: touches.id });
  return r.length > 0 ? until : null;
}

/** `renewLease` for a chunk claimed together (one lease value): answers the ids still ours. */
export async function renewLeases(db: Db, ids: readonly string[], o: { claimedLease: Date; now: Date; leaseMs: number }): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await db
    .update(touches)
    .set({ leaseUntil: new Date(o.now.getTime() + o.leaseMs) })
    .where(and(anyOf(touches.id, ids, 'uuid'), eq(touches.status, 'sending'), eq(touches.leaseUntil, o.claimedLease)))
    .returning({ id: touches.id });
  return new Set(r.map((x) => x.id));
}

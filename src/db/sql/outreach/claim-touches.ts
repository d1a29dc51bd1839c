/**
 * The dispatcher's claim: queued touches that are due, taken with `FOR UPDATE SKIP LOCKED` and moved to
 * `sending` with a lease in one statement, so two workers never take the same touch and the state is
 * committed before any provider is called. Reviewed hot path (`npm run bench -- outreach`).
 */
import { and, eq } from 'drizzle-orm';
import type { Database, Db } from '../../client.js';
import { touches } from '../../schema/index.js';
import { columnsAs } from '../columns-as.js';

export type ClaimedTouch = typeof touches.$inferSelect;

// Hand-written, named prepared statements on PostgreSQL, answering rows under their camelCase names (no
// query builder on the way in or out). Optional location filters are parameters (null: any).
const TOUCH_COLUMNS = columnsAs(touches, 't');

const CLAIM_QUEUED = `
update touches t set status = 'sending', attempts = t.attempts + 1, lease_until = $2::timestamptz, updated_at = $1::timestamptz
where t.id in (
  select id from touches
  where status = 'queued' and next_attempt_at <= $1::timestamptz and ($4::uuid is null or location_id = $4::uuid)
  order by next_attempt_at
  limit $3::int
  for update skip locked
)
returning ${TOUCH_COLUMNS}`;

const CLAIM_EXPIRED = `
update touches t set lease_until = $2::timestamptz, attempts = t.attempts + 1, updated_at = $1::timestamptz
where t.id in (
  select id from touches
  where status = 'sending' and lease_until <= $1::timestamptz and ($4::uuid is null or location_id = $4::uuid)
  order by lease_until
  limit $3::int
  for update skip locked
)
returning ${TOUCH_COLUMNS}`;

const RENEW_LEASES = `
update touches set lease_until = $2::timestamptz
where id = any($1::uuid[]) and status = 'sending' and lease_until = $3::timestamptz
returning id`;

type Claim = { now: Date; leaseMs: number; limit: number; locationId?: string };
const claimParams = (o: Claim): unknown[] => [o.now.toISOString(), new Date(o.now.getTime() + o.leaseMs).toISOString(), o.limit, o.locationId ?? null];

/** Claims up to `limit` due queued touches (of one location, when given); answers them in `sending` with `attempts` incremented. */
export async function claimQueuedTouches(database: Pick<Database, 'executePrepared'>, o: Claim): Promise<ClaimedTouch[]> {
  return (await database.executePrepared<ClaimedTouch>('curb_claim_queued_touches', CLAIM_QUEUED, claimParams(o))).rows;
}

/**
 * Claims touches left in `sending` by a worker that died or lost an answer (their lease ran out), extending
 * the lease. The caller must find out from the provider whether they went out before sending again.
 */
export async function claimExpiredSends(database: Pick<Database, 'executePrepared'>, o: Claim): Promise<ClaimedTouch[]> {
  return (await database.executePrepared<ClaimedTouch>('curb_claim_expired_sends', CLAIM_EXPIRED, claimParams(o))).rows;
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
export async function renewLeases(database: Pick<Database, 'executePrepared'>, ids: readonly string[], o: { claimedLease: Date; now: Date; leaseMs: number }): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await database.executePrepared<{ id: string }>('curb_renew_leases', RENEW_LEASES, [ids, new Date(o.now.getTime() + o.leaseMs).toISOString(), o.claimedLease.toISOString()]);
  return new Set(r.rows.map((x) => x.id));
}

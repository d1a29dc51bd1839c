/**
 * Stops the automated cadence for one contact: on a reply, an opt-out, a handoff, a wrong number, a
 * booking. Active and paused enrollments end (or pause for a conversation) and every touch not yet sent
 * — queued or waiting in the approval queue — is cancelled, in one transaction.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { enrollments, touches } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';

export type StopReason = 'reply' | 'opt_out' | 'handoff' | 'wrong_number' | 'not_interested' | 'booked' | 'qualified' | 'disqualified' | 'manual';

/** The enrollment status and sequence state each reason leaves behind. */
const OUTCOME: Record<StopReason, { status: string; state: string | null }> = {
  // A reply hands the owner to the conversation: the cadence stops; the state shows where it stood.
  reply: { status: 'cancelled', state: null },
  opt_out: { status: 'opted_out', state: 'OPTED_OUT' },
  handoff: { status: 'cancelled', state: null },
  wrong_number: { status: 'cancelled', state: 'DISQUALIFIED' },
  not_interested: { status: 'cancelled', state: 'DISQUALIFIED' },
  booked: { status: 'completed', state: 'BOOKED' },
  qualified: { status: 'completed', state: 'QUALIFIED' },
  disqualified: { status: 'cancelled', state: 'DISQUALIFIED' },
  manual: { status: 'cancelled', state: null },
};

export interface StopOutreachResult {
  enrollmentsStopped: number;
  touchesCancelled: number;
}

export async function stopOutreach(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  o: { locationId: string; contactId: string; reason: StopReason; campaignId?: string },
): Promise<StopOutreachResult> {
  const now = deps.clock.now();
  const outcome = OUTCOME[o.reason];
  return deps.db.transaction(async (tx) => {
    const stopped = await tx
      .update(enrollments)
      .set({
        status: outcome.status,
        ...(outcome.state ? { state: outcome.state } : {}),
        nextTouchAt: null,
        awaitingTouchId: null,
        completedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(enrollments.locationId, o.locationId),
          eq(enrollments.contactId, o.contactId),
          inArray(enrollments.status, ['active', 'paused']),
          ...(o.campaignId ? [eq(enrollments.campaignId, o.campaignId)] : []),
        ),
      )
      .returning({ id: enrollments.id });
    const cancelled = await tx
      .update(touches)
      .set({ status: 'cancelled', errorCode: `stopped:${o.reason}`, leaseUntil: null, updatedAt: now })
      .where(
        and(
          eq(touches.locationId, o.locationId),
          eq(touches.contactId, o.contactId),
          inArray(touches.status, ['queued', 'awaiting_approval']),
          // Conversation messages (auto-replies, a person's reply) are not campaign touches: they stay.
          isNotNull(touches.enrollmentId),
          ...(o.campaignId ? [eq(touches.campaignId, o.campaignId)] : []),
        ),
      )
      .returning({ id: touches.id });
    return { enrollmentsStopped: stopped.length, touchesCancelled: cancelled.length };
  });
}

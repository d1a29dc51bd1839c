/**
 * Hands a lead to a person (seed 000 Human Handoff): human_takeover on the conversation (the bot stays
 * silent until released), lead status interested, the automated cadence stopped, and the user told by
 * SMS and email. A second trigger while a handoff is open reuses it (one notice per handoff).
 */
import { and, eq, sql } from 'drizzle-orm';
import { conversationStates, handoffs } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { advanceLeadStatus } from '../conversations/advance-lead-status.js';
import { stopOutreach } from '../outreach/stop-outreach.js';
import { notifyHandoff, type NotifyHandoffResult } from './notify-handoff.js';

export interface StartHandoffOptions {
  locationId: string;
  contactId: string;
  /** Why (the decision's reasons), shown in the notification. */
  reason: string;
  /** Who took over: `curb` for the decision engine, an actor for a person's click. */
  by?: string;
  /** Notify the user (default true; a person taking over from the inbox needs no notice). */
  notify?: boolean;
}

export interface StartHandoffResult {
  handoffId: string;
  created: boolean;
  notified: NotifyHandoffResult | null;
}

export async function startHandoff(services: AppServices, o: StartHandoffOptions): Promise<StartHandoffResult> {
  const now = services.clock.now();
  const { handoffId, created } = await services.db.transaction(async (tx) => {
    await tx
      .insert(conversationStates)
      .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, currentState: 'handed_off', humanTakeover: true, takeoverAt: now, takeoverBy: o.by ?? 'curb', updatedAt: now })
      .onConflictDoUpdate({
        target: conversationStates.contactId,
        set: {
          currentState: 'handed_off',
          humanTakeover: true,
          // An existing takeover keeps its time and owner.
          takeoverAt: sql`case when ${conversationStates.humanTakeover} then ${conversationStates.takeoverAt} else ${now.toISOString()}::timestamptz end`,
          takeoverBy: sql`case when ${conversationStates.humanTakeover} then ${conversationStates.takeoverBy} else ${o.by ?? 'curb'} end`,
          releasedAt: null,
          updatedAt: now,
        },
      });
    const [open] = await tx
      .select({ id: handoffs.id })
      .from(handoffs)
      .where(and(eq(handoffs.locationId, o.locationId), eq(handoffs.contactId, o.contactId), eq(handoffs.status, 'open')))
      .limit(1);
    if (open) return { handoffId: open.id, created: false };
    const id = newId();
    await tx.insert(handoffs).values({ id, locationId: o.locationId, contactId: o.contactId, reason: o.reason, status: 'open', createdAt: now });
    return { handoffId: id, created: true };
  });
  await advanceLeadStatus(services, { locationId: o.locationId, contactId: o.contactId, status: 'interested' });
  await stopOutreach(services, { locationId: o.locationId, contactId: o.contactId, reason: 'handoff' });
  const notified = created && o.notify !== false ? await notifyHandoff(services, { handoffId, round: 0 }) : null;
  return { handoffId, created, notified };
}

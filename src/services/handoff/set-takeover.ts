/**
 * A person takes a conversation over from the inbox, or gives it back to the bot. Taking over silences
 * the bot like a handoff does (and stops the cadence) but sends no notice — the person is already there.
 * Releasing clears human_takeover, resolves the open handoff and lets the bot answer the next message.
 */
import { and, eq } from 'drizzle-orm';
import { conversationStates, handoffs } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import { stopOutreach } from '../outreach/stop-outreach.js';

export interface TakeoverState {
  humanTakeover: boolean;
  takeoverAt: string | null;
  takeoverBy: string | null;
  releasedAt: string | null;
  currentState: string;
}

async function stateOf(services: Pick<AppServices, 'db'>, contactId: string): Promise<TakeoverState> {
  const [s] = await services.db.select().from(conversationStates).where(eq(conversationStates.contactId, contactId)).limit(1);
  return {
    humanTakeover: s?.humanTakeover ?? false,
    takeoverAt: s?.takeoverAt?.toISOString() ?? null,
    takeoverBy: s?.takeoverBy ?? null,
    releasedAt: s?.releasedAt?.toISOString() ?? null,
    currentState: s?.currentState ?? 'idle',
  };
}

export async function takeOverConversation(services: AppServices, o: { locationId: string; contactId: string; by: string }): Promise<TakeoverState> {
  await getContact(services, o);
  const now = services.clock.now();
  await services.db
    .insert(conversationStates)
    .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, currentState: 'human', humanTakeover: true, takeoverAt: now, takeoverBy: o.by, updatedAt: now })
    .onConflictDoUpdate({ target: conversationStates.contactId, set: { humanTakeover: true, takeoverAt: now, takeoverBy: o.by, releasedAt: null, currentState: 'human', updatedAt: now } });
  await stopOutreach(services, { locationId: o.locationId, contactId: o.contactId, reason: 'manual' });
  return stateOf(services, o.contactId);
}

export async function releaseConversation(services: AppServices, o: { locationId: string; contactId: string; by: string }): Promise<TakeoverState> {
  await getContact(services, o);
  const now = services.clock.now();
  await services.db
    .insert(conversationStates)
    .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, currentState: 'released', humanTakeover: false, releasedAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: conversationStates.contactId, set: { humanTakeover: false, releasedAt: now, currentState: 'released', updatedAt: now } });
  await services.db
    .update(handoffs)
    .set({ status: 'resolved', resolvedAt: now })
    .where(and(eq(handoffs.locationId, o.locationId), eq(handoffs.contactId, o.contactId), eq(handoffs.status, 'open')));
  await services.db
    .update(handoffs)
    .set({ status: 'resolved', resolvedAt: now })
    .where(and(eq(handoffs.locationId, o.locationId), eq(handoffs.contactId, o.contactId), eq(handoffs.status, 'acknowledged')));
  return stateOf(services, o.contactId);
}

export { stateOf as getTakeoverState };

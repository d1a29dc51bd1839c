/** One conversation: the contact, its takeover state, every message in and out (oldest first) and the gate. */
import { and, asc, eq } from 'drizzle-orm';
import { communications, conversationStates, qualifications } from '../../db/schema/index.js';
import type { AppServices } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import type { Conversation } from './conversation-schemas.js';
import { toMessageView } from './to-message-view.js';

export async function getConversation(services: Pick<AppServices, 'db' | 'keyRing'>, o: { locationId: string; contactId: string }): Promise<Conversation> {
  const contact = await getContact(services, o);
  const [[state], rows, [q]] = await Promise.all([
    services.db.select().from(conversationStates).where(eq(conversationStates.contactId, o.contactId)).limit(1),
    services.db
      .select()
      .from(communications)
      .where(and(eq(communications.locationId, o.locationId), eq(communications.contactId, o.contactId)))
      .orderBy(asc(communications.occurredAt), asc(communications.id))
      .limit(2000),
    services.db.select().from(qualifications).where(eq(qualifications.contactId, o.contactId)).limit(1),
  ]);
  return {
    contact,
    state: { humanTakeover: state?.humanTakeover ?? false, takeoverAt: state?.takeoverAt?.toISOString() ?? null, currentState: state?.currentState ?? 'idle' },
    messages: rows.map((r) => toMessageView(services.keyRing, r)),
    qualification: q
      ? {
          frsScore: q.frsScore,
          pcsScore: q.pcsScore,
          confidence: q.confidence,
          leadType: q.leadType,
          gatePassed: q.gatePassed,
          handoffTarget: q.handoffTarget,
          disqualifyReason: q.disqualifyReason,
          facts: q.facts,
          evaluatedAt: q.evaluatedAt.toISOString(),
        }
      : null,
  };
}

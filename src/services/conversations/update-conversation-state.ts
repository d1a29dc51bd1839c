/**
 * Keeps conversation_states in step with each message: the FSM state, a reference entry appended to the
 * history (ids and labels only — bodies stay encrypted in communications), and the last in/out times.
 */
import { sql } from 'drizzle-orm';
import { conversationStates } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';

export interface ConversationHistoryEntry {
  communicationId: string;
  direction: 'inbound' | 'outbound';
  at: string;
  intent?: string | null;
  sentiment?: number | null;
  objection?: string | null;
  action?: string | null;
  author?: string | null;
}

export interface UpdateConversationStateOptions {
  locationId: string;
  contactId: string;
  /** New FSM state: engaged | handed_off | cold | opted_out | wrong_number | nurture | released … (unchanged when absent). */
  state?: string;
  entry?: ConversationHistoryEntry;
  inboundAt?: Date;
  outboundAt?: Date;
}

export async function updateConversationState(deps: Pick<ServiceDeps, 'db' | 'clock'>, o: UpdateConversationStateOptions): Promise<void> {
  const now = deps.clock.now();
  const entry = o.entry ? [o.entry] : [];
  await deps.db
    .insert(conversationStates)
    .values({
      id: newId(),
      locationId: o.locationId,
      contactId: o.contactId,
      currentState: o.state ?? 'engaged',
      conversationHistory: entry,
      lastInboundAt: o.inboundAt ?? null,
      lastOutboundAt: o.outboundAt ?? null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: conversationStates.contactId,
      set: {
        ...(o.state ? { currentState: o.state } : {}),
        ...(entry.length > 0 ? { conversationHistory: sql`${conversationStates.conversationHistory} || ${JSON.stringify(entry)}::jsonb` } : {}),
        ...(o.inboundAt ? { lastInboundAt: o.inboundAt } : {}),
        ...(o.outboundAt ? { lastOutboundAt: o.outboundAt } : {}),
        updatedAt: now,
      },
    });
}

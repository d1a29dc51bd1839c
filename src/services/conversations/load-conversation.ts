/** A contact's messages in and out, oldest first, decrypted (for qualification, the model and exports). */
import { and, asc, eq } from 'drizzle-orm';
import { communications } from '../../db/schema/index.js';
import { decryptNullable } from '../../lib/crypto.js';
import type { ServiceDeps } from '../app-services.js';

export interface ConversationLine {
  id: string;
  direction: 'inbound' | 'outbound';
  channel: string;
  body: string;
  at: Date;
  author: string | null;
}

export async function loadConversation(deps: Pick<ServiceDeps, 'db' | 'keyRing'>, o: { locationId: string; contactId: string; limit?: number }): Promise<ConversationLine[]> {
  const rows = await deps.db
    .select({ id: communications.id, direction: communications.direction, channel: communications.channel, bodyEnc: communications.bodyEnc, at: communications.occurredAt, author: communications.author })
    .from(communications)
    .where(and(eq(communications.locationId, o.locationId), eq(communications.contactId, o.contactId)))
    .orderBy(asc(communications.occurredAt), asc(communications.id))
    .limit(o.limit ?? 500);
  return rows.map((r) => ({ id: r.id, direction: r.direction, channel: r.channel, body: decryptNullable(deps.keyRing, r.bodyEnc) ?? '', at: r.at, author: r.author }));
}

import type { communications } from '../../db/schema/index.js';
import { decryptNullable, type KeyRing } from '../../lib/crypto.js';
import type { ConversationMessageView } from './conversation-schemas.js';

export function toMessageView(keyRing: KeyRing, r: typeof communications.$inferSelect): ConversationMessageView {
  return {
    id: r.id,
    direction: r.direction,
    channel: r.channel,
    body: decryptNullable(keyRing, r.bodyEnc),
    sentimentScore: r.sentimentScore,
    intent: r.intent,
    intentConfidence: r.intentConfidence,
    objection: r.objection,
    author: r.author,
    status: r.status,
    occurredAt: r.occurredAt.toISOString(),
  };
}

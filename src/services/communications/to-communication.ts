import type { communications } from '../../db/schema/index.js';
import { decryptNullable, type KeyRing } from '../../lib/crypto.js';
import type { Communication } from './communication-schemas.js';

export function toCommunication(keyRing: KeyRing, row: typeof communications.$inferSelect): Communication {
  return {
    id: row.id,
    contactId: row.contactId,
    campaignId: row.campaignId,
    touchId: row.touchId,
    direction: row.direction,
    channel: row.channel,
    fromAddress: row.fromAddress,
    toAddress: row.toAddress,
    subject: row.subject,
    body: decryptNullable(keyRing, row.bodyEnc),
    sentimentScore: row.sentimentScore,
    intent: row.intent,
    intentConfidence: row.intentConfidence,
    objection: row.objection,
    author: row.author,
    status: row.status,
    occurredAt: row.occurredAt.toISOString(),
  };
}

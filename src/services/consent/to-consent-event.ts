import type { consentEvents } from '../../db/schema/index.js';
import type { ConsentEvent } from './consent-schemas.js';

export function toConsentEvent(row: typeof consentEvents.$inferSelect): ConsentEvent {
  const evidence = row.evidence as Record<string, unknown> | null;
  return {
    id: row.id,
    contactId: row.contactId,
    kind: row.kind as ConsentEvent['kind'],
    channel: row.channel,
    source: row.source,
    textShown: row.textShown,
    address: row.address,
    ip: row.ip,
    // A revocation's evidence is the person's own words, encrypted: never shown through this door.
    evidence: evidence && 'textEnc' in evidence ? { encrypted: true } : evidence,
    occurredAt: row.occurredAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

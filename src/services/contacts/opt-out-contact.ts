import { and, eq, inArray, ne } from 'drizzle-orm';
import { consentEvents, contactPoints, contacts, enrollments, leadStatuses, suppressions, touches } from '../../db/schema/index.js';
import { encrypt } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { Contact } from './contact-schemas.js';
import { getContact } from './get-contact.js';

export interface OptOutContactOptions {
  locationId: string;
  contactId: string;
  /** Where the request came from: api, sms_reply, email_unsubscribe, dashboard, carrier_21610, … */
  source: string;
  channel?: string | null;
  /** The words the person used, when there were some (kept as the consent record's evidence). */
  evidence?: string | null;
}

/**
 * Opts a contact out of everything: the flag, an internal DNC entry for every phone and email of the
 * contact, a revocation consent event, lead status opt_out and every active enrollment stopped — in one
 * transaction, so a later failure cannot leave it half done. Idempotent.
 */
export async function optOutContact(deps: Pick<ServiceDeps, 'db' | 'clock' | 'keyRing'>, options: OptOutContactOptions): Promise<Contact> {
  await getContact(deps, options);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [current] = await tx.select({ optedOutAt: contacts.optedOutAt }).from(contacts).where(eq(contacts.id, options.contactId));
    await tx
      .update(contacts)
      .set({ optOut: true, optedOutAt: current?.optedOutAt ?? now, updatedAt: now })
      .where(and(eq(contacts.id, options.contactId), eq(contacts.locationId, options.locationId)));
    const points = await tx.select().from(contactPoints).where(eq(contactPoints.contactId, options.contactId));
    if (points.length > 0) {
      await tx
        .insert(suppressions)
        .values(points.map((p) => ({ list: 'internal_dnc', locationId: options.locationId, state: '', value: p.value, reason: 'opt_out', source: options.source, createdAt: now })))
        .onConflictDoNothing();
      await tx.update(contactPoints).set({ status: 'opted_out', updatedAt: now }).where(inArray(contactPoints.id, points.map((p) => p.id)));
    }
    await tx.insert(consentEvents).values({
      id: newId(),
      locationId: options.locationId,
      contactId: options.contactId,
      kind: 'revocation',
      channel: options.channel ?? null,
      source: options.source,
      // The person's own words are PII: kept encrypted like every message body.
      evidence: options.evidence ? { textEnc: encrypt(deps.keyRing, options.evidence) } : null,
      occurredAt: now,
      createdAt: now,
    });
    await tx
      .insert(leadStatuses)
      .values({ id: newId(), locationId: options.locationId, contactId: options.contactId, status: 'opt_out', changedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: leadStatuses.contactId, set: { status: 'opt_out', changedAt: now, updatedAt: now } });
    await tx
      .update(enrollments)
      .set({ status: 'opted_out', state: 'OPTED_OUT', nextTouchAt: null, awaitingTouchId: null, completedAt: now, updatedAt: now })
      .where(and(eq(enrollments.contactId, options.contactId), inArray(enrollments.status, ['active', 'paused'])));
    // Nothing queued may go out after an opt-out except the one confirmation (C3).
    await tx
      .update(touches)
      .set({ status: 'cancelled', errorCode: 'stopped:opt_out', leaseUntil: null, updatedAt: now })
      .where(and(eq(touches.contactId, options.contactId), inArray(touches.status, ['queued', 'awaiting_approval']), ne(touches.purpose, 'opt_out_confirmation')));
  });
  return getContact(deps, options);
}

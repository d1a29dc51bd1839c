import { and, desc, eq } from 'drizzle-orm';
import { consentEvents } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import type { ConsentEvent } from './consent-schemas.js';
import { toConsentEvent } from './to-consent-event.js';

/** A contact's consent history (given, revoked, re-subscribed), newest first. */
export async function listConsent(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; contactId: string }): Promise<ConsentEvent[]> {
  await getContact(deps, options);
  const rows = await deps.db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.locationId, options.locationId), eq(consentEvents.contactId, options.contactId)))
    .orderBy(desc(consentEvents.occurredAt), desc(consentEvents.createdAt));
  return rows.map(toConsentEvent);
}

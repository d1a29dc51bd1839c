import { and, eq } from 'drizzle-orm';
import { contactPoints, contacts } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { Contact, ContactPatch } from './contact-schemas.js';
import { getContact } from './get-contact.js';
import { normalizeContactPhone } from './normalize-contact-phone.js';

export interface UpdateContactOptions {
  locationId: string;
  contactId: string;
  patch: ContactPatch;
}

/** Updates fields; a new phone or email becomes the primary point and is added to the contact's points. */
export async function updateContact(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: UpdateContactOptions): Promise<Contact> {
  await getContact(deps, options); // scope check: 404 for another location's contact
  const now = deps.clock.now();
  const { patch } = options;
  const phone = patch.phone === undefined ? undefined : patch.phone === null ? null : normalizeContactPhone(patch.phone);
  const email = patch.email === undefined ? undefined : patch.email?.toLowerCase() ?? null;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(contacts)
      .set({
        ...patch,
        ...(phone === undefined ? {} : { phone }),
        ...(email === undefined ? {} : { email }),
        ...(patch.mailingState ? { mailingState: patch.mailingState.toUpperCase() } : {}),
        updatedAt: now,
      })
      .where(and(eq(contacts.id, options.contactId), eq(contacts.locationId, options.locationId)));
    const points = [
      ...(phone ? [{ kind: 'phone' as const, value: phone }] : []),
      ...(email ? [{ kind: 'email' as const, value: email }] : []),
    ];
    if (points.length > 0) {
      await tx
        .insert(contactPoints)
        .values(points.map((p) => ({ id: newId(), locationId: options.locationId, contactId: options.contactId, kind: p.kind, value: p.value, source: 'api', createdAt: now, updatedAt: now })))
        .onConflictDoNothing();
    }
  });
  return getContact(deps, options);
}

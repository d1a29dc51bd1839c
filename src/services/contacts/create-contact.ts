import { contactPoints, contacts } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { Contact, ContactInput } from './contact-schemas.js';
import { normalizeContactPhone } from './normalize-contact-phone.js';
import { toContact } from './to-contact.js';

export interface CreateContactOptions {
  locationId: string;
  input: ContactInput;
}

/** Creates a contact with its contact points, in one transaction. Its lead status is `new` until changed. */
export async function createContact(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: CreateContactOptions): Promise<Contact> {
  const { input, locationId } = options;
  const now = deps.clock.now();
  const phone = input.phone ? normalizeContactPhone(input.phone) : null;
  const email = input.email ? input.email.toLowerCase() : null;
  const source = input.source ?? 'api';
  return deps.db.transaction(async (tx) => {
    const id = newId();
    const [row] = await tx
      .insert(contacts)
      .values({
        id,
        locationId,
        ownerName: input.ownerName ?? ([input.firstName, input.lastName].filter(Boolean).join(' ') || null),
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        phone,
        email,
        parcelId: input.parcelId ?? null,
        source,
        mailingAddress: input.mailingAddress ?? null,
        mailingCity: input.mailingCity ?? null,
        mailingState: input.mailingState?.toUpperCase() ?? null,
        mailingZip: input.mailingZip ?? null,
        timeZone: input.timeZone ?? null,
        tags: input.tags ?? [],
        custom: input.custom ?? {},
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const points = [
      ...(phone ? [{ kind: 'phone' as const, value: phone }] : []),
      ...(email ? [{ kind: 'email' as const, value: email }] : []),
    ];
    if (points.length > 0) {
      await tx
        .insert(contactPoints)
        .values(points.map((p) => ({ id: newId(), locationId, contactId: id, kind: p.kind, value: p.value, source, createdAt: now, updatedAt: now })))
        .onConflictDoNothing();
    }
    return toContact(row!, 'new');
  });
}

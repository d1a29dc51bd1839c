import { and, eq } from 'drizzle-orm';
import { contacts, leadStatuses } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { Contact } from './contact-schemas.js';
import { toContact } from './to-contact.js';

/** A contact of this location; another location's contact is reported as not found. */
export async function getContact(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; contactId: string }): Promise<Contact> {
  if (!/^[0-9a-f-]{36}$/i.test(options.contactId)) throw notFound('contact', options.contactId);
  const [row] = await deps.db
    .select({ contact: contacts, status: leadStatuses.status })
    .from(contacts)
    .leftJoin(leadStatuses, eq(leadStatuses.contactId, contacts.id))
    .where(and(eq(contacts.id, options.contactId), eq(contacts.locationId, options.locationId)))
    .limit(1);
  if (!row) throw notFound('contact', options.contactId);
  return toContact(row.contact, row.status ?? null);
}

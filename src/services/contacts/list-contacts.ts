import { and, arrayContains, desc, eq, exists, gte, ilike, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { contactPoints, contacts, leadStatuses } from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import type { ServiceDeps } from '../app-services.js';
import type { ContactListQuery, ContactPage } from './contact-schemas.js';
import { normalizeContactPhone } from './normalize-contact-phone.js';
import { toContact } from './to-contact.js';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listContacts(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; query: ContactListQuery }): Promise<ContactPage> {
  const q = options.query;
  const where: SQL[] = [eq(contacts.locationId, options.locationId)];
  if (q.source) where.push(eq(contacts.source, q.source));
  if (q.optOut !== undefined) where.push(eq(contacts.optOut, q.optOut));
  if (q.tag) where.push(arrayContains(contacts.tags, [q.tag]));
  if (q.parcelId) where.push(eq(contacts.parcelId, q.parcelId));
  // Any of the contact's numbers or addresses, not only the primary one.
  const point = (kind: 'phone' | 'email', value: string) =>
    exists(
      deps.db
        .select({ one: contactPoints.id })
        .from(contactPoints)
        .where(and(eq(contactPoints.locationId, options.locationId), eq(contactPoints.kind, kind), eq(contactPoints.value, value), eq(contactPoints.contactId, contacts.id))),
    );
  if (q.phone) where.push(point('phone', normalizeContactPhone(q.phone, 'phone')));
  if (q.email) where.push(point('email', q.email.toLowerCase()));
  if (q.createdAfter) where.push(gte(contacts.createdAt, new Date(q.createdAfter)));
  if (q.createdBefore) where.push(lte(contacts.createdAt, new Date(q.createdBefore)));
  if (q.status) where.push(q.status === 'new' ? or(isNull(leadStatuses.status), eq(leadStatuses.status, 'new'))! : eq(leadStatuses.status, q.status));
  if (q.q) {
    const prefix = `${escapeLike(q.q)}%`;
    where.push(or(ilike(contacts.ownerName, prefix), ilike(contacts.firstName, prefix), ilike(contacts.lastName, prefix))!);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(or(lt(contacts.createdAt, c.at), and(eq(contacts.createdAt, c.at), lt(contacts.id, c.id)))!);
  }
  const rows = await deps.db
    .select({ contact: contacts, status: leadStatuses.status })
    .from(contacts)
    .leftJoin(leadStatuses, eq(leadStatuses.contactId, contacts.id))
    .where(and(...where))
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => toContact(r.contact, r.status ?? null)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.contact.createdAt, last.contact.id) : null,
  };
}

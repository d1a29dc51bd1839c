import { and, asc, eq, inArray } from 'drizzle-orm';
import { contactPoints, contacts, leadStatuses, markets, properties, propertyContacts } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { PropertyDetail } from './property-schemas.js';
import { toProperty } from './to-property.js';

/** A property of this location with its linked contacts and their phone numbers and emails. */
export async function getProperty(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; propertyId: string }): Promise<PropertyDetail> {
  if (!/^[0-9a-f-]{36}$/i.test(options.propertyId)) throw notFound('property', options.propertyId);
  const [row] = await deps.db
    .select({ property: properties, market: { key: markets.key } })
    .from(properties)
    .leftJoin(markets, eq(markets.id, properties.marketId))
    .where(and(eq(properties.id, options.propertyId), eq(properties.locationId, options.locationId)))
    .limit(1);
  if (!row) throw notFound('property', options.propertyId);
  const linked = await deps.db
    .select({ contact: contacts, role: propertyContacts.role, status: leadStatuses.status })
    .from(propertyContacts)
    .innerJoin(contacts, and(eq(contacts.id, propertyContacts.contactId), eq(contacts.locationId, options.locationId)))
    .leftJoin(leadStatuses, eq(leadStatuses.contactId, contacts.id))
    .where(eq(propertyContacts.propertyId, options.propertyId))
    .orderBy(asc(propertyContacts.createdAt), asc(contacts.id));
  const ids = linked.map((l) => l.contact.id);
  const points =
    ids.length === 0
      ? []
      : await deps.db
          .select()
          .from(contactPoints)
          .where(and(eq(contactPoints.locationId, options.locationId), inArray(contactPoints.contactId, ids)))
          .orderBy(asc(contactPoints.kind), asc(contactPoints.createdAt), asc(contactPoints.value));
  return {
    ...toProperty(row.property, row.market),
    contacts: linked.map((l) => ({
      id: l.contact.id,
      role: l.role,
      ownerName: l.contact.ownerName,
      // Statuses are written lazily: a contact without one is `new`, as everywhere else.
      leadStatus: l.status ?? 'new',
      optOut: l.contact.optOut,
      points: points
        .filter((p) => p.contactId === l.contact.id)
        .map((p) => ({ kind: p.kind, value: p.value, lineType: p.lineType, verified: p.verified, confidence: p.confidence, source: p.source, status: p.status })),
    })),
  };
}

import { and, asc, eq, lt } from 'drizzle-orm';
import { communications } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import type { Communication, CommunicationListQuery } from './communication-schemas.js';
import { toCommunication } from './to-communication.js';

/** A contact's messages in time order (oldest first, as a thread reads). */
export async function listCommunications(deps: Pick<ServiceDeps, 'db' | 'keyRing'>, options: { locationId: string; query: CommunicationListQuery }): Promise<Communication[]> {
  await getContact(deps, { locationId: options.locationId, contactId: options.query.contact });
  const rows = await deps.db
    .select()
    .from(communications)
    .where(
      and(
        eq(communications.locationId, options.locationId),
        eq(communications.contactId, options.query.contact),
        options.query.before ? lt(communications.occurredAt, new Date(options.query.before)) : undefined,
      ),
    )
    .orderBy(asc(communications.occurredAt), asc(communications.id))
    .limit(options.query.limit);
  return rows.map((r) => toCommunication(deps.keyRing, r));
}

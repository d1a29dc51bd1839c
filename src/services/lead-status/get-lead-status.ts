import { eq } from 'drizzle-orm';
import { leadStatuses } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import type { LeadStatus } from './lead-status-schemas.js';

export async function getLeadStatus(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; contactId: string }): Promise<LeadStatus> {
  const contact = await getContact(deps, options);
  const row = await deps.db.query.leadStatuses.findFirst({ where: eq(leadStatuses.contactId, options.contactId) });
  // No row yet: the lead has not moved since it was created.
  if (!row) return { contactId: contact.id, status: 'new', lastContactDate: null, assignedTo: null, changedAt: contact.createdAt };
  return {
    contactId: row.contactId,
    status: row.status,
    lastContactDate: row.lastContactDate?.toISOString() ?? null,
    assignedTo: row.assignedTo,
    changedAt: row.changedAt.toISOString(),
  };
}

import { eq } from 'drizzle-orm';
import { leadStatuses } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import type { LeadStatus } from './lead-status-schemas.js';

export async function getLeadStatus(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; contactId: string }): Promise<LeadStatus> {
  await getContact(deps, options);
  const row = await deps.db.query.leadStatuses.findFirst({ where: eq(leadStatuses.contactId, options.contactId) });
  if (!row) throw notFound('lead status for contact', options.contactId);
  return {
    contactId: row.contactId,
    status: row.status,
    lastContactDate: row.lastContactDate?.toISOString() ?? null,
    assignedTo: row.assignedTo,
    changedAt: row.changedAt.toISOString(),
  };
}

import { leadStatuses } from '../../db/schema/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import { getLeadStatus } from './get-lead-status.js';
import type { LeadStatus, LeadStatusPatch } from './lead-status-schemas.js';

/**
 * Sets a lead's status. `opt_out` is not set here: an opt-out must go through the opt-out operation so
 * the suppression, the consent record and the enrollments change with it.
 */
export async function setLeadStatus(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: { locationId: string; contactId: string; patch: LeadStatusPatch }): Promise<LeadStatus> {
  const contact = await getContact(deps, options);
  if (options.patch.status === 'opt_out') {
    throw new AppError(ErrorCode.ValidationFailed, 'invalid status: use POST /v1/contacts/{id}/opt-out to opt a contact out', {
      issues: [{ path: 'status', message: 'opt_out is set by the opt-out operation' }],
    });
  }
  if (contact.optOut) {
    throw new AppError(ErrorCode.Conflict, 'this contact opted out; its status stays opt_out');
  }
  const now = deps.clock.now();
  await deps.db
    .insert(leadStatuses)
    .values({
      id: newId(),
      locationId: options.locationId,
      contactId: options.contactId,
      status: options.patch.status,
      assignedTo: options.patch.assignedTo ?? null,
      changedAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: leadStatuses.contactId,
      set: {
        status: options.patch.status,
        ...(options.patch.assignedTo === undefined ? {} : { assignedTo: options.patch.assignedTo }),
        changedAt: now,
        updatedAt: now,
      },
    });
  return getLeadStatus(deps, options);
}

/**
 * Moves a lead's status forward from a conversation event without ever undoing a person's work or an
 * opt-out: `opt_out` is never left here (only START's consent record does that), and negotiating,
 * under_contract and deal_closed are never overwritten by the bot.
 */
import { sql } from 'drizzle-orm';
import { leadStatuses, type LeadStatusValue } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';

const FROM: Record<'replied' | 'interested' | 'cold', LeadStatusValue[]> = {
  replied: ['new', 'contacted', 'cold'],
  interested: ['new', 'contacted', 'replied', 'cold'],
  cold: ['new', 'contacted', 'replied', 'interested'],
};

export async function advanceLeadStatus(deps: Pick<ServiceDeps, 'db' | 'clock'>, o: { locationId: string; contactId: string; status: 'replied' | 'interested' | 'cold' }): Promise<void> {
  const now = deps.clock.now();
  const allowed = sql.raw(FROM[o.status].map((s) => `'${s}'`).join(','));
  await deps.db
    .insert(leadStatuses)
    .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, status: o.status, lastContactDate: now, changedAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: leadStatuses.contactId,
      set: {
        status: sql`case when ${leadStatuses.status} in (${allowed}) then ${o.status} else ${leadStatuses.status} end`,
        changedAt: sql`case when ${leadStatuses.status} in (${allowed}) and ${leadStatuses.status} <> ${o.status} then ${now.toISOString()}::timestamptz else ${leadStatuses.changedAt} end`,
        lastContactDate: now,
        updatedAt: now,
      },
    });
}

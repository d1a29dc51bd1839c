/**
 * Seed 003's OutreachSequenceEngine.enroll_prospect for many contacts: each gets a `prospects` row (one
 * per contact, the first source wins) and an enrollment in the location's SDR campaign for the sequence
 * variant. Idempotent: a contact already enrolled in that campaign is counted, never enrolled twice.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, prospects } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { enrollContacts, type EnrollResult } from '../outreach/enroll-contacts.js';
import { sdrConfigOf } from '../outreach/load-sdr-config.js';
import { ensureSdrCampaign } from './ensure-sdr-campaign.js';

export const SequenceVariantSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a sequence name of config/sdr.yaml, e.g. default or email_first').max(64);

export const EnrollProspectsInputSchema = z
  .object({
    contactIds: z.array(z.uuid()).min(1).max(10_000),
    sequenceVariant: SequenceVariantSchema.default('default'),
  })
  .strict();
export type EnrollProspectsInput = z.input<typeof EnrollProspectsInputSchema>;

export interface EnrollProspectsOptions {
  locationId: string;
  contactIds: readonly string[];
  sequenceVariant?: string;
  /** The `prospects.source` of contacts without a prospect row yet (default `manual`). */
  source?: string;
}

export interface EnrollProspectsResult extends EnrollResult {
  campaignId: string;
  sequenceVariant: string;
}

export async function enrollProspects(services: AppServices, o: EnrollProspectsOptions): Promise<EnrollProspectsResult> {
  const variant = o.sequenceVariant ?? 'default';
  const sdr = await sdrConfigOf(services);
  const { campaignId } = await ensureSdrCampaign(services, { locationId: o.locationId, variant, sdr });
  const ids = [...new Set(o.contactIds)];
  const now = services.clock.now();
  if (ids.length > 0) {
    // Only this location's contacts get a row; the others come back from enrollContacts as not_found.
    const own = await services.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.locationId, o.locationId), inArray(contacts.id, ids)));
    if (own.length > 0) {
      await services.db
        .insert(prospects)
        .values(own.map((c) => ({ id: newId(), locationId: o.locationId, contactId: c.id, source: o.source ?? 'manual', createdAt: now })))
        .onConflictDoNothing({ target: prospects.contactId });
    }
  }
  const r = ids.length === 0 ? { enrolled: 0, alreadyEnrolled: 0, skipped: [], enrollmentIds: [] } : await enrollContacts(services, { locationId: o.locationId, campaignId, input: { contactIds: ids }, sendTime: sdr.sendTime });
  if (r.enrolled > 0) {
    const skipped = new Set(r.skipped.map((s) => s.contactId));
    const enrolled = ids.filter((id) => !skipped.has(id));
    await services.db
      .update(prospects)
      .set({ enrolledAt: now })
      .where(and(eq(prospects.locationId, o.locationId), inArray(prospects.contactId, enrolled), isNull(prospects.enrolledAt)));
  }
  return { ...r, campaignId, sequenceVariant: variant };
}

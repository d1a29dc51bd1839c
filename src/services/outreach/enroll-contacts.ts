/**
 * Enrollment: contacts into a campaign, by id or by the campaign's (or a given) tier and market filter.
 * Idempotent — a contact already enrolled in the campaign is counted, never enrolled twice — and the first
 * step is due at once (its own delay after enrollment). Opted-out contacts are not enrolled.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, contacts, enrollments, markets, properties, propertyContacts } from '../../db/schema/index.js';
import { assignSendTimeVariant } from '../../domain/sequence/compute-next-touch-time.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { loadPlans, nextStepOf } from '../campaigns/campaign-plan.js';
import { locations } from '../../db/schema/index.js';
import { stopOutreach } from './stop-outreach.js';

export const EnrollInputSchema = z
  .object({
    contactIds: z.array(z.uuid()).max(10_000).optional(),
    /** Contacts whose properties are in these tiers / markets (default: the campaign's targets). */
    filter: z
      .object({
        tiers: z.array(z.enum(['A', 'B+', 'B', 'C', 'D'])).max(5).optional(),
        markets: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
        limit: z.number().int().min(1).max(100_000).default(10_000),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.contactIds !== undefined || v.filter !== undefined, { message: 'give contactIds or a filter', path: ['contactIds'] });
export type EnrollInput = z.input<typeof EnrollInputSchema>;

export interface EnrollResult {
  enrolled: number;
  alreadyEnrolled: number;
  /** Ids that are not contacts of this location, or opted out. */
  skipped: Array<{ contactId: string; reason: 'not_found' | 'opted_out' }>;
  enrollmentIds: string[];
}

/** Send-time experiment settings (config/sdr.yaml send_time); default half smart, half fixed. */
export interface SendTimeSettings {
  smartShare: number;
  experimentSalt: string;
}

export async function enrollContacts(
  services: Pick<AppServices, 'db' | 'clock'>,
  o: { locationId: string; campaignId: string; input: EnrollInput; sendTime?: SendTimeSettings },
): Promise<EnrollResult> {
  const input = EnrollInputSchema.parse(o.input);
  const [campaign] = await services.db.select().from(campaigns).where(and(eq(campaigns.id, o.campaignId), eq(campaigns.locationId, o.locationId))).limit(1);
  if (!campaign) throw notFound('campaign', o.campaignId);
  if (campaign.status === 'completed') throw new AppError(ErrorCode.Conflict, `campaign ${campaign.id} is completed; enroll into an active or draft campaign`);

  let candidates: Array<{ id: string; optOut: boolean }>;
  const skipped: EnrollResult['skipped'] = [];
  if (input.contactIds) {
    const ids = [...new Set(input.contactIds)];
    candidates = ids.length === 0 ? [] : await services.db.select({ id: contacts.id, optOut: contacts.optOut }).from(contacts).where(and(eq(contacts.locationId, o.locationId), inArray(contacts.id, ids)));
    const found = new Set(candidates.map((c) => c.id));
    for (const id of ids) if (!found.has(id)) skipped.push({ contactId: id, reason: 'not_found' });
  } else {
    const tiers = input.filter?.tiers ?? (campaign.targetTiers as Array<'A'>);
    const marketKeys = input.filter?.markets ?? campaign.targetMarkets;
    candidates = await services.db
      .selectDistinct({ id: contacts.id, optOut: contacts.optOut })
      .from(contacts)
      .innerJoin(propertyContacts, eq(propertyContacts.contactId, contacts.id))
      .innerJoin(properties, eq(properties.id, propertyContacts.propertyId))
      .leftJoin(markets, eq(markets.id, properties.marketId))
      .where(
        and(
          eq(contacts.locationId, o.locationId),
          ...(tiers.length > 0 ? [inArray(properties.tier, tiers)] : []),
          ...(marketKeys.length > 0 ? [inArray(markets.key, marketKeys)] : []),
        ),
      )
      .limit(input.filter?.limit ?? 10_000);
  }
  const eligible = candidates.filter((c) => {
    if (c.optOut) skipped.push({ contactId: c.id, reason: 'opted_out' });
    return !c.optOut;
  });
  if (eligible.length === 0) return { enrolled: 0, alreadyEnrolled: 0, skipped, enrollmentIds: [] };

  const now = services.clock.now();
  const plan = (await loadPlans(services.db, [campaign.id])).get(campaign.id)!;
  const [location] = await services.db.select({ timeZone: locations.timeZone }).from(locations).where(eq(locations.id, o.locationId)).limit(1);
  const first = nextStepOf(plan, { currentStep: 0, enrolledAt: now, lastTouchAt: null, zone: location?.timeZone ?? 'America/New_York' });
  const active = campaign.status === 'active';
  const rows = eligible.map((c) => ({
    id: newId(),
    locationId: o.locationId,
    campaignId: campaign.id,
    contactId: c.id,
    currentStep: 0,
    state: 'ENROLLED',
    status: active ? 'active' : 'paused',
    sendTimeArm: assignSendTimeVariant(c.id, { smartShare: o.sendTime?.smartShare ?? 0.5, salt: o.sendTime?.experimentSalt ?? 'send-time-v1' }),
    nextTouchAt: active ? first.dueAt : null,
    enrolledAt: now,
    updatedAt: now,
  }));
  let inserted: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const r = await services.db.insert(enrollments).values(chunk).onConflictDoNothing({ target: [enrollments.campaignId, enrollments.contactId] }).returning({ id: enrollments.id });
    inserted = inserted.concat(r.map((x) => x.id));
  }
  return { enrolled: inserted.length, alreadyEnrolled: eligible.length - inserted.length, skipped, enrollmentIds: inserted };
}

/** Takes contacts out of a campaign (or every campaign): the enrollment ends and its unsent touches are cancelled. */
export async function disenrollContact(services: Pick<AppServices, 'db' | 'clock'>, o: { locationId: string; contactId: string; campaignId?: string }): Promise<{ enrollmentsStopped: number; touchesCancelled: number }> {
  return stopOutreach(services, { locationId: o.locationId, contactId: o.contactId, reason: 'manual', ...(o.campaignId ? { campaignId: o.campaignId } : {}) });
}

/** Counts of a location's enrollments by status, for a campaign. */
export async function enrollmentCounts(services: Pick<AppServices, 'db'>, campaignIds: string[]): Promise<Map<string, Record<string, number>>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await services.db
    .select({ campaignId: enrollments.campaignId, status: enrollments.status, n: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(inArray(enrollments.campaignId, campaignIds))
    .groupBy(enrollments.campaignId, enrollments.status);
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.campaignId, { ...(out.get(r.campaignId) ?? {}), [r.status]: r.n });
  return out;
}

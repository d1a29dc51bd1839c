import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { campaigns, communications, deals, properties, propertyContacts, touches } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import { setLeadStatus } from '../lead-status/set-lead-status.js';
import { type Deal, type DealInput, DealInputSchema } from './deal-schemas.js';
import { toDeal } from './to-deal.js';

export interface RecordDealOptions {
  locationId: string;
  input: DealInput;
}

/**
 * Records a closed deal on a lead and attributes it: the originating campaign and touch (the lead's first
 * sent touch unless given), the list source and distress signal (from the property), and the first contact
 * time, so time-to-close and ROI by campaign, list and signal need no later guesswork. The lead's pipeline
 * status moves to `deal_closed`.
 */
export async function recordDeal(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: RecordDealOptions): Promise<Deal> {
  const input = DealInputSchema.parse(options.input);
  const { locationId } = options;
  const contact = await getContact(deps, { locationId, contactId: input.contactId });

  const [firstTouch] = await deps.db
    .select({ id: touches.id, campaignId: touches.campaignId, sentAt: touches.sentAt })
    .from(touches)
    .where(and(eq(touches.locationId, locationId), eq(touches.contactId, input.contactId), isNotNull(touches.sentAt), inArray(touches.status, ['sent', 'delivered'])))
    .orderBy(asc(touches.sentAt), asc(touches.id))
    .limit(1);
  const [firstOutbound] = firstTouch
    ? [undefined]
    : await deps.db
        .select({ occurredAt: communications.occurredAt })
        .from(communications)
        .where(and(eq(communications.locationId, locationId), eq(communications.contactId, input.contactId), eq(communications.direction, 'outbound')))
        .orderBy(asc(communications.occurredAt))
        .limit(1);

  let touchId = input.touchId ?? firstTouch?.id ?? null;
  let campaignId = input.campaignId ?? firstTouch?.campaignId ?? null;
  if (input.touchId) {
    // The touch must be one of this lead's: a deal attributed to another lead's touch would credit the wrong campaign.
    const [t] = await deps.db
      .select({ campaignId: touches.campaignId })
      .from(touches)
      .where(and(eq(touches.id, input.touchId), eq(touches.locationId, locationId), eq(touches.contactId, input.contactId)));
    if (!t) throw notFound('touch of this contact', input.touchId);
    campaignId = input.campaignId ?? t.campaignId;
    touchId = input.touchId;
  }
  if (input.campaignId) {
    const [c] = await deps.db.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.id, input.campaignId), eq(campaigns.locationId, locationId)));
    if (!c) throw notFound('campaign', input.campaignId);
  }

  const [property] = await deps.db
    .select({ id: properties.id, source: properties.source, contributions: properties.scoreContributions, signals: properties.signals })
    .from(properties)
    .innerJoin(propertyContacts, eq(propertyContacts.propertyId, properties.id))
    .where(and(eq(properties.locationId, locationId), eq(propertyContacts.contactId, input.contactId), input.propertyId ? eq(properties.id, input.propertyId) : undefined))
    .orderBy(desc(properties.score), asc(properties.id))
    .limit(1);
  if (input.propertyId && !property) throw notFound('property of this contact', input.propertyId);

  const closedAt = new Date(/^\d{4}-\d{2}-\d{2}$/.test(input.closedAt) ? `${input.closedAt}T12:00:00Z` : input.closedAt);
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(deals)
    .values({
      id: newId(),
      locationId,
      contactId: input.contactId,
      propertyId: property?.id ?? null,
      campaignId,
      touchId,
      price: input.price === undefined ? null : String(input.price),
      profit: String(input.profit),
      kind: input.kind,
      listSource: input.listSource ?? property?.source ?? contact.source ?? null,
      distressSignal: input.distressSignal ?? strongestSignal(property?.contributions, property?.signals),
      firstContactAt: firstTouch?.sentAt ?? firstOutbound?.occurredAt ?? null,
      closedAt,
      notes: input.notes ?? null,
      createdAt: now,
    })
    .returning();
  if (!contact.optOut) await setLeadStatus(deps, { locationId, contactId: input.contactId, patch: { status: 'deal_closed' } });
  const campaignName = campaignId ? ((await deps.db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, campaignId)))[0]?.name ?? null) : null;
  return toDeal(row!, { contactName: contact.ownerName, campaignName });
}

/** The distress signal that scored the most points; else the first signal present. */
function strongestSignal(contributions: unknown[] | undefined, signals: Record<string, unknown> | undefined): string | null {
  const scored = (contributions ?? [])
    .filter((c): c is { signal: string; points: number; group?: string } => typeof c === 'object' && c !== null && typeof (c as { signal?: unknown }).signal === 'string')
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points);
  if (scored[0]) return scored[0].signal;
  const present = Object.entries(signals ?? {}).find(([, v]) => v !== null && v !== false && v !== undefined);
  return present?.[0] ?? null;
}

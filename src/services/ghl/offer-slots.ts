import type { GhlClient } from '../../adapters/crm-ghl/interface.js';
import { formatSlotOffer } from '../../domain/booking/format-slot-offer.js';
import type { OfferedSlot } from '../../domain/booking/offered-slot.js';
import { pickSlotsToOffer } from '../../domain/booking/pick-slots-to-offer.js';
import type { Clock } from '../../lib/clock.js';
import { ok, type AppFailure, type Result } from '../../lib/result.js';

export interface OfferSlotsDeps {
  ghl: Pick<GhlClient, 'getFreeSlots'>;
  clock: Clock;
}

export interface OfferSlotsOptions {
  /** `SDR_CALENDAR_ID` */
  calendarId: string;
  /** The owner's IANA zone (the contact's, else the location's). */
  timeZone: string;
  /** How far ahead to look (default 7 days; HighLevel answers at most 31). */
  days?: number;
  /** How many to offer (default 3). */
  count?: number;
  minLeadMinutes?: number;
}

export interface SlotOffer {
  /** Store these with the conversation: `parseSlotChoice` matches the reply against them. */
  slots: OfferedSlot[];
  /** The SMS / email text offering them; empty when the calendar has nothing free. */
  text: string;
}

/**
 * Reads the calendar's free slots and answers the few to offer with the text that offers them. The text
 * still goes through composeMessage / compliance like any other outbound message.
 */
export async function offerSlots(deps: OfferSlotsDeps, o: OfferSlotsOptions): Promise<Result<SlotOffer, AppFailure>> {
  const now = deps.clock.now();
  const days = Math.min(31, Math.max(1, o.days ?? 7));
  const free = await deps.ghl.getFreeSlots({ calendarId: o.calendarId, startDate: now, endDate: new Date(now.getTime() + days * 86_400_000), timezone: o.timeZone });
  if (!free.ok) return free;
  const slots = pickSlotsToOffer({
    slots: free.value,
    timeZone: o.timeZone,
    now,
    horizonDays: days,
    ...(o.count === undefined ? {} : { count: o.count }),
    ...(o.minLeadMinutes === undefined ? {} : { minLeadMinutes: o.minLeadMinutes }),
  });
  return ok({ slots, text: formatSlotOffer({ slots, timeZone: o.timeZone, now }) });
}

import { describeSlot, zoneLabel } from './format-slot-offer.js';
import type { OfferedSlot } from './offered-slot.js';

export interface FormatBookingConfirmationOptions {
  slot: OfferedSlot;
  timeZone: string;
  now: Date;
  /** Who will call, e.g. "Sam" (default "we"). */
  host?: string;
}

/**
 * The text that confirms a booked call in the owner's words and zone.
 *
 * @example
 * formatBookingConfirmation({ slot, timeZone: 'America/New_York', now, host: 'Sam' })
 * // "You're all set: Sam will call you tomorrow at 9am (ET). Reply here if you need to change it."
 */
export function formatBookingConfirmation(o: FormatBookingConfirmationOptions): string {
  const when = `${describeSlot(o.slot, o.timeZone, o.now)} (${zoneLabel(o.timeZone, new Date(o.slot.startTime))})`;
  const who = o.host?.trim() ? `${o.host.trim()} will call you` : "we'll call you";
  return `You're all set: ${who} ${when}. Reply here if you need to change it.`;
}

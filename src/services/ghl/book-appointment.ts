import type { GhlClient } from '../../adapters/crm-ghl/interface.js';
import type { GhlContactResolver, GhlRecipient } from '../../adapters/crm-ghl/resolve-contact.js';
import type { OfferedSlot } from '../../domain/booking/offered-slot.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';

export interface BookAppointmentDeps {
  ghl: Pick<GhlClient, 'createAppointment'>;
  /** Needed only when the contact is named by phone or email. */
  contacts?: GhlContactResolver;
}

export interface BookAppointmentOptions {
  /** `SDR_CALENDAR_ID` */
  calendarId: string;
  /** The HighLevel contact (Curb's `contacts.ghl_contact_id`), or the owner's phone / email to look it up. */
  contact: { ghlContactId: string } | GhlRecipient;
  /** The slot the owner chose (from `parseSlotChoice`). */
  slot: OfferedSlot;
  /** Default 30; use the calendar's slot length. */
  durationMinutes?: number;
  /** Shown on the calendar, e.g. "Seller call: 12 Elm St (Ann Lee)". */
  title: string;
}

/** What to store with the conversation (state BOOKED) and the handoff. */
export interface BookedAppointment {
  appointmentId: string;
  calendarId: string;
  ghlContactId: string;
  /** ISO instants */
  startTime: string;
  endTime: string;
  status: string | null;
}

export const BookingFailureCode = {
  /** Someone else took the slot since it was offered: offer fresh slots. Non-retryable. */
  SlotTaken: 'slot_taken',
} as const;

const TAKEN = /no longer available|not available|slot.*(taken|booked)|already booked/i;

/**
 * Books the chosen slot on the GoHighLevel calendar as a confirmed appointment. A slot taken meanwhile is
 * `slot_taken`; a timeout is retryable but `details.ambiguous` (the booking may exist: look before
 * booking again), as the client never re-posts a booking on its own.
 *
 * @example
 * const booked = await bookAppointment({ ghl: client }, { calendarId, contact: { ghlContactId }, slot, title: 'Seller call: 12 Elm St' });
 * if (booked.ok) store(booked.value.appointmentId, booked.value.startTime);
 */
export async function bookAppointment(deps: BookAppointmentDeps, o: BookAppointmentOptions): Promise<Result<BookedAppointment, AppFailure>> {
  const start = new Date(o.slot.startTime);
  if (Number.isNaN(start.getTime())) return failure('validation_failed', `slot.startTime is not an instant: ${o.slot.startTime}`, false);
  let ghlContactId: string;
  if ('ghlContactId' in o.contact) {
    ghlContactId = o.contact.ghlContactId;
  } else {
    if (!deps.contacts) return failure('validation_failed', 'booking by phone or email needs a contact resolver', false);
    const id = await deps.contacts.resolve(o.contact);
    if (!id.ok) return id;
    ghlContactId = id.value;
  }
  const end = new Date(start.getTime() + (o.durationMinutes ?? 30) * 60_000);
  const r = await deps.ghl.createAppointment({ calendarId: o.calendarId, contactId: ghlContactId, startTime: start, endTime: end, title: o.title, status: 'confirmed' });
  if (!r.ok) {
    if (!r.error.retry && TAKEN.test(r.error.message)) return failure(BookingFailureCode.SlotTaken, r.error.message, false, { ghlCode: r.error.code });
    return r;
  }
  const a = r.value;
  return ok({ appointmentId: a.id, calendarId: a.calendarId, ghlContactId, startTime: a.startTime, endTime: a.endTime, status: a.status });
}

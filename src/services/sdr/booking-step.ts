/**
 * Seed 003 Phase 3 (SDRBookingService) as one step of the inbound pipeline, run after the decision is
 * carried out:
 * 1. slots were offered and this reply picks one (parseSlotChoice) → book it on SDR_CALENDAR_ID, confirm
 *    it in the conversation, BOOKED (recordBooking: cadence stopped, handoff, notice);
 * 2. no offer yet, and the reply hands the owner to a person because they qualified (the gate passed) or
 *    asked to talk ("yes, what's your offer?": intent interested) → offer 2–3 free slots.
 *
 * Every text goes through sendMessageNow (compliance decision + touch + channel) with purpose
 * `informational`: it answers the owner's own request to talk, carries no new solicitation, and the
 * compliance engine then applies what it applies to informational texts — Curb's quiet hours (a late
 * reply is deferred to the morning), the internal DNC and litigator lists, the opt-out, and consent or an
 * earlier message from the person (there is one: the reply being answered) — but not the marketing
 * frequency caps or the state solicitation windows. An offer is sent once per message (idempotency key),
 * and a handoff's human takeover does not silence it: booking is the handoff's own step.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { communications, contacts, locations } from '../../db/schema/index.js';
import { conversationStates, enrollments } from '../../db/schema/index.js';
import { formatBookingConfirmation } from '../../domain/booking/format-booking-confirmation.js';
import type { OfferedSlot } from '../../domain/booking/offered-slot.js';
import { parseSlotChoice } from '../../domain/booking/parse-slot-choice.js';
import type { ReplyDecision } from '../../domain/replies/decide-reply-action.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import type { DecisionInputs } from '../conversations/decide-inbound.js';
import { bookAppointment, BookingFailureCode } from '../ghl/book-appointment.js';
import { ghlConnectionFor } from '../ghl/ghl-location.js';
import { offerSlots } from '../ghl/offer-slots.js';
import { sendMessageNow } from '../outreach/send-message-now.js';
import { recordBooking } from './record-booking.js';

export interface BookingStepOptions {
  decision: ReplyDecision;
  inputs: DecisionInputs;
  comm: typeof communications.$inferSelect;
  body: string;
  channel: 'sms' | 'email';
  location: typeof locations.$inferSelect;
  contact: typeof contacts.$inferSelect;
}

/** What is stored in conversation_states.booking while an offer waits for the owner's choice. */
export interface SlotOfferState {
  status: 'offered' | 'declined' | 'booked';
  calendarId: string;
  slots: OfferedSlot[];
  timeZone: string;
  offeredAt: string;
  offerTouchId?: string;
  communicationId: string;
}

/** An offer older than this is stale: the calendar has moved on, and "tomorrow" means another day. */
const OFFER_TTL_MS = 3 * 86_400_000;
const NOT_FOR_BOOKING = new Set<ReplyDecision['action']>(['opt_out', 'help', 'opt_in', 'wrong_number', 'mark_cold']);

/** Runs the booking step; undefined when there is nothing to do (no calendar, no GoHighLevel, not a booking moment). */
export async function bookingStep(services: AppServices, o: BookingStepOptions): Promise<Record<string, unknown> | undefined> {
  const calendarId = services.config.env.SDR_CALENDAR_ID;
  if (!calendarId || o.contact.optOut || NOT_FOR_BOOKING.has(o.decision.action)) return undefined;
  const { locationId, contactId } = o.comm;
  const [state] = await services.db.select({ booking: conversationStates.booking }).from(conversationStates).where(eq(conversationStates.contactId, contactId)).limit(1);
  const current = (state?.booking ?? null) as SlotOfferState | null;
  const now = services.clock.now();
  const pending = current?.status === 'offered' && now.getTime() - Date.parse(current.offeredAt) < OFFER_TTL_MS && current.communicationId !== o.comm.id ? current : null;
  const wantsCall = o.decision.action === 'handoff' && (o.inputs.gate?.passed === true || o.inputs.intent === 'interested');
  if (!pending && (!wantsCall || current?.status === 'booked' || current?.status === 'offered')) return undefined;

  const ghl = await ghlConnectionFor(services, locationId);
  if (!ghl.ok) return { skipped: ghl.error.message };
  const timeZone = o.contact.timeZone ?? o.location.timeZone;

  const send = async (text: string, key: string) =>
    sendMessageNow(services, {
      locationId,
      contactId,
      channel: o.channel,
      body: text,
      ...(o.channel === 'email' ? { subject: `Re: ${o.comm.subject ?? 'a quick call'}` } : {}),
      purpose: 'informational',
      initiation: 'automated',
      author: 'system',
      ...(o.comm.fromAddress ? { to: o.comm.fromAddress } : {}),
      idempotencyKey: key,
    });

  const offer = async (reason: string): Promise<Record<string, unknown>> => {
    const r = await offerSlots({ ghl: ghl.value.client, clock: services.clock }, { calendarId, timeZone });
    if (!r.ok) return { offer: 'failed', reason, error: { code: r.error.code, message: r.error.message } };
    if (r.value.slots.length === 0) return { offer: 'no_free_slots', reason };
    const sent = await send(r.value.text, `slot-offer:${o.comm.id}`);
    if (sent.status === 'blocked' || sent.status === 'failed') return { offer: sent.status, reason, touchId: sent.touchId, ...(sent.error ? { error: sent.error } : {}) };
    const booking: SlotOfferState = { status: 'offered', calendarId, slots: r.value.slots, timeZone, offeredAt: now.toISOString(), offerTouchId: sent.touchId, communicationId: o.comm.id };
    await saveBooking(services, locationId, contactId, booking);
    // The SDR outcome so far: qualified for a call, waiting for the owner's pick (BOOKED comes next).
    await services.db
      .update(enrollments)
      .set({ state: 'QUALIFIED', updatedAt: now })
      .where(and(eq(enrollments.locationId, locationId), eq(enrollments.contactId, contactId), inArray(enrollments.state, ['ENROLLED', 'SMS_1', 'EMAIL_1', 'SMS_2', 'VOICEMAIL_1', 'EMAIL_2', 'SMS_3', 'VOICEMAIL_2', 'NURTURE_PAUSE'])));
    return { offer: 'sent', reason, slots: r.value.slots.map((s) => s.startTime), touchId: sent.touchId, status: sent.status, ...(sent.communicationId ? { communicationId: sent.communicationId } : {}) };
  };

  if (!pending) return offer(o.inputs.gate?.passed ? 'qualification gate passed' : 'owner asked to talk');

  const choice = parseSlotChoice({ reply: o.body, offered: pending.slots, timeZone: pending.timeZone, now });
  if (choice.kind === 'none') {
    if (choice.reason === 'declined') await saveBooking(services, locationId, contactId, { ...pending, status: 'declined' });
    // A person has the conversation (handoff): they see the reply and follow up.
    return { choice: choice.reason };
  }
  const booked = await bookAppointment(
    { ghl: ghl.value.client, contacts: ghl.value.contacts },
    {
      calendarId: pending.calendarId,
      contact: o.contact.ghlContactId ? { ghlContactId: o.contact.ghlContactId } : o.channel === 'email' ? { email: o.comm.fromAddress ?? o.contact.email ?? '' } : { phone: o.comm.fromAddress ?? o.contact.phone ?? '' },
      slot: choice.slot,
      title: `Seller call: ${o.contact.ownerName ?? ([o.contact.firstName, o.contact.lastName].filter(Boolean).join(' ') || 'owner')}`,
    },
  );
  if (!booked.ok) {
    if (booked.error.code === BookingFailureCode.SlotTaken) return { choice: 'chosen', booking: 'slot_taken', ...(await offer('the chosen slot was taken')) };
    return { choice: 'chosen', booking: 'failed', error: { code: booked.error.code, message: booked.error.message, retry: booked.error.retry } };
  }
  const a = booked.value;
  const recorded = await recordBooking(services, { locationId, contactId, appointment: { id: a.appointmentId, calendarId: a.calendarId, startTime: a.startTime, endTime: a.endTime, status: a.status }, source: 'conversation', timeZone: pending.timeZone });
  const confirmation = await send(formatBookingConfirmation({ slot: { startTime: a.startTime }, timeZone: pending.timeZone, now, ...(o.location.agentName ? { host: o.location.agentName } : {}) }), `booking-confirmation:${o.comm.id}`);
  return {
    choice: 'chosen',
    booking: 'booked',
    appointmentId: a.appointmentId,
    startTime: a.startTime,
    enrollmentsBooked: recorded.enrollmentsBooked,
    handoffId: recorded.handoffId,
    confirmation: { status: confirmation.status, touchId: confirmation.touchId, ...(confirmation.communicationId ? { communicationId: confirmation.communicationId } : {}) },
  };
}

async function saveBooking(services: AppServices, locationId: string, contactId: string, booking: SlotOfferState | Record<string, unknown>): Promise<void> {
  const now = services.clock.now();
  const value = booking as unknown as Record<string, unknown>;
  await services.db
    .insert(conversationStates)
    .values({ id: newId(), locationId, contactId, booking: value, updatedAt: now })
    .onConflictDoUpdate({ target: conversationStates.contactId, set: { booking: value, updatedAt: now } });
}

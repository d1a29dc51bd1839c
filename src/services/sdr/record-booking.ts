/**
 * A call is booked with the owner (booked by Curb in the conversation, or in GoHighLevel — the
 * AppointmentCreate webhook): the SDR outcome BOOKED on the contact's enrollments, the cadence stopped,
 * the booking stored with the conversation, and the lead handed to a person with a notice naming the
 * time. Running it twice for one appointment changes nothing and notifies once.
 */
import { and, eq, notInArray } from 'drizzle-orm';
import { conversationStates, enrollments, locations } from '../../db/schema/index.js';
import { describeSlot, zoneLabel } from '../../domain/booking/format-slot-offer.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { conversationSettingsFor } from '../conversations/conversation-settings.js';
import { inboxUrlFor } from '../handoff/notify-handoff.js';
import { startHandoff } from '../handoff/start-handoff.js';
import { sendNotification } from '../notifications/send-notification.js';
import { stopOutreach } from '../outreach/stop-outreach.js';

export interface RecordBookingOptions {
  locationId: string;
  contactId: string;
  appointment: { id: string; calendarId: string; startTime: string; endTime: string; status: string | null };
  /** `conversation` (Curb booked it) or `ghl` (booked in GoHighLevel). */
  source: 'conversation' | 'ghl';
  /** The owner's zone, for the notice (default the location's). */
  timeZone?: string;
}

export interface RecordBookingResult {
  enrollmentsBooked: number;
  handoffId: string;
  notified: Array<{ channel: 'sms' | 'email'; status: string }>;
}

/** States an enrollment keeps when a booking comes in: the owner opted out or was disqualified first. */
const FINAL = ['OPTED_OUT', 'DISQUALIFIED'];

export async function recordBooking(services: AppServices, o: RecordBookingOptions): Promise<RecordBookingResult> {
  const now = services.clock.now();
  await stopOutreach(services, { locationId: o.locationId, contactId: o.contactId, reason: 'booked' });
  // A handoff earlier in the conversation already ended the cadence (status cancelled): the outcome is
  // still BOOKED, on every enrollment of the owner that did not end in an opt-out or disqualification.
  const booked = await services.db
    .update(enrollments)
    .set({ state: 'BOOKED', nextTouchAt: null, updatedAt: now })
    .where(and(eq(enrollments.locationId, o.locationId), eq(enrollments.contactId, o.contactId), notInArray(enrollments.state, FINAL)))
    .returning({ id: enrollments.id });
  const booking = { status: 'booked', source: o.source, appointmentId: o.appointment.id, calendarId: o.appointment.calendarId, startTime: o.appointment.startTime, endTime: o.appointment.endTime, bookedAt: now.toISOString() };
  await services.db
    .insert(conversationStates)
    .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, currentState: 'booked', booking, updatedAt: now })
    .onConflictDoUpdate({ target: conversationStates.contactId, set: { booking, updatedAt: now } });

  const [location] = await services.db.select().from(locations).where(eq(locations.id, o.locationId)).limit(1);
  const zone = o.timeZone ?? location?.timeZone ?? 'America/New_York';
  const when = `${describeSlot({ startTime: o.appointment.startTime }, zone, now)} (${zoneLabel(zone, new Date(o.appointment.startTime))})`;
  const h = await startHandoff(services, { locationId: o.locationId, contactId: o.contactId, reason: `call booked ${when}`, notify: false });
  const settings = conversationSettingsFor(location?.settings, services.config);
  const link = inboxUrlFor(services, o.contactId);
  const notified: RecordBookingResult['notified'] = [];
  for (const [channel, to] of [['sms', settings.notifySmsTo], ['email', settings.notifyEmailTo]] as const) {
    if (!to) continue;
    const r = await sendNotification(services, {
      locationId: o.locationId,
      kind: 'booking',
      channel,
      to,
      subject: `Call booked ${when}`,
      body: `Call booked ${when}${o.source === 'ghl' ? ' in GoHighLevel' : ' by Curb in the conversation'}.\nOpen the conversation: ${link}`,
      dedupeKey: `booking:${o.appointment.id}:${channel}`,
      handoffId: h.handoffId,
    });
    notified.push({ channel, status: r.status });
  }
  return { enrollmentsBooked: booked.length, handoffId: h.handoffId, notified };
}

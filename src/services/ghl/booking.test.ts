/**
 * Offering slots and booking the chosen one on the local LeadConnector server: the whole Phase 3 loop
 * short of the conversation (offer → reply → book → confirm).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGhlServer, type FakeGhlServer } from '../../../test/fakes/ghl-server.js';
import { createGhlClient } from '../../adapters/crm-ghl/create-ghl-client.js';
import type { GhlClient } from '../../adapters/crm-ghl/interface.js';
import { createGhlContactResolver } from '../../adapters/crm-ghl/resolve-contact.js';
import { formatBookingConfirmation } from '../../domain/booking/format-booking-confirmation.js';
import { parseSlotChoice } from '../../domain/booking/parse-slot-choice.js';
import { fixedClock, type ManualClock } from '../../lib/clock.js';
import { bookAppointment } from './book-appointment.js';
import { offerSlots } from './offer-slots.js';

const NY = 'America/New_York';
let clock: ManualClock;
let server: FakeGhlServer;
let ghl: GhlClient;

beforeEach(async () => {
  // Tuesday 2025-03-04, 10:00 New York; the calendar has Wed and Thu 9:00-11:30 every 30 minutes.
  clock = fixedClock('2025-03-04T15:00:00.000Z');
  server = await startGhlServer({ nowMs: () => clock.now().getTime() });
  ghl = createGhlClient({ baseUrl: server.baseUrl, token: server.token, locationId: server.locationId, clock, sleep: async (ms) => clock.advance(ms), random: () => 0 });
});
afterEach(() => server.close());

describe('offer slots, read the choice, book it', () => {
  it('offers varied slots in the owner’s zone, books the one picked, and confirms it', async () => {
    const offer = await offerSlots({ ghl, clock }, { calendarId: 'cal_sdr', timeZone: NY });
    expect(offer.ok).toBe(true);
    if (!offer.ok) return;
    expect(offer.value.slots.map((s) => s.startTime)).toEqual(['2025-03-05T14:00:00.000Z', '2025-03-05T16:00:00.000Z', '2025-03-06T14:00:00.000Z']);
    expect(offer.value.text).toBe('Would one of these times work for a quick call? 1) tomorrow at 9am 2) tomorrow at 11am 3) Thu at 9am (ET). Just reply with the number.');
    expect(server.requests[0]).toMatchObject({ path: '/calendars/cal_sdr/free-slots', version: '2021-04-15', query: { timezone: NY } });

    clock.advance(20 * 60_000);
    const choice = parseSlotChoice({ reply: 'Thursday works, 9 is good', offered: offer.value.slots, timeZone: NY, now: clock.now() });
    expect(choice).toMatchObject({ kind: 'chosen', index: 2 });
    if (choice.kind !== 'chosen') return;

    const booked = await bookAppointment({ ghl }, { calendarId: 'cal_sdr', contact: { ghlContactId: 'ct_ann' }, slot: choice.slot, title: 'Seller call: 12 Elm St (Ann Lee)' });
    expect(booked).toEqual({
      ok: true,
      value: { appointmentId: server.appointments[0]!.id, calendarId: 'cal_sdr', ghlContactId: 'ct_ann', startTime: '2025-03-06T14:00:00.000Z', endTime: '2025-03-06T14:30:00.000Z', status: 'confirmed' },
    });
    expect(server.appointments[0]).toMatchObject({ contactId: 'ct_ann', appointmentStatus: 'confirmed', title: 'Seller call: 12 Elm St (Ann Lee)' });
    expect(formatBookingConfirmation({ slot: choice.slot, timeZone: NY, now: clock.now(), host: 'Sam' })).toBe("You're all set: Sam will call you Thu at 9am (ET). Reply here if you need to change it.");
  });

  it('a slot taken meanwhile is slot_taken; a contact named by phone is looked up', async () => {
    const slot = { startTime: '2025-03-05T14:00:00.000Z' };
    const contacts = createGhlContactResolver({ client: ghl, clock });
    const first = await bookAppointment({ ghl, contacts }, { calendarId: 'cal_sdr', contact: { phone: '+14075550103' }, slot, title: 'Seller call' });
    expect(first.ok && first.value.ghlContactId).toBe('ct_cara');
    const again = await bookAppointment({ ghl }, { calendarId: 'cal_sdr', contact: { ghlContactId: 'ct_ann' }, slot, title: 'Seller call' });
    expect(!again.ok && again.error).toMatchObject({ code: 'slot_taken', retry: false });
    const noResolver = await bookAppointment({ ghl }, { calendarId: 'cal_sdr', contact: { email: 'ann.lee@example.com' }, slot, title: 'x' });
    expect(!noResolver.ok && noResolver.error.code).toBe('validation_failed');
  });

  it('a booking that times out is not re-posted and comes back retryable and ambiguous', async () => {
    ghl = createGhlClient({ baseUrl: server.baseUrl, token: server.token, locationId: server.locationId, clock, timeoutMs: 150, sleep: async (ms) => clock.advance(ms), random: () => 0 });
    server.scenario.hang = 1;
    const r = await bookAppointment({ ghl }, { calendarId: 'cal_sdr', contact: { ghlContactId: 'ct_ann' }, slot: { startTime: '2025-03-05T14:00:00.000Z' }, title: 'x' });
    expect(!r.ok && r.error).toMatchObject({ code: 'timeout', retry: true, details: { ambiguous: true } });
    expect(server.requests).toHaveLength(1);
  });

  it('an empty calendar offers nothing', async () => {
    server.calendars.get('cal_sdr')!.slots = [];
    const offer = await offerSlots({ ghl, clock }, { calendarId: 'cal_sdr', timeZone: NY });
    expect(offer).toEqual({ ok: true, value: { slots: [], text: '' } });
  });
});

import type { z } from 'zod';
import type { GhlAppointment, WireAppointmentSchema } from './interface.js';
import { toIsoInstant } from './normalize-contact.js';

/** An appointment as the API answers it or a webhook carries it, in Curb's shape (ISO instants). */
export function normalizeAppointment(a: z.infer<typeof WireAppointmentSchema>): GhlAppointment {
  return {
    id: a.id,
    calendarId: a.calendarId,
    contactId: a.contactId ?? null,
    title: a.title ?? null,
    startTime: toIsoInstant(a.startTime) ?? a.startTime,
    endTime: toIsoInstant(a.endTime) ?? a.endTime,
    status: a.appointmentStatus ?? null,
  };
}

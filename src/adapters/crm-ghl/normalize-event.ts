import type { GhlEvent } from './interface.js';

/**
 * The seed's names for the four GoHighLevel events the SDR reacts to. HighLevel calls them
 * InboundMessage, AppointmentCreate, ContactDndUpdate (with DND on) and OpportunityStageUpdate.
 */
export type SdrGhlEvent =
  | { kind: 'ContactReply'; contactId: string; channel: 'sms' | 'email' | 'other'; body: string; subject: string | null; messageId: string | null; conversationId: string | null; from: string | null; at: string | null }
  | { kind: 'AppointmentScheduled'; contactId: string | null; appointmentId: string; calendarId: string; startTime: string; endTime: string; status: string | null; at: string | null }
  | { kind: 'ContactOptedOut'; contactId: string; channels: 'all' | string[]; phone: string | null; email: string | null; at: string | null }
  | { kind: 'OpportunityStageChanged'; opportunityId: string; contactId: string | null; pipelineId: string; stageId: string; status: string | null; at: string | null };

/**
 * Maps a parsed event to what the SDR acts on, or `null` when there is nothing to do (outbound echoes,
 * DND being lifted — consent is never re-inferred from a CRM flag — and unknown types).
 */
export function normalizeGhlEvent(event: GhlEvent): SdrGhlEvent | null {
  switch (event.type) {
    case 'InboundMessage': {
      const t = event.messageType?.toUpperCase();
      const channel = t === 'SMS' || t === 'TYPE_SMS' ? 'sms' : t === 'EMAIL' || t === 'TYPE_EMAIL' ? 'email' : 'other';
      return { kind: 'ContactReply', contactId: event.contactId, channel, body: event.body, subject: event.subject, messageId: event.messageId, conversationId: event.conversationId, from: event.from, at: event.timestamp };
    }
    case 'AppointmentCreate': {
      const a = event.appointment;
      return { kind: 'AppointmentScheduled', contactId: a.contactId, appointmentId: a.id, calendarId: a.calendarId, startTime: a.startTime, endTime: a.endTime, status: a.status, at: event.timestamp };
    }
    case 'ContactDndUpdate':
      if (!event.dnd && event.dndChannels.length === 0) return null;
      return { kind: 'ContactOptedOut', contactId: event.contactId, channels: event.dnd ? 'all' : event.dndChannels, phone: event.phone, email: event.email, at: event.timestamp };
    case 'OpportunityStageUpdate':
      return { kind: 'OpportunityStageChanged', opportunityId: event.opportunityId, contactId: event.contactId, pipelineId: event.pipelineId, stageId: event.pipelineStageId, status: event.status, at: event.timestamp };
    case 'OutboundMessage':
    case 'Unknown':
      return null;
  }
}

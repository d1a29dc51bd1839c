/**
 * What Curb does with one verified, de-duplicated GoHighLevel webhook event (seed 003 CadenceScheduler
 * .process_webhook_trigger), for the Curb location it belongs to:
 * - InboundMessage (SMS / email) → the conversations pipeline, exactly as a Twilio or email reply:
 *   stored once (by HighLevel's message id), opt-out first, decided, carried out by the job;
 * - OutboundMessage → logged as an outbound communication written by a person in HighLevel, so the
 *   conversation Curb reads is complete (Curb's own sends through HighLevel are recognised and skipped);
 * - ContactDndUpdate with DND on → the contact is opted out in Curb (DND lifted: nothing — consent is
 *   never re-inferred from a CRM flag);
 * - AppointmentCreate → BOOKED (recordBooking);
 * - OpportunityStageUpdate → enrolled in the SDR sequence when the stage is one of
 *   SDR_PIPELINE_STAGE_IDS; the cadence stopped when the opportunity is won, lost or abandoned.
 * An unknown contact is not an error: the answer says `ignored` with the reason, and the route logs it.
 */
import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { GhlContact, GhlEvent } from '../../adapters/crm-ghl/interface.js';
import { normalizeGhlEvent } from '../../adapters/crm-ghl/normalize-event.js';
import { communications, contacts, conversationStates, locations, touches } from '../../db/schema/index.js';
import { decryptNullable, encrypt } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { ok } from '../../lib/result.js';
import type { AppServices } from '../app-services.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import { conversationLlm } from '../conversations/conversation-llm.js';
import { conversationSettingsFor } from '../conversations/conversation-settings.js';
import { receiveInbound } from '../conversations/receive-inbound.js';
import { runInbound } from '../conversations/run-inbound.js';
import { stopOutreach } from '../outreach/stop-outreach.js';
import { enrollProspects } from '../sdr/enroll-prospects.js';
import { recordBooking } from '../sdr/record-booking.js';
import { ghlConnectionFor } from './ghl-location.js';
import { parseStageIds, sourceGhlProspects } from './source-ghl-prospects.js';

export interface HandleGhlEventOptions {
  event: GhlEvent;
  /** The Curb location the event's HighLevel locationId maps to. */
  locationId: string;
  /** The replay key, used as the message id when HighLevel sends none. */
  deliveryKey: string;
}

export type GhlEventOutcome = { handled: string; [k: string]: unknown } | { ignored: string; [k: string]: unknown };

async function contactByGhlId(services: Pick<AppServices, 'db'>, locationId: string, ghlContactId: string | null) {
  if (!ghlContactId) return null;
  const [c] = await services.db.select().from(contacts).where(and(eq(contacts.locationId, locationId), eq(contacts.ghlContactId, ghlContactId))).limit(1);
  return c ?? null;
}

const channelOf = (messageType: string | null): 'sms' | 'email' | null => {
  const t = messageType?.toUpperCase();
  return t === 'SMS' || t === 'TYPE_SMS' ? 'sms' : t === 'EMAIL' || t === 'TYPE_EMAIL' ? 'email' : null;
};

export async function handleGhlEvent(services: AppServices, o: HandleGhlEventOptions): Promise<GhlEventOutcome> {
  const { event, locationId } = o;
  switch (event.type) {
    case 'InboundMessage': {
      const channel = channelOf(event.messageType);
      if (!channel) return { ignored: `messageType ${event.messageType ?? 'none'} is not an SMS or email` };
      const known = await contactByGhlId(services, locationId, event.contactId);
      const from = event.from ?? (channel === 'sms' ? known?.phone : known?.email) ?? null;
      if (!known && !from) return { ignored: 'unknown contact and no sender address', ghlContactId: event.contactId };
      const [location] = await services.db.select({ settings: locations.settings }).from(locations).where(eq(locations.id, locationId)).limit(1);
      const settings = conversationSettingsFor(location?.settings, services.config);
      const received = await receiveInbound(
        services,
        {
          locationId,
          channel,
          provider: 'ghl',
          providerMessageId: event.messageId ?? o.deliveryKey,
          from: channel === 'email' ? from!.toLowerCase() : from!,
          to: event.to,
          body: event.body.trim() || (event.attachments.length > 0 ? `[${event.attachments.length} attachment${event.attachments.length === 1 ? '' : 's'}]` : ''),
          subject: event.subject,
          contactId: known?.id ?? null,
        },
        { decide: { settings, llm: conversationLlm(services) } },
      );
      if (received.contactId && !known) {
        // A sender Curb knew by number (or a new lead): remember its HighLevel id for the next event.
        await services.db
          .update(contacts)
          .set({ ghlContactId: event.contactId })
          .where(and(eq(contacts.id, received.contactId), isNull(contacts.ghlContactId)))
          .catch(() => undefined);
      }
      await runInbound(services, received);
      return { handled: 'inbound_message', duplicate: received.duplicate, communicationId: received.communicationId, contactId: received.contactId, optedOut: received.optedOut };
    }

    case 'OutboundMessage': {
      const channel = channelOf(event.messageType);
      if (!channel) return { ignored: `messageType ${event.messageType ?? 'none'} is not an SMS or email` };
      const known = await contactByGhlId(services, locationId, event.contactId);
      if (!known) return { ignored: 'unknown contact', ghlContactId: event.contactId };
      if (event.messageId) {
        const [own] = await services.db
          .select({ id: communications.id })
          .from(communications)
          .where(and(eq(communications.locationId, locationId), eq(communications.provider, 'ghl'), eq(communications.providerMessageId, event.messageId)))
          .limit(1);
        if (own) return { ignored: 'sent by Curb', communicationId: own.id };
      }
      const now = services.clock.now();
      // HighLevel may announce Curb's own send before Curb has recorded its message id: a touch to this
      // contact with the same text in the last minutes is that send.
      const recent = await services.db
        .select({ id: touches.id, bodyEnc: touches.bodyEnc })
        .from(touches)
        .where(and(eq(touches.locationId, locationId), eq(touches.contactId, known.id), eq(touches.channel, channel), inArray(touches.status, ['sending', 'sent', 'delivered']), gte(touches.createdAt, new Date(now.getTime() - 10 * 60_000))));
      const echo = recent.find((t) => decryptNullable(services.keyRing, t.bodyEnc)?.trim() === event.body.trim());
      if (echo) return { ignored: 'sent by Curb', touchId: echo.id };
      const at = event.timestamp ? new Date(event.timestamp) : now;
      const id = newId();
      const inserted = await services.db
        .insert(communications)
        .values({
          id,
          locationId,
          contactId: known.id,
          direction: 'outbound',
          channel,
          fromAddress: event.from,
          toAddress: event.to ?? (channel === 'sms' ? known.phone : known.email),
          subject: event.subject,
          bodyEnc: encrypt(services.keyRing, event.body),
          author: 'human',
          purpose: 'informational',
          provider: 'ghl',
          providerMessageId: event.messageId ?? o.deliveryKey,
          status: 'sent',
          occurredAt: at,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: communications.id });
      if (inserted.length > 0) {
        await services.db
          .insert(conversationStates)
          .values({ id: newId(), locationId, contactId: known.id, lastOutboundAt: at, updatedAt: now })
          .onConflictDoUpdate({ target: conversationStates.contactId, set: { lastOutboundAt: at, updatedAt: now } });
      }
      return { handled: 'outbound_message', communicationId: inserted[0]?.id ?? null, duplicate: inserted.length === 0 };
    }

    case 'ContactDndUpdate': {
      const sdr = normalizeGhlEvent(event);
      if (!sdr || sdr.kind !== 'ContactOptedOut') return { ignored: 'DND lifted: consent is not re-inferred from a CRM flag' };
      const known = await contactByGhlId(services, locationId, event.contactId);
      if (!known) return { ignored: 'unknown contact', ghlContactId: event.contactId };
      if (known.optOut) return { handled: 'opt_out', already: true, contactId: known.id };
      // One DND channel is enough: Curb's opt-out covers every channel (COMPLIANCE.md: revoke means revoke).
      await optOutContact(services, { locationId, contactId: known.id, source: 'ghl_dnd', channel: sdr.channels === 'all' ? null : sdr.channels.join(',').toLowerCase() });
      return { handled: 'opt_out', contactId: known.id, channels: sdr.channels };
    }

    case 'AppointmentCreate': {
      const a = event.appointment;
      const known = await contactByGhlId(services, locationId, a.contactId);
      if (!known) return { ignored: 'unknown contact', ghlContactId: a.contactId };
      const [state] = await services.db.select({ booking: conversationStates.booking }).from(conversationStates).where(eq(conversationStates.contactId, known.id)).limit(1);
      if ((state?.booking as { appointmentId?: string } | null)?.appointmentId === a.id) return { handled: 'booked', already: true, contactId: known.id };
      const r = await recordBooking(services, { locationId, contactId: known.id, appointment: { id: a.id, calendarId: a.calendarId, startTime: a.startTime, endTime: a.endTime, status: a.status }, source: 'ghl', ...(known.timeZone ? { timeZone: known.timeZone } : {}) });
      return { handled: 'booked', contactId: known.id, ...r };
    }

    case 'OpportunityStageUpdate': {
      const status = event.status?.toLowerCase() ?? 'open';
      let known = await contactByGhlId(services, locationId, event.contactId);
      if (status === 'won' || status === 'lost' || status === 'abandoned') {
        if (!known) return { ignored: 'unknown contact', ghlContactId: event.contactId };
        const r = await stopOutreach(services, { locationId, contactId: known.id, reason: status === 'won' ? 'qualified' : 'disqualified' });
        return { handled: 'stopped', status, contactId: known.id, ...r };
      }
      if (!parseStageIds(services.config.env.SDR_PIPELINE_STAGE_IDS).includes(event.pipelineStageId)) return { ignored: `stage ${event.pipelineStageId} is not in SDR_PIPELINE_STAGE_IDS` };
      if (!event.contactId) return { ignored: 'the opportunity has no contact' };
      if (!known || known.optOut) {
        // Not in Curb yet: read the contact from HighLevel and source it like a pipeline lead.
        const ghl = await ghlConnectionFor(services, locationId);
        if (!ghl.ok) return { ignored: ghl.error.message };
        const c = await ghl.value.client.getContact(event.contactId);
        if (!c.ok) return c.error.code === 'not_found' ? { ignored: 'unknown contact', ghlContactId: event.contactId } : Promise.reject(new Error(c.error.message));
        const one: GhlContact = c.value;
        const sourced = await sourceGhlProspects(
          { ...services, ghl: { getContactsByPipelineStage: () => Promise.resolve(ok([one])), getContactsInactiveSince: () => Promise.resolve(ok([])) } },
          { locationId, stageIds: [event.pipelineStageId], staleAfterDays: null, maxPerSource: 1 },
        );
        if (!sourced.ok) return Promise.reject(new Error(sourced.error.message));
        if (sourced.value.contactIds.length === 0) return { ignored: 'not enrolable', skipped: sourced.value.skipped };
        known = await contactByGhlId(services, locationId, event.contactId);
        if (!known) return { ignored: 'not enrolable', skipped: sourced.value.skipped };
      }
      const r = await enrollProspects(services, { locationId, contactIds: [known.id], source: 'ghl' });
      return { handled: 'enrolled', contactId: known.id, campaignId: r.campaignId, enrolled: r.enrolled, alreadyEnrolled: r.alreadyEnrolled, skipped: r.skipped };
    }

    case 'Unknown':
      return { ignored: `event type ${event.originalType} is not used by Curb` };
  }
}

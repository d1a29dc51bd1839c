import { failure, type AppFailure } from '../../lib/result.js';
import {
  WireAppointmentEventSchema,
  WireContactDndEventSchema,
  WireMessageEventSchema,
  WireOpportunityStageEventSchema,
  WireWebhookEnvelopeSchema,
  type GhlEvent,
} from './interface.js';
import { normalizeContact, toIsoInstant } from './normalize-contact.js';
import { normalizeAppointment } from './normalize-appointment.js';

export type ParseGhlWebhookResult = { ok: true; event: GhlEvent } | { ok: false; error: AppFailure };

const invalid = (message: string, details?: unknown): ParseGhlWebhookResult => ({ ok: false, error: failure('invalid_webhook', message, false, details).error });

/**
 * Turns a (verified) webhook body into a `GhlEvent`. Known types with a broken shape are an error;
 * types Curb does not handle become `{ type: 'Unknown' }` so the route can acknowledge them with 200.
 *
 * @example
 * const parsed = parseGhlWebhook(rawBody);
 * if (!parsed.ok) return reply.code(400).send(...);
 */
export function parseGhlWebhook(rawBody: Buffer | string): ParseGhlWebhookResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    return invalid('webhook body is not JSON');
  }
  const env = WireWebhookEnvelopeSchema.safeParse(json);
  if (!env.success) return invalid('webhook body has no string `type`');
  const base = {
    webhookId: env.data.webhookId ?? null,
    locationId: env.data.locationId ?? null,
    timestamp: toIsoInstant(env.data.timestamp) ?? toIsoInstant(env.data.dateAdded),
  };
  const type = env.data.type;
  const shapeError = (issues: unknown): ParseGhlWebhookResult => invalid(`${type} webhook has an unexpected shape`, { issues });

  switch (type) {
    case 'InboundMessage':
    case 'OutboundMessage': {
      const p = WireMessageEventSchema.safeParse(json);
      if (!p.success) return shapeError(p.error.issues);
      const w = p.data;
      return {
        ok: true,
        event: {
          ...base,
          type,
          contactId: w.contactId,
          conversationId: w.conversationId ?? null,
          messageId: w.messageId ?? w.emailMessageId ?? null,
          messageType: w.messageType ?? null,
          body: w.body ?? '',
          subject: w.subject ?? null,
          from: w.from ?? null,
          to: w.to ?? null,
          attachments: w.attachments ?? [],
        },
      };
    }
    case 'ContactDndUpdate': {
      const p = WireContactDndEventSchema.safeParse(json);
      if (!p.success) return shapeError(p.error.issues);
      const c = normalizeContact({ id: p.data.id, dnd: p.data.dnd ?? false, dndSettings: p.data.dndSettings ?? null, phone: p.data.phone ?? null, email: p.data.email ?? null });
      return { ok: true, event: { ...base, type, contactId: c.id, dnd: c.dnd, dndChannels: c.dndChannels, phone: c.phone, email: c.email } };
    }
    case 'AppointmentCreate': {
      const p = WireAppointmentEventSchema.safeParse(json);
      if (!p.success) return shapeError(p.error.issues);
      return { ok: true, event: { ...base, type, appointment: normalizeAppointment(p.data.appointment) } };
    }
    case 'OpportunityStageUpdate': {
      const p = WireOpportunityStageEventSchema.safeParse(json);
      if (!p.success) return shapeError(p.error.issues);
      const w = p.data;
      return {
        ok: true,
        event: {
          ...base,
          type,
          opportunityId: w.id,
          contactId: w.contactId ?? null,
          pipelineId: w.pipelineId,
          pipelineStageId: w.pipelineStageId,
          status: w.status ?? null,
          name: w.name ?? null,
          monetaryValue: w.monetaryValue ?? null,
        },
      };
    }
    default:
      return { ok: true, event: { ...base, type: 'Unknown', originalType: type, raw: json } };
  }
}

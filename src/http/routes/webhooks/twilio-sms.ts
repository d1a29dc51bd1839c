/**
 * POST /webhooks/twilio/sms — Twilio's incoming-message webhook. The signature (X-Twilio-Signature) is
 * checked with Twilio's algorithm against PUBLIC_URL + the path and query Twilio called, with the
 * location's own auth token or TWILIO_AUTH_TOKEN; a missing or wrong one answers 403 and nothing is
 * stored. A valid message is stored once (by MessageSid) with its opt-out, answered at once with empty
 * TwiML, and understood and answered by the conversations job. The locations and the sender are read in
 * one statement before the signature is checked (the token is a location's); nothing is stored before it.
 */
import type { FastifyInstance } from 'fastify';
import { verifyTwilioSignature } from '../../../adapters/sms/verify-twilio-signature.js';
import { selectInboundSenders } from '../../../db/sql/conversations/select-inbound-senders.js';
import { AppError, ErrorCode } from '../../../lib/errors.js';
import type { AppServices } from '../../../services/app-services.js';
import { conversationLlm } from '../../../services/conversations/conversation-llm.js';
import { conversationSettingsFor } from '../../../services/conversations/conversation-settings.js';
import { receiveInbound } from '../../../services/conversations/receive-inbound.js';
import { resolveSmsLocation } from '../../../services/conversations/resolve-sms-location.js';
import { runInbound } from '../../../services/conversations/run-inbound.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export async function twilioSmsWebhook(app: FastifyInstance, services: AppServices): Promise<void> {
  // Twilio posts application/x-www-form-urlencoded; parsed here so the signature sees exactly its fields.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body as string)) params[k] = v;
    done(null, params);
  });

  app.post('/webhooks/twilio/sms', { schema: { hide: true } }, async (request, reply) => {
    const params = (request.body ?? {}) as Record<string, string>;
    const to = params.To ?? '';
    // One round trip: the locations (to check the signature with the right token) and the sender in each.
    const found = to ? await selectInboundSenders(services.database, { kind: 'phone', value: params.From ?? '' }) : [];
    const location = resolveSmsLocation({ locations: found.map((f) => f.location), to });
    const settings = conversationSettingsFor(location?.settings, services.config);
    const token = settings.twilioAuthToken;
    const url = `${services.config.env.PUBLIC_URL.replace(/\/$/, '')}${request.url}`;
    const signature = request.headers['x-twilio-signature'];
    if (!token || !verifyTwilioSignature({ authToken: token, url, params, signature: typeof signature === 'string' ? signature : undefined })) {
      throw new AppError(ErrorCode.Forbidden, 'invalid or missing X-Twilio-Signature');
    }
    const sid = params.MessageSid ?? params.SmsSid;
    const from = params.From;
    if (!location || !sid || !from) {
      // Signed by Twilio but not for us (or not a message): acknowledge so Twilio does not retry, and log.
      request.log.warn({ to, sid, hasLocation: Boolean(location) }, 'inbound SMS not filed: unknown number or missing fields');
      return reply.type('text/xml').send(EMPTY_TWIML);
    }
    const media = Number(params.NumMedia ?? 0);
    const body = (params.Body ?? '').trim() || (media > 0 ? `[${media} attachment${media === 1 ? '' : 's'}]` : '');
    const received = await receiveInbound(services, { locationId: location.id, channel: 'sms', provider: 'twilio', providerMessageId: sid, from, to, body }, { decide: { settings, llm: conversationLlm(services) }, sender: found.find((f) => f.location.id === location.id)?.sender ?? null });
    await runInbound(services, received);
    return reply.type('text/xml').send(EMPTY_TWIML);
  });
}

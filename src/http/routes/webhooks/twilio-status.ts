/**
 * POST /webhooks/twilio/status — Twilio's message status callbacks. Authenticated by X-Twilio-Signature
 * (HMAC over PUBLIC_URL + path + query and the form fields, with TWILIO_AUTH_TOKEN); 403 otherwise.
 * Answers 204 quickly; a report for a message we do not know is acknowledged, never an error.
 */
import type { FastifyInstance } from 'fastify';
import { parseTwilioStatusCallback } from '../../../adapters/sms/twilio-status-callback.js';
import { verifyTwilioSignature } from '../../../adapters/sms/verify-twilio-signature.js';
import { AppError, ErrorCode } from '../../../lib/errors.js';
import type { AppServices } from '../../../services/app-services.js';
import { applyDeliveryStatus } from '../../../services/outreach/apply-delivery-status.js';

/** The URL Twilio signed: the public base plus the path and query this request arrived on. */
export function publicUrlOf(services: AppServices, rawUrl: string): string {
  return `${services.config.env.PUBLIC_URL.replace(/\/$/, '')}${rawUrl}`;
}

export async function twilioStatusRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.post('/webhooks/twilio/status', { schema: { hide: true } }, async (request, reply) => {
    const token = services.config.env.TWILIO_AUTH_TOKEN;
    const params = (request.body ?? {}) as Record<string, string>;
    const signature = request.headers['x-twilio-signature'];
    if (!token || !verifyTwilioSignature({ authToken: token, url: publicUrlOf(services, request.url), params, signature: typeof signature === 'string' ? signature : undefined })) {
      throw new AppError(ErrorCode.Forbidden, 'invalid or missing X-Twilio-Signature');
    }
    const parsed = parseTwilioStatusCallback(params);
    if (!parsed.ok) throw new AppError(ErrorCode.ValidationFailed, `invalid status callback: ${parsed.error.message}`);
    const result = await applyDeliveryStatus(services, 'twilio', parsed.value);
    if (!result.matched) request.log.info({ messageSid: parsed.value.messageSid }, 'status callback for an unknown message; acknowledged');
    return reply.status(204).send();
  });
}

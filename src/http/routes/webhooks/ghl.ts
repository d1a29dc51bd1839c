/**
 * GoHighLevel webhooks: `POST /webhooks/ghl` (one endpoint for every event type, as HighLevel's app
 * webhooks deliver them) and seed 003's `POST /v1/sdr/webhook/{reply,booking-confirmed,opt-out,stage-change}`
 * on the same handler. They authenticate by HighLevel's signature, not an API key:
 * 1. `x-wh-signature` is verified (RSA-SHA256, base64) over the raw bytes received, with
 *    GHL_WEBHOOK_PUBLIC_KEY; missing, tampered or unverifiable → 401, nothing stored;
 * 2. replay protection: the delivery's timestamp must be within 5 minutes of now (else 401), and its
 *    webhookId is recorded in webhook_events — a second delivery of one id is answered 200 and not
 *    processed again;
 * 3. the HighLevel locationId is mapped to a Curb location; an unknown location or contact is answered
 *    200 and logged, never an error (HighLevel would only retry it).
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkReplay, ReplayFailureCode } from '../../../adapters/crm-ghl/check-replay.js';
import { parseGhlWebhook } from '../../../adapters/crm-ghl/parse-webhook.js';
import { verifyGhlSignature } from '../../../adapters/crm-ghl/verify-signature.js';
import { webhookEvents } from '../../../db/schema/index.js';
import { AppError, ErrorCode } from '../../../lib/errors.js';
import { newId } from '../../../lib/ids.js';
import type { AppServices } from '../../../services/app-services.js';
import { handleGhlEvent } from '../../../services/ghl/handle-ghl-event.js';
import { curbLocationForGhl } from '../../../services/ghl/ghl-location.js';

/** The provider name of delivery keys in webhook_events (messages themselves are keyed as `ghl`). */
const DELIVERY_PROVIDER = 'ghl_delivery';

/** Seed 003's per-event paths; each takes the same deliveries as /webhooks/ghl. */
export const SDR_WEBHOOK_PATHS = ['reply', 'booking-confirmed', 'opt-out', 'stage-change'] as const;

export async function ghlWebhook(app: FastifyInstance, services: AppServices): Promise<void> {
  // The signature covers the exact bytes: keep them (this plugin's scope only) and parse JSON ourselves.
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const publicKeyPem = services.config.env.GHL_WEBHOOK_PUBLIC_KEY?.replace(/\\n/g, '\n');
    const signature = request.headers['x-wh-signature'];
    if (!publicKeyPem) request.log.error('GoHighLevel webhook refused: GHL_WEBHOOK_PUBLIC_KEY is not set');
    if (!publicKeyPem || !verifyGhlSignature({ rawBody: raw, signature: typeof signature === 'string' ? signature : undefined, publicKeyPem })) {
      throw new AppError(ErrorCode.Unauthorized, 'invalid or missing x-wh-signature');
    }
    const parsed = parseGhlWebhook(raw);
    if (!parsed.ok) throw new AppError(ErrorCode.ValidationFailed, parsed.error.message, parsed.error.details as Record<string, unknown> | undefined);
    const event = parsed.event;
    const location = await curbLocationForGhl(services, event.locationId);
    const now = services.clock.now();
    const fresh = await checkReplay({
      event,
      now,
      seen: async (key) => {
        const inserted = await services.db
          .insert(webhookEvents)
          .values({ id: newId(), provider: DELIVERY_PROVIDER, eventId: key, locationId: location?.id ?? null, kind: event.type, status: 'processing', receivedAt: now })
          .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.eventId] })
          .returning({ id: webhookEvents.id });
        return inserted.length === 0;
      },
    });
    if (!fresh.ok) {
      if (fresh.error.code === ReplayFailureCode.Duplicate) return reply.code(200).send({ received: true, duplicate: true });
      throw new AppError(ErrorCode.Unauthorized, `replay protection: ${fresh.error.message}`);
    }
    const key = fresh.value.key;
    const done = (status: string, error: string | null = null) =>
      services.db.update(webhookEvents).set({ status, processedAt: services.clock.now(), error }).where(and(eq(webhookEvents.provider, DELIVERY_PROVIDER), eq(webhookEvents.eventId, key)));
    if (!location) {
      request.log.warn({ ghlLocationId: event.locationId, type: event.type, key }, 'GoHighLevel webhook for an unknown location: acknowledged, not processed');
      await done('ignored', 'unknown location');
      return { received: true, ignored: 'unknown location' };
    }
    try {
      const outcome = await handleGhlEvent(services, { event, locationId: location.id, deliveryKey: key });
      if ('ignored' in outcome) request.log.info({ type: event.type, key, ...outcome }, 'GoHighLevel webhook acknowledged, nothing to do');
      await done('ignored' in outcome ? 'ignored' : 'processed');
      return { received: true, type: event.type, ...outcome };
    } catch (e) {
      // Forget the delivery so HighLevel's retry of it is processed, not taken for a replay.
      await services.db.delete(webhookEvents).where(and(eq(webhookEvents.provider, DELIVERY_PROVIDER), eq(webhookEvents.eventId, key)));
      throw e;
    }
  };

  app.post('/webhooks/ghl', { schema: { hide: true } }, handle);
  for (const path of SDR_WEBHOOK_PATHS) app.post(`/v1/sdr/webhook/${path}`, { schema: { hide: true } }, handle);
}

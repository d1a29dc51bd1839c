/**
 * POST /webhooks/email/inbound — raw MIME from a mail provider's inbound route (Mailgun "store and
 * notify" raw, Postmark/SendGrid raw, an MTA pipe through curl). Authenticated by the shared secret
 * INBOUND_EMAIL_SECRET in `X-Curb-Secret` (or `Authorization: Bearer …`, or `?secret=` for providers that
 * can only be given a URL); missing or wrong → 403. The body is the message itself (message/rfc822,
 * text/plain or application/octet-stream).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../../../lib/errors.js';
import type { AppServices } from '../../../services/app-services.js';
import { receiveInboundEmail } from '../../../services/conversations/receive-inbound-email.js';
import { runInbound } from '../../../services/conversations/run-inbound.js';

function sameSecret(given: string | undefined, want: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function emailInboundWebhook(app: FastifyInstance, services: AppServices): Promise<void> {
  for (const type of ['message/rfc822', 'text/plain', 'application/octet-stream']) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }

  app.post('/webhooks/email/inbound', { schema: { hide: true } }, async (request, reply) => {
    const secret = services.config.env.INBOUND_EMAIL_SECRET;
    const header = request.headers['x-curb-secret'];
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const query = (request.query as Record<string, string | undefined>).secret;
    const given = typeof header === 'string' ? header : (bearer ?? query);
    if (!secret || !sameSecret(given, secret)) throw new AppError(ErrorCode.Forbidden, secret ? 'missing or wrong inbound email secret' : 'inbound email is not configured (INBOUND_EMAIL_SECRET)');
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError(ErrorCode.ValidationFailed, 'body: the raw MIME message is required', { issues: [{ path: 'body', message: 'required' }] });
    const received = await receiveInboundEmail(services, { raw: request.body });
    if (!received.routed) {
      request.log.info({ reason: received.reason }, 'inbound email not filed');
      return reply.status(202).send({ status: 'ignored', reason: received.reason });
    }
    await runInbound(services, received);
    return reply.status(202).send({ status: received.duplicate ? 'duplicate' : 'accepted', communicationId: received.communicationId });
  });
}

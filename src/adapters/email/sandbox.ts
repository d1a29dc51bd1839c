import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { OutboxStore } from '../sms/outbox-store.js';
import { sandboxProviderId } from '../sms/sandbox-id.js';
import { buildEmail } from './build-email.js';
import { EmailFailureCode, EmailSendRequestSchema, InternalEmailRequestSchema, type EmailChannel, type EmailSendRequest, type EmailSendResult, type InternalEmailRequest } from './interface.js';
import { domainOf, messageIdFor } from './message-id.js';

export interface SandboxEmailOptions {
  outbox: OutboxStore;
  clock: Clock;
  messageIdDomain?: string;
}

/**
 * The default email channel: builds the same message the SMTP channel would (footer, Message-ID, RFC
 * 8058 headers) and records it in the outbox instead of sending it.
 */
export function createSandboxEmailChannel(o: SandboxEmailOptions): EmailChannel {
  return {
    name: 'sandbox',
    async send(msg: EmailSendRequest): Promise<Result<EmailSendResult, AppFailure>> {
      const parsed = EmailSendRequestSchema.safeParse(msg);
      if (!parsed.success) return failure(EmailFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const m = parsed.data;
      const built = buildEmail(m, o.messageIdDomain);
      await o.outbox.put({
        channel: 'email',
        idempotencyKey: m.idempotencyKey,
        providerId: sandboxProviderId('email', m.idempotencyKey),
        to: m.to,
        from: m.from,
        createdAt: o.clock.now(),
        payload: { subject: m.subject, replyTo: m.replyTo, text: built.text, ...(built.html ? { html: built.html } : {}), messageId: built.messageId, headers: built.headers },
      });
      return ok({ providerMessageId: built.messageId });
    },
    async sendInternal(msg: InternalEmailRequest): Promise<Result<EmailSendResult, AppFailure>> {
      const parsed = InternalEmailRequestSchema.safeParse(msg);
      if (!parsed.success) return failure(EmailFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const m = parsed.data;
      const messageId = messageIdFor(m.idempotencyKey, o.messageIdDomain ?? domainOf(m.from) ?? 'curb.invalid');
      await o.outbox.put({
        channel: 'email',
        idempotencyKey: m.idempotencyKey,
        providerId: sandboxProviderId('email', m.idempotencyKey),
        to: m.to,
        from: m.from,
        createdAt: o.clock.now(),
        payload: { subject: m.subject, text: m.text, messageId, internal: true },
      });
      return ok({ providerMessageId: messageId });
    },
  };
}

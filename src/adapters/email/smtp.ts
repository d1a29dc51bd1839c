import nodemailer from 'nodemailer';
import type { CircuitBreaker, CircuitStateChange } from '../../lib/circuit-breaker.js';
import { createCircuitBreaker } from '../../lib/circuit-breaker.js';
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { withRetry } from '../../lib/retry.js';
import { buildEmail } from './build-email.js';
import { EmailFailureCode, EmailSendRequestSchema, type EmailChannel, type EmailSendRequest, type EmailSendResult } from './interface.js';
import { classifySmtpError } from './smtp-errors.js';

export interface SmtpEmailOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. From `SMTP_URL`. */
  smtpUrl: string;
  clock: Clock;
  /** Domain of generated Message-IDs; default the From address's domain. */
  messageIdDomain?: string;
  /** Pooled connections (default 2) and per-connection timeouts, ms (default 20 s). */
  maxConnections?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  breaker?: CircuitBreaker;
  onCircuitStateChange?: (change: CircuitStateChange) => void;
  /** Extra transport options for tests (e.g. `{ ignoreTLS: true }`), merged last. */
  transportOverrides?: Record<string, unknown>;
}

export interface SmtpEmailChannel extends EmailChannel {
  /** Closes the pooled connections (call at shutdown). */
  close(): void;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Email over SMTP with nodemailer's pooled transport. Sets From, Reply-To (the conversation's reply
 * address), a Message-ID derived from the idempotency key, RFC 8058 List-Unsubscribe and
 * List-Unsubscribe-Post, and appends the postal footer. Sign with DKIM at the relay (both List-* headers
 * must be covered, R-EMAIL-1CLICK).
 *
 * @example
 * const email = createSmtpEmailChannel({ smtpUrl: env.SMTP_URL, clock: systemClock });
 */
export function createSmtpEmailChannel(o: SmtpEmailOptions): SmtpEmailChannel {
  const timeout = o.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({
    url: o.smtpUrl,
    pool: true,
    maxConnections: o.maxConnections ?? 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...o.transportOverrides,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const breaker =
    o.breaker ??
    createCircuitBreaker({
      name: 'email:smtp',
      failureThreshold: 3,
      coolDownMs: 60_000,
      clock: o.clock,
      openCode: EmailFailureCode.CircuitOpen,
      ...(o.onCircuitStateChange ? { onStateChange: o.onCircuitStateChange } : {}),
    });

  return {
    name: 'smtp',
    close: () => transport.close(),
    async send(msg: EmailSendRequest): Promise<Result<EmailSendResult, AppFailure>> {
      const parsed = EmailSendRequestSchema.safeParse(msg);
      if (!parsed.success) return failure(EmailFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      // RFC 8058: the one-click link must be https (Gmail and Yahoo ignore anything else).
      if (!parsed.data.listUnsubscribeUrl.startsWith('https://')) return failure(EmailFailureCode.InvalidRequest, 'listUnsubscribeUrl: must be an https URL (RFC 8058); set PUBLIC_URL to the https address of this server', false);
      const m = parsed.data;
      const built = buildEmail(m, o.messageIdDomain);
      const attempt = () =>
        breaker.execute(async (): Promise<Result<EmailSendResult, AppFailure>> => {
          try {
            await transport.sendMail({
              from: m.from,
              to: m.to,
              replyTo: m.replyTo,
              subject: m.subject,
              text: built.text,
              ...(built.html ? { html: built.html } : {}),
              messageId: built.messageId,
              headers: built.headers,
            });
            return ok({ providerMessageId: built.messageId });
          } catch (e) {
            return { ok: false, error: classifySmtpError(e) };
          }
        });
      return withRetry({
        attempt,
        retries: o.retries ?? 2,
        baseDelayMs: o.baseDelayMs ?? 1_000,
        maxDelayMs: o.maxDelayMs ?? 15_000,
        sleep: o.sleep ?? defaultSleep,
        ...(o.random ? { random: o.random } : {}),
        stopOn: [EmailFailureCode.CircuitOpen],
      });
    },
  };
}

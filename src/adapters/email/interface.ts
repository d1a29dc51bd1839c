/**
 * The email port. Every marketing email carries RFC 8058 one-click unsubscribe (COMPLIANCE.md E4,
 * R-EMAIL-1CLICK) and the sender's postal address (E1), so both are required fields of the request.
 */
import { z } from 'zod';
import type { AppFailure, Result } from '../../lib/result.js';

// RFC 8058 one-click: the URL must be https and work without login or cookies.
/** The sandbox accepts an http link (a laptop's PUBLIC_URL); every real channel requires https (E4). */
const unsubscribeUrl = z.url({ protocol: /^https?$/ });

/** Headers the channel owns; a caller may not set them through `headers`. */
export const RESERVED_EMAIL_HEADERS = ['from', 'to', 'reply-to', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post', 'content-type', 'mime-version'] as const;

export const EmailSendRequestSchema = z.object({
  to: z.email(),
  /** An address or `Display Name <address>`; the display name must honestly identify the sender (E1). */
  from: z.string().min(3),
  /** The per-conversation reply address (`replyAddressFor`), so replies thread to one owner. */
  replyTo: z.email(),
  subject: z.string().min(1).max(250),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
  /** The sender's postal address block, appended to the text (and HTML) body (CAN-SPAM, E1). */
  postalFooter: z.string().trim().min(5),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .refine((h) => Object.keys(h).every((k) => !(RESERVED_EMAIL_HEADERS as readonly string[]).includes(k.toLowerCase())), {
      message: `must not set ${RESERVED_EMAIL_HEADERS.join(', ')}`,
    }),
  listUnsubscribeUrl: unsubscribeUrl,
  /** Optional `mailto:` alternative (an address or a mailto: URL). */
  listUnsubscribeMailto: z.string().min(3).optional(),
  /** The touch's idempotency key; the Message-ID is derived from it so a resend is recognisable. */
  idempotencyKey: z.string().min(1).max(200),
});
export type EmailSendRequest = z.input<typeof EmailSendRequestSchema>;

export const EmailSendResultSchema = z.object({
  /** The RFC 5322 Message-ID, `<…@domain>`. */
  providerMessageId: z.string().min(1),
});
export type EmailSendResult = z.infer<typeof EmailSendResultSchema>;

export const EmailFailureCode = {
  /** SMTP 550/551/553 (unknown user, no such mailbox, bad address). Non-retryable; suppress the address. */
  InvalidRecipient: 'invalid_recipient',
  /** The provider holds an unsubscribe / do-not-disturb for the address (GoHighLevel Email DND). Non-retryable; record an opt-out. */
  RecipientOptedOut: 'recipient_opted_out',
  /** Other 5xx: a permanent refusal (policy, content, mailbox full). Non-retryable. */
  Rejected: 'rejected',
  /** SMTP 4xx: greylisting, rate limits, a full queue. Retryable. */
  TemporaryFailure: 'temporary_failure',
  /** SMTP 535 / auth refused. */
  Unauthorized: 'unauthorized',
  /** Cannot connect or the connection broke. Retryable. */
  Unavailable: 'unavailable',
  /** No answer in time. Retryable; a resend carries the same Message-ID. */
  Timeout: 'timeout',
  InvalidRequest: 'invalid_request',
  CircuitOpen: 'circuit_open',
} as const;
export type EmailFailureCode = (typeof EmailFailureCode)[keyof typeof EmailFailureCode];

export interface EmailChannel {
  readonly name: string;
  send(msg: EmailSendRequest): Promise<Result<EmailSendResult, AppFailure>>;
}

/**
 * The SMS port. A channel sends one text and answers a provider message id, or a failure whose code says
 * what the caller must do: `recipient_opted_out` is an opt-out (COMPLIANCE.md C1, Twilio 21610),
 * `invalid_recipient` suppresses the number, retryable codes go back to the scheduler.
 */
import { z } from 'zod';
import type { AppFailure, Result } from '../../lib/result.js';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +14075550123');

export const SmsSendRequestSchema = z.object({
  to: e164,
  body: z.string().min(1).max(1600),
  /** A specific sender; otherwise the channel picks one (Messaging Service or the sticky pool number). */
  from: e164.optional(),
  /** The touch's idempotency key (contact + step + day); the sandbox de-duplicates on it. */
  idempotencyKey: z.string().min(1).max(200),
  statusCallbackUrl: z.url().optional(),
  /**
   * Seconds the provider may queue the message before dropping it (R-TWILIO-VALIDITY): set it to at most
   * `windowEnd - now - 300s` so a queued text is never delivered in quiet hours. 1 to 36,000.
   */
  validityPeriodSeconds: z.number().int().min(1).max(36_000).optional(),
});
export type SmsSendRequest = z.infer<typeof SmsSendRequestSchema>;

/** Delivery states, normalised from Twilio's wider vocabulary (accepted, scheduled, sending, read…). */
export const SmsDeliveryStatusSchema = z.enum(['queued', 'sent', 'delivered', 'undelivered', 'failed']);
export type SmsDeliveryStatus = z.infer<typeof SmsDeliveryStatusSchema>;

export const SmsSendResultSchema = z.object({
  providerMessageId: z.string().min(1),
  /** The number (or Messaging Service SID, until Twilio picks a number) the text goes out from. */
  from: z.string().min(1),
  status: SmsDeliveryStatusSchema,
  segments: z.number().int().nonnegative().optional(),
  /** Positive cost in USD when the provider reports one at send time (Twilio usually reports it later). */
  priceUsd: z.number().nonnegative().optional(),
});
export type SmsSendResult = z.infer<typeof SmsSendResultSchema>;

/** Failure codes of every SMS channel. Callers switch on these, never on provider numbers. */
export const SmsFailureCode = {
  /** Twilio 21610: the recipient replied STOP to this sender. Non-retryable; the caller records an opt-out. */
  RecipientOptedOut: 'recipient_opted_out',
  /** Twilio 21211 / 21614 / 21217 and similar: not a valid (mobile) number. Non-retryable. */
  InvalidRecipient: 'invalid_recipient',
  /** Twilio 30007: the carrier filtered the message as spam. Tracked per sender number. */
  CarrierFiltering: 'carrier_filtering',
  /** Twilio 30003: handset unreachable (off, out of coverage). */
  Unreachable: 'unreachable',
  /** Twilio 30005: the number does not exist or is no longer in service. */
  UnknownDestination: 'unknown_destination',
  /** Twilio 30006: a landline or a carrier that cannot receive texts. */
  LandlineOrUnreachableCarrier: 'landline_or_unreachable_carrier',
  /** HTTP 429 / Twilio 20429 (too many requests) and 14107 (rate limit). Retryable. */
  RateLimited: 'rate_limited',
  /** 5xx or a connection error before the request left. Retryable. */
  Unavailable: 'unavailable',
  /**
   * No answer in time. Retryable, but ambiguous: the provider may have accepted the message, and Twilio
   * has no idempotency key, so the adapter does not resend on its own unless told to.
   */
  Timeout: 'timeout',
  /** 401 / Twilio 20003: wrong credentials. Non-retryable until config changes. */
  Unauthorized: 'unauthorized',
  /** Any other 4xx: our request is wrong (e.g. 21606 "from" is not an SMS-capable number). */
  Rejected: 'rejected',
  /** The request failed validation before reaching any provider. */
  InvalidRequest: 'invalid_request',
  /** The provider's circuit is open; nothing was sent. Retryable later. */
  CircuitOpen: 'circuit_open',
} as const;
export type SmsFailureCode = (typeof SmsFailureCode)[keyof typeof SmsFailureCode];

export interface SmsChannel {
  /** `sandbox`, `twilio`, `ghl`… stored on each touch. */
  readonly name: string;
  send(msg: SmsSendRequest): Promise<Result<SmsSendResult, AppFailure>>;
  /**
   * Crash recovery for providers without idempotency keys: the message to `to` with exactly `body`
   * created at or after `since`, if the provider accepted one; null when it did not. A failure means
   * "cannot tell" — the caller must not resend on it.
   */
  findSent?(q: { to: string; body: string; since: Date }): Promise<Result<SmsSendResult | null, AppFailure>>;
}

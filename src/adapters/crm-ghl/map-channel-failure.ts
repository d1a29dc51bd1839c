import type { AppFailure } from '../../lib/result.js';
import { EmailFailureCode } from '../email/interface.js';
import { SmsFailureCode } from '../sms/interface.js';
import { GhlFailureCode } from './interface.js';

export type GhlChannelKind = 'sms' | 'email' | 'voice';

// HighLevel answers a send to a contact with do-not-disturb on as 400 "Cannot send message as DND is
// active for SMS." (Email, Call, …). Other refusals only differ by their message text.
const DND = /\bDND\b|do not disturb/i;
const BAD_RECIPIENT = /invalid (phone|number|email)|not a valid (phone|number|mobile|email)|no (phone|email)|has no (phone|email)|phone number is (invalid|not)|email is invalid|bounced|unsubscribed/i;
const GONE_CONTACT = /contact (not found|does not exist|is deleted)/i;

/** True when HighLevel said the contact id is unknown: the cached id is stale. */
export function isGoneContact(f: AppFailure): boolean {
  return (f.code === GhlFailureCode.NotFound || f.code === GhlFailureCode.BadRequest) && GONE_CONTACT.test(f.message);
}

/**
 * A GoHighLevel failure in the words of Curb's SMS, email and voice ports (SmsFailureCode /
 * EmailFailureCode). The original code stays in `details.ghlCode`.
 */
export function mapGhlFailure(f: AppFailure, kind: GhlChannelKind): AppFailure {
  const details = { ...(typeof f.details === 'object' && f.details !== null ? f.details : {}), ghlCode: f.code };
  const as = (code: string, retry: boolean, extra: Record<string, unknown> = {}): AppFailure => ({ code, message: f.message, retry, details: { ...details, ...extra } });
  const email = kind === 'email';
  switch (f.code) {
    case GhlFailureCode.RateLimited:
    case GhlFailureCode.DailyBudgetExhausted:
      return as(email ? EmailFailureCode.TemporaryFailure : SmsFailureCode.RateLimited, true);
    case GhlFailureCode.Timeout:
      return as(SmsFailureCode.Timeout, true);
    case GhlFailureCode.Unavailable:
      return as(SmsFailureCode.Unavailable, true);
    case GhlFailureCode.CircuitOpen:
      return as(SmsFailureCode.CircuitOpen, true);
    case GhlFailureCode.Unauthorized:
    case GhlFailureCode.Forbidden:
      return as(SmsFailureCode.Unauthorized, false);
    case GhlFailureCode.InvalidInput:
      return as(SmsFailureCode.InvalidRequest, false);
    // A 2xx we could not read: the message may well be out, so it must not be sent again blindly.
    case GhlFailureCode.InvalidResponse:
      return as(SmsFailureCode.Rejected, false, { ambiguous: true });
    default:
      if (DND.test(f.message)) return as(email ? EmailFailureCode.RecipientOptedOut : SmsFailureCode.RecipientOptedOut, false);
      if (BAD_RECIPIENT.test(f.message) || isGoneContact(f)) return as(SmsFailureCode.InvalidRecipient, false);
      return as(SmsFailureCode.Rejected, false);
  }
}

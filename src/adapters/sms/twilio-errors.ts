/**
 * Twilio's numeric error codes mapped to our failure codes, in one place for SMS and voice. Twilio
 * answers REST errors as `{ code, message, more_info, status }`; the SDK throws them as RestException.
 * https://www.twilio.com/docs/api/errors
 */
import type { AppFailure } from '../../lib/result.js';
import { SmsFailureCode } from './interface.js';

interface CodeRule {
  code: SmsFailureCode;
  retry: boolean;
}

const BY_TWILIO_CODE: Record<number, CodeRule> = {
  21610: { code: SmsFailureCode.RecipientOptedOut, retry: false },
  21211: { code: SmsFailureCode.InvalidRecipient, retry: false },
  21614: { code: SmsFailureCode.InvalidRecipient, retry: false },
  21217: { code: SmsFailureCode.InvalidRecipient, retry: false },
  21401: { code: SmsFailureCode.InvalidRecipient, retry: false },
  13224: { code: SmsFailureCode.InvalidRecipient, retry: false },
  30007: { code: SmsFailureCode.CarrierFiltering, retry: false },
  30003: { code: SmsFailureCode.Unreachable, retry: false },
  30005: { code: SmsFailureCode.UnknownDestination, retry: false },
  30006: { code: SmsFailureCode.LandlineOrUnreachableCarrier, retry: false },
  20429: { code: SmsFailureCode.RateLimited, retry: true },
  14107: { code: SmsFailureCode.RateLimited, retry: true },
  20003: { code: SmsFailureCode.Unauthorized, retry: false },
  20500: { code: SmsFailureCode.Unavailable, retry: true },
  20503: { code: SmsFailureCode.Unavailable, retry: true },
};

/** Delivery-error codes (status callbacks) we count per sender, because they signal a burning number. */
export const TRACKED_DELIVERY_CODES: ReadonlySet<number> = new Set([30003, 30005, 30006, 30007]);

/** Failure for a Twilio error code seen outside a REST answer, e.g. `ErrorCode` of a status callback. */
export function twilioCodeFailure(twilioCode: number, message = `Twilio error ${twilioCode}`): AppFailure {
  const rule = BY_TWILIO_CODE[twilioCode];
  return rule
    ? { code: rule.code, message, retry: rule.retry, details: { twilioCode } }
    : { code: SmsFailureCode.Rejected, message, retry: false, details: { twilioCode } };
}

/** Failure for an HTTP error answer: the Twilio code decides first, then the HTTP status. */
export function twilioHttpFailure(status: number, twilioCode: number | undefined, message: string, moreInfo?: string): AppFailure {
  const details = { status, ...(twilioCode === undefined ? {} : { twilioCode }), ...(moreInfo ? { moreInfo } : {}) };
  const rule = twilioCode === undefined ? undefined : BY_TWILIO_CODE[twilioCode];
  if (rule) return { code: rule.code, message, retry: rule.retry, details };
  if (status === 429) return { code: SmsFailureCode.RateLimited, message, retry: true, details };
  if (status >= 500) return { code: SmsFailureCode.Unavailable, message, retry: true, details };
  if (status === 401 || status === 403) return { code: SmsFailureCode.Unauthorized, message, retry: false, details };
  return { code: SmsFailureCode.Rejected, message, retry: false, details };
}

// Errors raised before any byte reached Twilio: a retry cannot cause a duplicate text.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/**
 * Maps whatever the Twilio SDK threw to a failure. `details.ambiguous` is true when the request may have
 * reached Twilio (timeout, reset connection): resending could text the owner twice.
 */
export function classifyTwilioError(e: unknown): AppFailure {
  const x = e as { status?: unknown; code?: unknown; message?: unknown; moreInfo?: unknown } | undefined;
  const message = typeof x?.message === 'string' ? x.message : String(e);
  if (typeof x?.status === 'number') {
    return twilioHttpFailure(x.status, typeof x.code === 'number' ? x.code : undefined, message, typeof x.moreInfo === 'string' ? x.moreInfo : undefined);
  }
  const sysCode = typeof x?.code === 'string' ? x.code : undefined;
  if (sysCode && TIMED_OUT.has(sysCode)) return { code: SmsFailureCode.Timeout, message, retry: true, details: { cause: sysCode, ambiguous: true } };
  if (sysCode && NEVER_SENT.has(sysCode)) return { code: SmsFailureCode.Unavailable, message, retry: true, details: { cause: sysCode, ambiguous: false } };
  return { code: SmsFailureCode.Unavailable, message, retry: true, details: { cause: sysCode ?? 'unknown', ambiguous: true } };
}

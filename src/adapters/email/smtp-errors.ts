import type { AppFailure } from '../../lib/result.js';
import { EmailFailureCode } from './interface.js';

/**
 * Maps a nodemailer error to a failure: SMTP 4xx are temporary (retry), 5xx permanent; 550/551/553 mean
 * the mailbox does not exist, which suppresses the address.
 */
export function classifySmtpError(e: unknown): AppFailure {
  const x = e as { responseCode?: unknown; code?: unknown; message?: unknown; response?: unknown } | undefined;
  const message = typeof x?.message === 'string' ? x.message : String(e);
  const responseCode = typeof x?.responseCode === 'number' ? x.responseCode : undefined;
  const code = typeof x?.code === 'string' ? x.code : undefined;
  const details = { ...(responseCode === undefined ? {} : { responseCode }), ...(code ? { smtpCode: code } : {}), ...(typeof x?.response === 'string' ? { response: x.response } : {}) };
  if (responseCode !== undefined) {
    if (responseCode === 535 || responseCode === 530 || code === 'EAUTH') return { code: EmailFailureCode.Unauthorized, message, retry: false, details };
    if (responseCode >= 400 && responseCode < 500) return { code: EmailFailureCode.TemporaryFailure, message, retry: true, details };
    if ([550, 551, 553].includes(responseCode)) return { code: EmailFailureCode.InvalidRecipient, message, retry: false, details };
    return { code: EmailFailureCode.Rejected, message, retry: false, details };
  }
  if (code === 'EAUTH') return { code: EmailFailureCode.Unauthorized, message, retry: false, details };
  if (code === 'ETIMEDOUT') return { code: EmailFailureCode.Timeout, message, retry: true, details };
  return { code: EmailFailureCode.Unavailable, message, retry: true, details };
}

import { normalizePhone } from '../../domain/leads/normalize-phone.js';
import { AppError, ErrorCode } from '../../lib/errors.js';

/** E.164 for a US-default phone number, or a validation error naming the field. */
export function normalizeContactPhone(raw: string, field = 'phone'): string {
  const r = normalizePhone(raw);
  if (!r.ok) {
    throw new AppError(ErrorCode.ValidationFailed, `invalid ${field}: ${JSON.stringify(raw)} — ${r.reason}`, {
      issues: [{ path: field, message: r.reason }],
    });
  }
  return r.e164;
}

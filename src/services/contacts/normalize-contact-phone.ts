import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError, ErrorCode } from '../../lib/errors.js';

/** E.164 for a US-default phone number, or a validation error naming the field. */
export function normalizeContactPhone(raw: string, field = 'phone'): string {
  const parsed = parsePhoneNumberFromString(raw, 'US');
  if (!parsed || !parsed.isValid()) {
    throw new AppError(ErrorCode.ValidationFailed, `invalid ${field}: ${JSON.stringify(raw)} is not a valid phone number`, {
      issues: [{ path: field, message: 'not a valid phone number' }],
    });
  }
  return parsed.number;
}

import { decide } from '../../domain/compliance/decide.js';
import type { Decision } from '../../domain/compliance/decision.js';
import { parseSituation } from '../../domain/compliance/situation.js';
import { AppError, ErrorCode } from '../../lib/errors.js';

/**
 * Validates an untrusted situation (CLI input, HTTP body) and decides it. The CLI and the API both come through
 * here, so they give identical decisions. A malformed situation is a validation error naming every bad field.
 *
 * @example checkSituation({ at: '2025-06-10T15:00:00Z', channel: 'sms', to: '+14075551234' }).decision
 */
export function checkSituation(input: unknown): Decision {
  const parsed = parseSituation(input);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    throw new AppError(ErrorCode.ValidationFailed, `invalid situation: ${first.path}: ${first.message}`, { issues: parsed.issues });
  }
  return decide(parsed.situation);
}

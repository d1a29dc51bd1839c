import twilio from 'twilio';

export interface VerifyTwilioSignatureOptions {
  authToken: string;
  /** The full public URL Twilio called, exactly as configured (scheme, host, path and query). */
  url: string;
  /** The POSTed form fields. */
  params: Record<string, string>;
  /** The `X-Twilio-Signature` header; a missing header never verifies. */
  signature: string | undefined;
}

/**
 * Checks a webhook's `X-Twilio-Signature` with the SDK's own `validateRequest` (HMAC-SHA1 over the URL
 * and the sorted params, compared in constant time), so every Twilio webhook is authenticated.
 */
export function verifyTwilioSignature(o: VerifyTwilioSignatureOptions): boolean {
  if (!o.signature) return false;
  return twilio.validateRequest(o.authToken, o.signature, o.url, o.params);
}

/** The signature Twilio would send for these params (for tests and the local Twilio server). */
export function twilioSignatureFor(o: Omit<VerifyTwilioSignatureOptions, 'signature'>): string {
  return twilio.getExpectedTwilioSignature(o.authToken, o.url, o.params);
}

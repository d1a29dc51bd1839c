import { verify } from 'node:crypto';

export interface VerifyGhlSignatureOptions {
  /** The exact bytes received, before any JSON parsing: re-serialising changes them. */
  rawBody: Buffer | string;
  /** The `x-wh-signature` header: base64 RSA-SHA256 (PKCS#1 v1.5) over the raw body. */
  signature: string | undefined | null;
  /** HighLevel's published webhook public key (PEM). */
  publicKeyPem: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * True only for a delivery signed by the holder of the key. A missing, garbled or wrongly-keyed
 * signature, or an unreadable key, is `false`, never an exception.
 *
 * @example
 * if (!verifyGhlSignature({ rawBody, signature: req.headers['x-wh-signature'], publicKeyPem })) reply.code(401);
 */
export function verifyGhlSignature({ rawBody, signature, publicKeyPem }: VerifyGhlSignatureOptions): boolean {
  const sig = signature?.trim();
  if (!sig || !BASE64.test(sig) || !publicKeyPem) return false;
  try {
    const data = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
    return verify('sha256', data, publicKeyPem, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

import { randomBytes, randomUUID } from 'node:crypto';

/** Primary keys are UUIDs generated in the application so batch inserts need no round trip. */
export function newId(): string {
  return randomUUID();
}

/** A URL-safe random token (API keys, unsubscribe tokens). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

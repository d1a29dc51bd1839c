import { createHash } from 'node:crypto';

/** A sandbox provider id: `SB` + 32 hex digits, stable for a channel and idempotency key (like Twilio's `SM…`). */
export function sandboxProviderId(channel: string, idempotencyKey: string): string {
  return `SB${createHash('sha256').update(`${channel}\u0000${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

import { createHash } from 'node:crypto';

/**
 * The Message-ID for a touch: a hash of its idempotency key, so a resend of the same touch carries the
 * same Message-ID and receiving servers (and our inbound threading) recognise it as the same message.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain.toLowerCase()}>`;
}

/** The domain part of `Name <user@domain>` or `user@domain`. */
export function domainOf(address: string): string | undefined {
  const bare = /<([^>]+)>/.exec(address)?.[1] ?? address.trim();
  const at = bare.lastIndexOf('@');
  return at > 0 ? bare.slice(at + 1) : undefined;
}

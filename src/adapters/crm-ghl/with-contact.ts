import type { AppFailure, Result } from '../../lib/result.js';
import { isGoneContact } from './map-channel-failure.js';
import type { GhlContactResolver, GhlRecipient } from './resolve-contact.js';

/**
 * Runs `fn` with the recipient's HighLevel contact id. When HighLevel says the (cached) contact is gone
 * (merged or deleted), the id is looked up once more and `fn` runs again: the first call had no effect.
 */
export async function withGhlContact<T>(resolver: GhlContactResolver, recipient: GhlRecipient, fn: (contactId: string) => Promise<Result<T, AppFailure>>): Promise<Result<T, AppFailure>> {
  for (let attempt = 0; ; attempt++) {
    const id = await resolver.resolve(recipient);
    if (!id.ok) return id;
    const r = await fn(id.value);
    if (r.ok || attempt > 0 || !isGoneContact(r.error)) return r;
    resolver.forget(recipient);
  }
}

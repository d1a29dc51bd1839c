import type { Clock } from '../../lib/clock.js';
import { ok, type AppFailure, type Result } from '../../lib/result.js';
import type { GhlClient } from './interface.js';

/** A phone number (E.164) or an email address: the way Curb's channels name a recipient. */
export type GhlRecipient = { phone: string } | { email: string };

export interface GhlContactResolver {
  /** The HighLevel contact id of a recipient: from the cache, the duplicate search, or a new contact. */
  resolve(recipient: GhlRecipient): Promise<Result<string, AppFailure>>;
  /** Drops a cached id, e.g. after HighLevel said the contact no longer exists. */
  forget(recipient: GhlRecipient): void;
}

export interface CreateGhlContactResolverOptions {
  client: Pick<GhlClient, 'findContact' | 'upsertContact'>;
  clock: Clock;
  /** How long an id is trusted (default 6 h): contacts are merged or deleted in HighLevel now and then. */
  ttlMs?: number;
  /** Most ids kept; the least recently used goes first (default 10,000). */
  maxEntries?: number;
  /** Create a contact HighLevel does not know (default true); otherwise the lookup answers not_found. */
  create?: boolean;
}

const keyOf = (r: GhlRecipient): string => ('phone' in r ? `p:${r.phone.trim()}` : `e:${r.email.trim().toLowerCase()}`);

/**
 * Maps Curb's recipients to HighLevel contact ids with a small LRU cache, so a campaign of many touches
 * costs one lookup per owner, not one per message. Concurrent lookups of one recipient share one request.
 *
 * @example
 * const contacts = createGhlContactResolver({ client: ghl, clock: systemClock });
 * const id = await contacts.resolve({ phone: '+14075550123' });
 */
export function createGhlContactResolver(o: CreateGhlContactResolverOptions): GhlContactResolver {
  const ttlMs = o.ttlMs ?? 6 * 3_600_000;
  const maxEntries = o.maxEntries ?? 10_000;
  const create = o.create ?? true;
  const cache = new Map<string, { id: string; expiresAt: number }>();
  const inflight = new Map<string, Promise<Result<string, AppFailure>>>();

  const lookup = async (r: GhlRecipient): Promise<Result<string, AppFailure>> => {
    const found = await o.client.findContact('phone' in r ? { phone: r.phone } : { email: r.email });
    if (!found.ok) return found;
    if (found.value) return ok(found.value.id);
    if (!create) return { ok: false, error: { code: 'not_found', message: `GoHighLevel has no contact for ${'phone' in r ? r.phone : r.email}`, retry: false } };
    const made = await o.client.upsertContact('phone' in r ? { phone: r.phone } : { email: r.email });
    return made.ok ? ok(made.value.contact.id) : made;
  };

  return {
    async resolve(r) {
      const key = keyOf(r);
      const now = o.clock.now().getTime();
      const hit = cache.get(key);
      if (hit && hit.expiresAt > now) {
        cache.delete(key);
        cache.set(key, hit);
        return ok(hit.id);
      }
      const pending = inflight.get(key);
      if (pending) return pending;
      const p = lookup(r).then((res) => {
        inflight.delete(key);
        if (res.ok) {
          cache.delete(key);
          cache.set(key, { id: res.value, expiresAt: o.clock.now().getTime() + ttlMs });
          while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
        }
        return res;
      });
      inflight.set(key, p);
      return p;
    },
    forget(r) {
      cache.delete(keyOf(r));
    },
  };
}

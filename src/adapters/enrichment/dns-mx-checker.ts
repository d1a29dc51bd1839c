import { promises as dns, type MxRecord } from 'node:dns';
import { systemClock, type Clock } from '../../lib/clock.js';
import type { MxCheckResult, MxChecker, MxStatus } from './interface.js';

export interface DnsMxCheckerOptions {
  /** Injected for tests; default `dns.promises.resolveMx`. */
  resolveMx?: (domain: string) => Promise<MxRecord[]>;
  /** A domain's address records, for the implicit MX of a domain without MX records (RFC 5321 §5.1). Default A, then AAAA. */
  resolveAddress?: (domain: string) => Promise<string[]>;
  /**
   * A domain that certainly has MX records (default `gmail.com`). "No such domain" is believed only when the
   * resolver finds this one: a machine without network often gets NXDOMAIN for every name, and an owner's
   * email must not turn invalid because the laptop is offline.
   */
  probeDomain?: string;
  /** Per lookup. Default 3,000 ms. */
  timeoutMs?: number;
  /** How long an ok/missing answer is reused. Default 24 h. */
  ttlMs?: number;
  /** How long an `unknown` is reused, so an outage does not turn every row into a DNS query. Default 60 s. */
  unknownTtlMs?: number;
  /** Entries kept before the oldest are dropped. Default 50,000. */
  maxEntries?: number;
  clock?: Clock;
}

/** "No such domain": believed only when the resolver answers for the probe domain. */
const NO_DOMAIN = new Set(['ENOTFOUND', 'NXDOMAIN']);
/** The domain exists but has no MX records: its address records, if any, are its mail exchanger. */
const NO_RECORDS = 'ENODATA';

async function addressRecords(domain: string): Promise<string[]> {
  try {
    return await dns.resolve4(domain);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== NO_RECORDS) throw e;
    return dns.resolve6(domain);
  }
}

/**
 * MX checker on Node's resolver, with a timeout, a TTL cache and one in-flight lookup per domain
 * (a list with 5,000 gmail.com addresses asks DNS once). `missing` only on an answer DNS really gave: no such
 * domain (while the resolver finds the probe domain), a null MX, or neither MX nor address records.
 */
export function createDnsMxChecker(options: DnsMxCheckerOptions = {}): MxChecker {
  const resolveMx = options.resolveMx ?? ((d: string) => dns.resolveMx(d));
  const resolveAddress = options.resolveAddress ?? addressRecords;
  const probeDomain = options.probeDomain ?? 'gmail.com';
  const timeoutMs = options.timeoutMs ?? 3_000;
  const ttlMs = options.ttlMs ?? 86_400_000;
  const unknownTtlMs = options.unknownTtlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 50_000;
  const clock = options.clock ?? systemClock;
  const cache = new Map<string, { result: Omit<MxCheckResult, 'cached'>; expires: number }>();
  const inFlight = new Map<string, Promise<Omit<MxCheckResult, 'cached'>>>();

  async function withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out`), { code: 'ETIMEOUT' })), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // Whether the resolver answers truthfully: the probe domain's MX, asked at most once a minute.
  let health: { ok: boolean; expires: number } | undefined;
  let healthInFlight: Promise<boolean> | undefined;
  async function resolverWorks(): Promise<boolean> {
    const now = clock.now().getTime();
    if (health && health.expires > now) return health.ok;
    healthInFlight ??= withTimeout('MX lookup', resolveMx(probeDomain))
      .then((records) => records.length > 0, () => false)
      .then((ok) => {
        health = { ok, expires: clock.now().getTime() + unknownTtlMs };
        return ok;
      })
      .finally(() => {
        healthInFlight = undefined;
      });
    return healthInFlight;
  }

  const failed = (domain: string, status: MxStatus, e: unknown): Omit<MxCheckResult, 'cached'> => {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return { domain, status, reason: code ? `${code}: ${(e as Error).message}` : (e as Error).message };
  };

  async function lookup(domain: string): Promise<Omit<MxCheckResult, 'cached'>> {
    try {
      const records = await withTimeout('MX lookup', resolveMx(domain));
      const exchanges = [...records].sort((a, b) => a.priority - b.priority).map((r) => r.exchange);
      // RFC 7505 null MX: a single record with an empty exchange says "this domain takes no mail".
      if (exchanges.length === 0 || (exchanges.length === 1 && (exchanges[0] === '' || exchanges[0] === '.'))) {
        return { domain, status: 'missing', reason: 'domain publishes no mail exchanger' };
      }
      return { domain, status: 'ok', exchanges };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (NO_DOMAIN.has(code)) return failed(domain, (await resolverWorks()) ? 'missing' : 'unknown', e);
      if (code !== NO_RECORDS) return failed(domain, 'unknown', e);
      // No MX records: mail goes to the domain's own address, when it has one (RFC 5321 §5.1).
      try {
        const addresses = await withTimeout('address lookup', resolveAddress(domain));
        return addresses.length > 0 ? { domain, status: 'ok', exchanges: [domain] } : { domain, status: 'missing', reason: 'domain has no MX and no address' };
      } catch (a) {
        return failed(domain, (a as NodeJS.ErrnoException).code === NO_RECORDS ? 'missing' : 'unknown', a);
      }
    }
  }

  return {
    async check(rawDomain: string): Promise<MxCheckResult> {
      const domain = rawDomain.trim().toLowerCase().replace(/\.$/, '');
      const now = clock.now().getTime();
      const hit = cache.get(domain);
      if (hit && hit.expires > now) return { ...hit.result, cached: true };
      let pending = inFlight.get(domain);
      if (!pending) {
        pending = lookup(domain).finally(() => inFlight.delete(domain));
        inFlight.set(domain, pending);
      }
      const result = await pending;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(domain, { result, expires: clock.now().getTime() + (result.status === 'unknown' ? unknownTtlMs : ttlMs) });
      return { ...result, cached: false };
    },
  };
}

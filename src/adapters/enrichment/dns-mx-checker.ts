import { promises as dns, type MxRecord } from 'node:dns';
import { systemClock, type Clock } from '../../lib/clock.js';
import type { MxCheckResult, MxChecker, MxStatus } from './interface.js';

export interface DnsMxCheckerOptions {
  /** Injected for tests; default `dns.promises.resolveMx`. */
  resolveMx?: (domain: string) => Promise<MxRecord[]>;
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

/** DNS answers that mean the domain cannot receive mail. Everything else is "could not tell". */
const MISSING = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * MX checker on Node's resolver, with a timeout, a TTL cache and one in-flight lookup per domain
 * (a list with 5,000 gmail.com addresses asks DNS once).
 */
export function createDnsMxChecker(options: DnsMxCheckerOptions = {}): MxChecker {
  const resolveMx = options.resolveMx ?? ((d: string) => dns.resolveMx(d));
  const timeoutMs = options.timeoutMs ?? 3_000;
  const ttlMs = options.ttlMs ?? 86_400_000;
  const unknownTtlMs = options.unknownTtlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 50_000;
  const clock = options.clock ?? systemClock;
  const cache = new Map<string, { result: Omit<MxCheckResult, 'cached'>; expires: number }>();
  const inFlight = new Map<string, Promise<Omit<MxCheckResult, 'cached'>>>();

  async function lookup(domain: string): Promise<Omit<MxCheckResult, 'cached'>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('MX lookup timed out'), { code: 'ETIMEOUT' })), timeoutMs);
    });
    try {
      const records = await Promise.race([resolveMx(domain), timeout]);
      const exchanges = [...records].sort((a, b) => a.priority - b.priority).map((r) => r.exchange);
      // RFC 7505 null MX: a single record with an empty exchange says "this domain takes no mail".
      if (exchanges.length === 0 || (exchanges.length === 1 && (exchanges[0] === '' || exchanges[0] === '.'))) {
        return { domain, status: 'missing', reason: 'domain publishes no mail exchanger' };
      }
      return { domain, status: 'ok', exchanges };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      const status: MxStatus = MISSING.has(code) ? 'missing' : 'unknown';
      return { domain, status, reason: code ? `${code}: ${(e as Error).message}` : (e as Error).message };
    } finally {
      clearTimeout(timer);
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

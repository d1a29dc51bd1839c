import type { MxRecord } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { createDnsMxChecker } from './dns-mx-checker.js';
import { createFakeMxChecker } from './fake-mx-checker.js';

const err = (code: string) => Object.assign(new Error(code), { code });

describe('createDnsMxChecker', () => {
  it('orders exchanges by preference', async () => {
    const c = createDnsMxChecker({ resolveMx: async () => [{ exchange: 'b.mx.example', priority: 20 }, { exchange: 'a.mx.example', priority: 10 }] });
    expect(await c.check('Example.COM.')).toEqual({ domain: 'example.com', status: 'ok', exchanges: ['a.mx.example', 'b.mx.example'], cached: false });
  });
  // A resolver that knows the probe domain and answers `codes[domain]` for the others.
  const resolver = (codes: Record<string, string>) => async (domain: string): Promise<MxRecord[]> => {
    if (domain === 'probe.example') return [{ exchange: 'mx.probe.example', priority: 5 }];
    throw err(codes[domain] ?? 'ENOTFOUND');
  };
  it('NXDOMAIN, a null MX, and neither MX nor address records are missing', async () => {
    const online = { probeDomain: 'probe.example', resolveMx: resolver({ 'nope.example': 'ENOTFOUND', 'nomx.example': 'ENODATA' }) };
    expect((await createDnsMxChecker(online).check('nope.example')).status).toBe('missing');
    expect((await createDnsMxChecker({ ...online, resolveAddress: async () => Promise.reject(err('ENODATA')) }).check('nomx.example')).status).toBe('missing');
    expect((await createDnsMxChecker({ resolveMx: async () => [{ exchange: '', priority: 0 }] }).check('null.example')).status).toBe('missing');
  });
  it('a domain without MX records takes mail at its own address (implicit MX)', async () => {
    const c = createDnsMxChecker({ probeDomain: 'probe.example', resolveMx: resolver({ 'a-only.example': 'ENODATA' }), resolveAddress: async () => ['192.0.2.10'] });
    expect(await c.check('a-only.example')).toEqual({ domain: 'a-only.example', status: 'ok', exchanges: ['a-only.example'], cached: false });
  });
  it('"no such domain" from a resolver that cannot find the probe domain either is unknown (offline)', async () => {
    let probes = 0;
    const clock = fixedClock('2026-03-02T12:00:00Z');
    const c = createDnsMxChecker({
      clock,
      probeDomain: 'probe.example',
      resolveMx: async (domain) => {
        if (domain === 'probe.example') probes++;
        throw err('ENOTFOUND');
      },
    });
    expect(await c.check('gmail.com')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('ENOTFOUND') });
    expect((await c.check('yahoo.com')).status).toBe('unknown');
    // The resolver's health is asked once a minute, not once per domain.
    expect(probes).toBe(1);
  });
  it('offline, refused, server failure and timeouts are unknown, never invalid', async () => {
    for (const code of ['ECONNREFUSED', 'ETIMEOUT', 'ESERVFAIL', 'EAI_AGAIN']) {
      expect((await createDnsMxChecker({ resolveMx: async () => Promise.reject(err(code)) }).check('x.example')).status).toBe('unknown');
    }
    const slow = createDnsMxChecker({ timeoutMs: 20, resolveMx: () => new Promise<MxRecord[]>(() => {}) });
    expect(await slow.check('slow.example')).toMatchObject({ status: 'unknown', reason: 'ETIMEOUT: MX lookup timed out' });
  });
  it('caches answers for the TTL, unknowns briefly, and shares one lookup per domain', async () => {
    const clock = fixedClock('2026-03-02T12:00:00Z');
    let calls = 0;
    let fail = true;
    const c = createDnsMxChecker({
      clock,
      ttlMs: 1_000,
      unknownTtlMs: 100,
      resolveMx: async () => {
        calls++;
        if (fail) throw err('ECONNREFUSED');
        return [{ exchange: 'mx.example', priority: 1 }];
      },
    });
    await Promise.all([c.check('a.example'), c.check('a.example'), c.check('a.example')]);
    expect(calls).toBe(1);
    expect(await c.check('a.example')).toMatchObject({ status: 'unknown', cached: true });
    fail = false;
    clock.advance(101);
    expect(await c.check('a.example')).toMatchObject({ status: 'ok', cached: false });
    clock.advance(999);
    expect(await c.check('a.example')).toMatchObject({ status: 'ok', cached: true });
    expect(calls).toBe(2);
  });
});

describe('createFakeMxChecker', () => {
  it('answers as told and unknown otherwise', async () => {
    const f = createFakeMxChecker({ 'example.com': 'ok' });
    expect((await f.check('Example.com')).status).toBe('ok');
    expect((await f.check('other.com')).status).toBe('unknown');
    expect(f.calls).toEqual(['example.com', 'other.com']);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { createFileCacheStore } from './cache-store.js';
import { createPoliteFetcher, type PoliteFetcherOptions } from './polite-fetcher.js';

// A tiny local site: robots.txt rules, normal pages, a flaky page, a CAPTCHA page.
let server: Server;
let origin = '';
const hits: string[] = [];
const state = { robots: 'User-agent: *\nDisallow: /private/\nAllow: /private/open\n\nUser-agent: Curb\nDisallow: /no-curb/\nAllow: /\n', robotsStatus: 200, flaky: 0 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(`${path}|${req.headers['user-agent'] ?? ''}`);
    if (path === '/robots.txt') {
      res.writeHead(state.robotsStatus, { 'Content-Type': 'text/plain' });
      return res.end(state.robotsStatus === 200 ? state.robots : 'err');
    }
    if (path === '/flaky' && state.flaky > 0) {
      state.flaky--;
      res.writeHead(503);
      return res.end('busy');
    }
    if (path === '/captcha') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<html><body><form action="/ssweb/checkHuman"><div class="g-recaptcha"></div></form></body></html>');
    }
    if (path === '/cf') {
      res.writeHead(403, { 'Content-Type': 'text/html' });
      return res.end('<html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/x.js"></script></body></html>');
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<html><body>page ${path}</body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  hits.length = 0;
  state.robotsStatus = 200;
  state.flaky = 0;
});

const UA = 'Curb/0.1 (+mailto:ops@example.invalid)';
const make = (extra: Partial<PoliteFetcherOptions> = {}) =>
  createPoliteFetcher({ userAgent: UA, minIntervalMs: 0, baseDelayMs: 1, timeoutMs: 500, clock: fixedClock('2025-01-01T00:00:00Z'), sleep: async () => {}, ...extra });

describe('polite fetcher', () => {
  it('reads robots.txt once per host and sends its User-Agent', async () => {
    const web = make();
    expect((await web.get(`${origin}/a`)).ok).toBe(true);
    expect((await web.get(`${origin}/b`)).ok).toBe(true);
    expect(hits.filter((h) => h.startsWith('/robots.txt'))).toHaveLength(1);
    expect(hits.every((h) => h.endsWith(UA))).toBe(true);
  });

  it('never fetches a disallowed path: for our agent group, and Allow overrides', async () => {
    const web = make();
    const r = await web.get(`${origin}/no-curb/page`);
    expect(r).toMatchObject({ ok: false, error: { code: 'disallowed_by_robots', retry: false } });
    expect(hits.some((h) => h.startsWith('/no-curb'))).toBe(false);
    // The * group does not apply to Curb when a Curb group exists (RFC 9309).
    expect((await web.get(`${origin}/private/x`)).ok).toBe(true);
    const other = make({ userAgent: 'OtherBot/1.0', agentToken: 'OtherBot' });
    expect(await other.get(`${origin}/private/x`)).toMatchObject({ ok: false, error: { code: 'disallowed_by_robots' } });
    expect((await other.get(`${origin}/private/open`)).ok).toBe(true);
  });

  it.each([400, 401, 403, 404, 410])('treats a robots.txt answering %i as "unavailable": no rules, everything allowed', async (status) => {
    state.robotsStatus = status;
    const r = await make().get(`${origin}/private/x`);
    expect(r.ok).toBe(true);
    expect(hits.filter((h) => h.startsWith('/private/x|'))).toHaveLength(1);
  });

  it('reports a 5xx robots.txt as unreachable with its status, fetches nothing, and keeps saying so (never "disallowed")', async () => {
    state.robotsStatus = 503;
    const clock = fixedClock('2025-01-01T00:00:00Z');
    const web = make({ clock });
    const unreachable = { ok: false, error: { code: 'robots_unreachable', retry: true, details: { status: 503, robotsUrl: `${origin}/robots.txt` } } };
    expect(await web.get(`${origin}/x`)).toMatchObject(unreachable);
    // Within the back-off window the cached answer is the same reason, not the site's rule.
    expect(await web.get(`${origin}/y`)).toMatchObject(unreachable);
    expect(hits.filter((h) => !h.startsWith('/robots.txt'))).toEqual([]);
    // Asked again later; once it answers, pages are fetched.
    state.robotsStatus = 200;
    clock.advance(11 * 60_000);
    expect((await web.get(`${origin}/y`)).ok).toBe(true);
  });

  it('treats a 429 robots.txt like a 5xx: slow down, fetch nothing', async () => {
    state.robotsStatus = 429;
    expect(await make().get(`${origin}/x`)).toMatchObject({ ok: false, error: { code: 'robots_unreachable', retry: true, details: { status: 429 } } });
    expect(hits.filter((h) => h.startsWith('/x|'))).toHaveLength(0);
  });

  it('reports a robots.txt that does not answer as unreachable, naming the failure', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await make().get(`http://127.0.0.1:${port}/x`);
    expect(r).toMatchObject({ ok: false, error: { code: 'robots_unreachable', retry: true, details: { cause: 'network_error' } } });
  });

  it('stops at a CAPTCHA or challenge page and never retries it', async () => {
    const web = make();
    expect(await web.get(`${origin}/captcha`)).toMatchObject({ ok: false, error: { code: 'bot_check', retry: false } });
    expect(await web.get(`${origin}/cf`)).toMatchObject({ ok: false, error: { code: 'bot_check', retry: false } });
    expect(hits.filter((h) => h.startsWith('/captcha') || h.startsWith('/cf'))).toHaveLength(2);
  });

  it('retries a 503 with backoff', async () => {
    state.flaky = 2;
    const delays: number[] = [];
    const r = await make({ baseDelayMs: 5, sleep: async (ms) => void delays.push(ms) }).get(`${origin}/flaky`);
    expect(r.ok && r.value.body).toContain('page /flaky');
    expect(delays).toEqual([5, 10]);
  });

  it('spaces requests to one host by the minimum interval', async () => {
    const waits: number[] = [];
    const web = make({ minIntervalMs: 5_000, sleep: async (ms) => void waits.push(ms) });
    await web.get(`${origin}/1`);
    await web.get(`${origin}/2`);
    // robots.txt, /1, /2: the two page requests each waited for nearly the whole interval.
    expect(waits.filter((w) => w > 4_000)).toHaveLength(2);
  });

  it('serves from the cache until the TTL passes (file-backed store)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'curb-cache-'));
    try {
      const clock = fixedClock('2025-01-01T00:00:00Z');
      const web = make({ clock, cacheTtlMs: 60_000, cache: createFileCacheStore({ dir }) });
      const a = await web.get(`${origin}/cached`);
      const b = await web.get(`${origin}/cached`);
      expect(a.ok && a.value.fromCache).toBe(false);
      expect(b.ok && b.value.fromCache).toBe(true);
      clock.advance(61_000);
      const c = await web.get(`${origin}/cached`);
      expect(c.ok && c.value.fromCache).toBe(false);
      expect(hits.filter((h) => h.startsWith('/cached'))).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Static dashboard caching: hashed assets are immutable for a year, the shell is revalidated, compressed copies are sent. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from './dashboard.js';

describe('dashboard static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'curb-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/app/assets/index-abc123.js"></script>');
  const js = 'console.log("hello");'.repeat(100);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), js);
  writeFileSync(join(root, 'assets', 'index-abc123.js.gz'), gzipSync(js));
  const app = Fastify();
  afterAll(() => app.close());

  it('sends hashed assets as immutable (compressed when accepted) and the shell as no-cache', async () => {
    await app.register((a) => dashboardRoutes(a, { root }));
    const asset = await app.inject({ method: 'GET', url: '/app/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url: '/app/assets/index-abc123.js' });
    expect(plain.body).toBe(js);
    for (const url of ['/app/', '/app/index.html', '/app/some/route']) {
      const shell = await app.inject({ method: 'GET', url });
      expect(shell.statusCode, url).toBe(200);
      expect(shell.headers['cache-control'], url).toBe('no-cache');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { revokeApiKey } from '../../../services/auth/revoke-api-key.js';

describe.each(databaseTargets())('API security — keys and location isolation (%s)', (kind) => {
  let ctx: TestContext;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  let contactOfA: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    a = await createTenant(ctx.services, 'Tenant A');
    b = await createTenant(ctx.services, 'Tenant B');
    contactOfA = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: a.auth, payload: { ownerName: 'A owner', phone: '4075550100' } })).json().id;
  });
  afterAll(() => ctx.close());

  const routes = ['/v1/contacts', '/v1/location', '/v1/campaigns', '/v1/communications?contact=00000000-0000-4000-8000-000000000000'];

  it.each(routes)('answers 401 without a key: %s', async (url) => {
    const res = await ctx.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('answers 401 for a malformed, unknown or non-bearer key', async () => {
    for (const authorization of ['Bearer nope', `Bearer ${a.key}x`, `Basic ${a.key}`, `Bearer curb_AAAAAAAA_${'x'.repeat(43)}`, '']) {
      const res = await ctx.app.inject({ method: 'GET', url: '/v1/contacts', headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('answers 401 for a revoked key, at once', async () => {
    const tenant = await createTenant(ctx.services, 'Short-lived');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/contacts', headers: tenant.auth })).statusCode).toBe(200);
    const prefix = tenant.key.split('_')[1]!;
    await revokeApiKey(ctx.services, { idOrPrefix: prefix });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/contacts', headers: tenant.auth })).statusCode).toBe(401);
  });

  it("answers 404 for another location's contact on every contact route", async () => {
    const attempts = [
      ctx.app.inject({ method: 'GET', url: `/v1/contacts/${contactOfA}`, headers: b.auth }),
      ctx.app.inject({ method: 'PATCH', url: `/v1/contacts/${contactOfA}`, headers: b.auth, payload: { ownerName: 'hijack' } }),
      ctx.app.inject({ method: 'POST', url: `/v1/contacts/${contactOfA}/opt-out`, headers: b.auth }),
      ctx.app.inject({ method: 'GET', url: `/v1/contacts/${contactOfA}/lead-status`, headers: b.auth }),
      ctx.app.inject({ method: 'PUT', url: `/v1/contacts/${contactOfA}/lead-status`, headers: b.auth, payload: { status: 'cold' } }),
      ctx.app.inject({ method: 'GET', url: `/v1/communications?contact=${contactOfA}`, headers: b.auth }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(404);
    const still = (await ctx.app.inject({ method: 'GET', url: `/v1/contacts/${contactOfA}`, headers: a.auth })).json();
    expect(still).toMatchObject({ ownerName: 'A owner', optOut: false, leadStatus: 'new' });
  });

  it("never lists another location's contacts and never reveals them by filter", async () => {
    const list = (await ctx.app.inject({ method: 'GET', url: '/v1/contacts?phone=4075550100', headers: b.auth })).json();
    expect(list.data).toEqual([]);
    const loc = (await ctx.app.inject({ method: 'GET', url: '/v1/location', headers: b.auth })).json();
    expect(loc.businessName).toBe('Tenant B');
  });

  it('stores keys only as hashes', async () => {
    const rows = await ctx.services.database.executeSql<{ hash: string; prefix: string }>('select hash, prefix from api_keys', []);
    for (const r of rows.rows) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.hash).not.toContain(a.key);
    }
  });
});

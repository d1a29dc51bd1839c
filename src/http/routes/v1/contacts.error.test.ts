import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';

describe.each(databaseTargets())('contacts routes — errors (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    ({ auth } = await createTenant(ctx.services));
  });
  afterAll(() => ctx.close());

  it('names the bad field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: 'X', email: 'not-an-email' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toContain('email');
  });

  it('rejects an invalid phone number with the field named', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: 'X', phone: '555' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toBe('phone');
  });

  it('rejects unknown fields, empty contacts and malformed JSON', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { nickname: 'x', ownerName: 'y' } })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: {} })).statusCode).toBe(400);
    const bad = await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"ownerName": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
  });

  it('answers 404 with the error body for an unknown contact or route', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/contacts/00000000-0000-4000-8000-000000000000', headers: auth });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('contact') } });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/contacts/not-a-uuid', headers: auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/nothing-here', headers: auth })).statusCode).toBe(404);
  });

  it('rejects a bad cursor and an out-of-range limit', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/contacts?cursor=garbage', headers: auth })).statusCode).toBe(400);
    const big = await ctx.app.inject({ method: 'GET', url: '/v1/contacts?limit=5000', headers: auth });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.message).toContain('limit');
  });

  it('refuses to set opt_out through the status route, and to revive an opted-out lead', async () => {
    const c = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: 'Z' } })).json();
    const res = await ctx.app.inject({ method: 'PUT', url: `/v1/contacts/${c.id}/lead-status`, headers: auth, payload: { status: 'opt_out' } });
    expect(res.statusCode).toBe(400);
    await ctx.app.inject({ method: 'POST', url: `/v1/contacts/${c.id}/opt-out`, headers: auth });
    const revive = await ctx.app.inject({ method: 'PUT', url: `/v1/contacts/${c.id}/lead-status`, headers: auth, payload: { status: 'interested' } });
    expect(revive.statusCode).toBe(409);
  });

  it('limits the body size', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: auth, payload: { ownerName: 'x'.repeat(2_000_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});

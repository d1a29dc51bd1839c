import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';

describe.each(databaseTargets())('templates API — security (%s)', (kind) => {
  let ctx: TestContext;
  let a: Awaited<ReturnType<typeof createTenant>>;
  let b: Awaited<ReturnType<typeof createTenant>>;
  let contactOfA: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    a = await createTenant(ctx.services, 'Tenant A');
    b = await createTenant(ctx.services, 'Tenant B');
    contactOfA = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: a.auth, payload: { firstName: 'Ann', phone: '4075550100' } })).json().id;
    await ctx.app.inject({ method: 'POST', url: '/v1/templates', headers: a.auth, payload: { key: 'sms.mine', channel: 'sms', kind: 'follow_up', touch: 2, body: 'Hi {{first_name|there}}' } });
    await ctx.app.inject({ method: 'PATCH', url: '/v1/templates/sms.follow-up.2', headers: a.auth, payload: { body: 'Hi {{first_name|there}}, tenant A copy.' } });
  });
  afterAll(() => ctx.close());

  it.each(['/v1/templates', '/v1/templates/sms.initial'])('answers 401 without a key: %s', async (url) => {
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('answers 401 for previews without a key', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/v1/messages/preview', payload: { channel: 'sms', body: 'hi' } })).statusCode).toBe(401);
  });

  it("answers 404 for another location's template on every route", async () => {
    const attempts = [
      ctx.app.inject({ method: 'GET', url: '/v1/templates/sms.mine', headers: b.auth }),
      ctx.app.inject({ method: 'PATCH', url: '/v1/templates/sms.mine', headers: b.auth, payload: { name: 'hijack' } }),
      ctx.app.inject({ method: 'DELETE', url: '/v1/templates/sms.mine', headers: b.auth }),
      ctx.app.inject({ method: 'POST', url: '/v1/templates/sms.mine/preview', headers: b.auth, payload: { contactId: contactOfA } }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates/sms.mine', headers: a.auth })).json().name).toBe('sms.mine');
  });

  it("sees the defaults, not another location's overrides or templates", async () => {
    const list = (await ctx.app.inject({ method: 'GET', url: '/v1/templates', headers: b.auth })).json().data as Array<{ key: string; source: string }>;
    expect(list.some((t) => t.key === 'sms.mine')).toBe(false);
    expect(list.every((t) => t.source === 'default')).toBe(true);
    const fu2 = (await ctx.app.inject({ method: 'GET', url: '/v1/templates/sms.follow-up.2', headers: b.auth })).json();
    expect(fu2.body).not.toContain('tenant A');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates/sms.follow-up.2', headers: a.auth })).json().body).toContain('tenant A');
  });

  it("answers 404 when previewing for another location's contact", async () => {
    const t = await ctx.app.inject({ method: 'POST', url: '/v1/templates/sms.follow-up.2/preview', headers: b.auth, payload: { contactId: contactOfA } });
    expect(t.statusCode).toBe(404);
    const m = await ctx.app.inject({ method: 'POST', url: '/v1/messages/preview', headers: b.auth, payload: { channel: 'sms', body: 'hi', contactId: contactOfA } });
    expect(m.statusCode).toBe(404);
  });
});

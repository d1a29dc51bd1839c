import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';

describe.each(databaseTargets())('templates API — errors (%s)', (kind) => {
  let ctx: TestContext;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let contactId: string;
  const post = (payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/v1/templates', headers: t.auth, payload });
  const sms = { key: 'sms.x', channel: 'sms', kind: 'follow_up', touch: 2 };

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    t = await createTenant(ctx.services);
    contactId = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: t.auth, payload: { ownerName: 'No Property', phone: '4075550111' } })).json().id;
  });
  afterAll(() => ctx.close());

  it.each([
    [{ ...sms, body: 'Hi {{frist_name}}' }, 'body', /unknown variable \{\{frist_name\}\}/],
    [{ ...sms, body: '{{#variant A}}Hi{{#variant B}}there{{/variant}}' }, 'body', /cannot nest/],
    [{ ...sms, body: '{{#variant A}}Hi there' }, 'body', /not closed/],
    [{ ...sms, body: 'Hi {{first_name' }, 'body', /malformed placeholder/],
    [{ ...sms, channel: 'email', kind: 'initial', touch: 1, body: 'Hello' }, 'subject', /needs a subject/],
    [{ ...sms, kind: 'response', body: 'Hello' }, 'responseTo', /responds to/],
    [{ ...sms, key: 'Bad Key', body: 'Hello' }, 'key', /lowercase/],
    [{ ...sms, channel: 'email', kind: 'initial', subject: 'About {{situs}}', body: 'Hello' }, 'subject', /unknown variable/],
  ])('refuses a bad template naming the problem (%#)', async (payload, field, message) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(message);
    expect(res.json().error.details.issues[0].path).toBe(field);
  });

  it('refuses unknown fields and bad enums through the schema', async () => {
    const res = await post({ ...sms, body: 'Hi', channel: 'fax' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('channel');
    expect((await post({ ...sms, body: 'Hi', extra: 1 })).statusCode).toBe(400);
  });

  it('refuses a duplicate key with 409 and a bad patch with 400', async () => {
    expect((await post({ ...sms, body: 'Hi {{first_name|there}}' })).statusCode).toBe(201);
    expect((await post({ ...sms, body: 'Hi again' })).statusCode).toBe(409);
    const bad = await ctx.app.inject({ method: 'PATCH', url: '/v1/templates/sms.x', headers: t.auth, payload: { body: 'Hi {{nope}}' } });
    expect(bad.statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'PATCH', url: '/v1/templates/sms.x', headers: t.auth, payload: {} })).statusCode).toBe(400);
  });

  it('answers 404 for unknown templates and 409 when deleting a shipped default', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates/nope', headers: t.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'DELETE', url: '/v1/templates/nope', headers: t.auth })).statusCode).toBe(404);
    const del = await ctx.app.inject({ method: 'DELETE', url: '/v1/templates/sms.initial', headers: t.auth });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toContain('active');
  });

  it('reports a preview that cannot render, naming what is missing', async () => {
    const missing = await ctx.app.inject({ method: 'POST', url: '/v1/templates/sms.initial/preview', headers: t.auth, payload: { contactId } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/situs_address|agent_name/);
    await post({ ...sms, key: 'sms.v', body: '{{#variant A}}Hi{{/variant}}{{#variant B}}Hello{{/variant}} {{first_name|there}}' });
    const variant = await ctx.app.inject({ method: 'POST', url: '/v1/templates/sms.v/preview', headers: t.auth, payload: { contactId, variant: 'Z' } });
    expect(variant.statusCode).toBe(400);
    expect(variant.json().error.details.issues[0].path).toBe('variant');
    const noContact = await ctx.app.inject({ method: 'POST', url: '/v1/templates/sms.x/preview', headers: t.auth, payload: {} });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error.message).toContain('contactId');
  });
});

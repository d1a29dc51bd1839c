import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { markets, properties, propertyContacts } from '../../../db/schema/index.js';
import { DEFAULT_TEMPLATES } from '../../../domain/messages/default-templates.js';
import { newId } from '../../../lib/ids.js';

describe.each(databaseTargets())('templates API — happy paths (%s)', (kind) => {
  let ctx: TestContext;
  let t: Awaited<ReturnType<typeof createTenant>>;
  let contactId: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    t = await createTenant(ctx.services, 'Sunshine Home Buyers');
    await ctx.app.inject({ method: 'PATCH', url: '/v1/location', headers: t.auth, payload: { agentName: 'Dana Ruiz', phone: '(407) 555-0134' } });
    contactId = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: t.auth, payload: { firstName: 'Margaret', lastName: 'Hale', phone: '4075550100', email: 'm@example.com' } })).json().id;
    const marketId = newId();
    const propertyId = newId();
    const db = ctx.services.db;
    await db.insert(markets).values({ id: marketId, locationId: t.location.id, key: 'orange', name: 'Orange County', county: 'Orange', state: 'FL', timeZone: 'America/New_York' });
    await db.insert(properties).values({
      id: propertyId,
      locationId: t.location.id,
      marketId,
      parcelId: '29-22-29-0000-00-001',
      situsAddress: '1234 Lake Underhill Rd',
      situsCity: 'Orlando',
      situsState: 'FL',
      scoreContributions: [{ signal: 'tax_delinquent_2y', group: 'tax', points: 12 }],
    });
    await db.insert(propertyContacts).values({ propertyId, contactId });
  });
  afterAll(() => ctx.close());

  it('lists the shipped defaults for a new location, with filters', async () => {
    const all = await ctx.app.inject({ method: 'GET', url: '/v1/templates', headers: t.auth });
    expect(all.statusCode).toBe(200);
    expect(all.json().data).toHaveLength(DEFAULT_TEMPLATES.length);
    expect(all.json().data.every((x: { source: string }) => x.source === 'default')).toBe(true);
    const sms1 = await ctx.app.inject({ method: 'GET', url: '/v1/templates?channel=sms&kind=initial&touch=1', headers: t.auth });
    expect(sms1.json().data.map((x: { key: string }) => x.key)).toEqual(['sms.initial']);
    expect(sms1.json().data[0]).toMatchObject({ variants: ['A', 'B'], version: 1, active: true });
    expect(sms1.json().data[0].variables).toContain('situs_address');
  });

  it('creates, reads, patches (version bump) and deletes an own template', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/templates',
      headers: t.auth,
      payload: { key: 'sms.orange.initial', name: 'Orange first touch', channel: 'sms', kind: 'initial', touch: 1, market: 'orange', body: 'Hi {{first_name|there}}, {{agent_name}} with {{company}} {{market_context}}. Would you sell {{situs_address}}?' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'sms.orange.initial', source: 'location', overridesDefault: false, version: 1, market: 'orange' });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates?market=orange&channel=sms&kind=initial', headers: t.auth })).json().data).toHaveLength(2);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates?market=lake&channel=sms&kind=initial', headers: t.auth })).json().data).toHaveLength(1);
    const patched = await ctx.app.inject({ method: 'PATCH', url: '/v1/templates/sms.orange.initial', headers: t.auth, payload: { name: 'Orange v2' } });
    expect(patched.json()).toMatchObject({ name: 'Orange v2', version: 2 });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates/sms.orange.initial', headers: t.auth })).json().version).toBe(2);
    expect((await ctx.app.inject({ method: 'DELETE', url: '/v1/templates/sms.orange.initial', headers: t.auth })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates/sms.orange.initial', headers: t.auth })).statusCode).toBe(404);
  });

  it('overrides and deactivates a default; deleting the override brings the default back', async () => {
    const off = await ctx.app.inject({ method: 'PATCH', url: '/v1/templates/sms.follow-up.5', headers: t.auth, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ source: 'location', overridesDefault: true, active: false, version: 2 });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates?active=false', headers: t.auth })).json().data.map((x: { key: string }) => x.key)).toEqual(['sms.follow-up.5']);
    expect((await ctx.app.inject({ method: 'DELETE', url: '/v1/templates/sms.follow-up.5', headers: t.auth })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/templates/sms.follow-up.5', headers: t.auth })).json()).toMatchObject({ source: 'default', active: true });
  });

  it('previews a template for a real contact: values from the property, market and location; segments, cost, verdict', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/templates/sms.initial/preview', headers: t.auth, payload: { contactId, variant: 'A' } });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.body).toBe('Hi Margaret, this is Dana Ruiz with Sunshine Home Buyers. Would you consider an as-is offer on 1234 Lake Underhill Rd? Reply STOP to opt out');
    expect(p).toMatchObject({ variant: 'A', segments: { encoding: 'GSM-7', segments: 1 }, cost: { usd: 0.0079 }, guard: { verdict: 'pass', reasons: [] } });
    expect(p.segments.characters).toBe(p.body.length);
  });

  it('fills county, distress reason and the postal address into an email preview', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/templates/email.initial/preview', headers: t.auth, payload: { contactId } });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.subject).toContain('1234 Lake Underhill Rd');
    expect(p.body).toContain('100 Main St, Orlando, FL 32801');
    expect(p.body).toContain('Orange County');
    expect(p.guard.verdict).not.toBe('reject');
    expect(p.cost.usd).toBe(0);
  });

  it('surfaces a guard rejection in the verdict', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/v1/templates',
      headers: t.auth,
      payload: { key: 'sms.bad', channel: 'sms', kind: 'follow_up', touch: 2, body: 'Hi {{first_name}}, we can pay $250,000 cash for {{situs_address}}, check bit.ly/abc' },
    });
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/templates/sms.bad/preview', headers: t.auth, payload: { contactId } });
    expect(res.statusCode).toBe(200);
    expect(res.json().guard.verdict).toBe('reject');
    expect(res.json().guard.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['url_shortener']));
  });

  it('checks a typed reply: verdict, segments and cost', async () => {
    const ok = await ctx.app.inject({ method: 'POST', url: '/v1/messages/preview', headers: t.auth, payload: { channel: 'sms', body: 'Thanks Margaret, a quick call about 1234 Lake Underhill Rd would help.', contactId } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ variant: null, guard: { verdict: 'pass' }, segments: { encoding: 'GSM-7', segments: 1 } });
    const emoji = await ctx.app.inject({ method: 'POST', url: '/v1/messages/preview', headers: t.auth, payload: { channel: 'sms', body: 'We can offer $300k 🏠' } });
    expect(emoji.json().segments.encoding).toBe('UCS-2');
    expect(emoji.json().guard.verdict).toBe('reject');
    expect(emoji.json().guard.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['unsupported_price', 'cost_doubling']));
  });
});

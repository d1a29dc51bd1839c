import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { recordCommunication } from '../../../services/communications/record-communication.js';

describe.each(databaseTargets())('location, campaigns and communications routes (%s)', (kind) => {
  let ctx: TestContext;
  let tenant: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    tenant = await createTenant(ctx.services);
  });
  afterAll(() => ctx.close());

  it('reads and updates the location, and logs loosened compliance settings', async () => {
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/v1/location',
      headers: tenant.auth,
      payload: { businessName: 'Sunshine Home Buyers', timeZone: 'America/Chicago', dailySmsCap: 300, settings: { offerToBuyExemption: true, offerToBuyExemptionNote: 'counsel memo 2025-06-01' } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ businessName: 'Sunshine Home Buyers', timeZone: 'America/Chicago', dailySmsCap: 300, settings: { offerToBuyExemption: true } });
    const log = await ctx.services.database.executeSql<{ setting: string; note: string }>('select setting, note from setting_changes', []);
    expect(log.rows).toEqual([{ setting: 'offerToBuyExemption', note: 'counsel memo 2025-06-01' }]);
    const bad = await ctx.app.inject({ method: 'PATCH', url: '/v1/location', headers: tenant.auth, payload: { timeZone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('timeZone');
  });

  it('creates a campaign with ordered steps and lists it', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: tenant.auth,
      payload: {
        name: 'Orange Tier A — 5 touches',
        targetTiers: ['A', 'B+'],
        targetMarkets: ['orange'],
        steps: [
          { channel: 'sms', delayMinutes: 0, templateKey: 'initial_sms' },
          { channel: 'email', delayMinutes: 2 * 24 * 60, templateKey: 'follow_up_2_email' },
          { channel: 'sms', delayMinutes: 5 * 24 * 60 },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.steps.map((s: { position: number; name: string }) => [s.position, s.name])).toEqual([[1, 'SMS_1'], [2, 'EMAIL_2'], [3, 'SMS_3']]);
    expect(c.active).toBe(false);
    const list = await ctx.app.inject({ method: 'GET', url: '/v1/campaigns', headers: tenant.auth });
    expect(list.json().data.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(list.json().data.find((x: { id: string }) => x.id === c.id).metrics).toMatchObject({ enrolled: 0, sent: 0 });
    // A picker asks for the names alone: same campaigns and steps, no metrics.
    const names = await ctx.app.inject({ method: 'GET', url: '/v1/campaigns?metrics=false', headers: tenant.auth });
    expect(names.statusCode).toBe(200);
    const bare = names.json().data.find((x: { id: string }) => x.id === c.id);
    expect(bare).toMatchObject({ id: c.id, name: c.name, steps: c.steps });
    expect(bare).not.toHaveProperty('metrics');
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/campaigns?metrics=no', headers: tenant.auth })).statusCode).toBe(400);
    const bad = await ctx.app.inject({ method: 'POST', url: '/v1/campaigns', headers: tenant.auth, payload: { name: 'x', steps: [{ channel: 'fax', delayMinutes: 0 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('steps.0.channel');
  });

  it('lists a contact’s communications in order with bodies decrypted, stored encrypted', async () => {
    const contact = (await ctx.app.inject({ method: 'POST', url: '/v1/contacts', headers: tenant.auth, payload: { ownerName: 'Thread', phone: '4075550142' } })).json();
    await recordCommunication(ctx.services, { locationId: tenant.location.id, contactId: contact.id, direction: 'outbound', channel: 'sms', body: 'Hi, is this the owner of 12 Oak St?', occurredAt: new Date('2025-06-10T14:00:00Z') });
    await recordCommunication(ctx.services, { locationId: tenant.location.id, contactId: contact.id, direction: 'inbound', channel: 'sms', body: 'Yes — what is your offer?', occurredAt: new Date('2025-06-10T14:05:00Z') });
    const res = await ctx.app.inject({ method: 'GET', url: `/v1/communications?contact=${contact.id}`, headers: tenant.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.map((m: { direction: string; body: string }) => [m.direction, m.body])).toEqual([
      ['outbound', 'Hi, is this the owner of 12 Oak St?'],
      ['inbound', 'Yes — what is your offer?'],
    ]);
    const raw = await ctx.services.database.executeSql<{ body_enc: string }>('select body_enc from communications where contact_id = $1', [contact.id]);
    for (const r of raw.rows) expect(r.body_enc).toMatch(/^enc:v1:/);
  });

  it('serves health, readiness (503 without jobs) and the OpenAPI document', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.database.ok).toBe(true);
    const doc = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/v1/contacts', '/v1/contacts/{id}/opt-out', '/v1/campaigns', '/v1/location']));
    const withId = await ctx.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(withId.headers['x-request-id']).toBe('abc-123');
  });
});

import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGhlFixture, signGhlBody, testWebhookKeys } from '../../../../test/fakes/ghl-server.js';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { fixedClock } from '../../../lib/clock.js';
import { createContact } from '../../../services/contacts/create-contact.js';

// Pinned a minute after the fixtures' deliveries (2025-03-04T15:00–15:05Z).
const NOW = '2025-03-04T15:03:00.000Z';
const GHL_LOCATION = 'loc_curb_demo';

describe.each(databaseTargets())('GoHighLevel webhooks: signature and replay (%s)', (kind) => {
  let ctx: TestContext;
  let auth: { authorization: string };
  let locationId: string;
  const clock = fixedClock(NOW);
  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const post = (url: string, raw: string, headers: Record<string, string>) => ctx.app.inject({ method: 'POST', url, payload: raw, headers: { 'content-type': 'application/json', ...headers } });
  const signed = (payload: Record<string, unknown>) => {
    const raw = JSON.stringify(payload);
    return { raw, headers: { 'x-wh-signature': signGhlBody(raw) } };
  };

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock, env: { GHL_WEBHOOK_PUBLIC_KEY: testWebhookKeys().publicKey, GHL_LOCATION_ID: GHL_LOCATION } });
    ({ auth, location: { id: locationId } } = await createTenant(ctx.services));
    const bob = await createContact(ctx.services, { locationId, input: { ownerName: 'Bob Reyes', phone: '4075550102', mailingState: 'FL' } });
    await sql('update contacts set ghl_contact_id = $1 where id = $2', ['ct_bob', bob.id]);
  });
  afterAll(async () => ctx.close());

  it('refuses an unsigned delivery with 401 and stores nothing', async () => {
    const r = await post('/webhooks/ghl', JSON.stringify(loadGhlFixture('contact-dnd-update')), {});
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthorized');
    expect(await sql('select id from webhook_events')).toHaveLength(0);
    expect((await sql<{ opt_out: boolean }>("select opt_out from contacts where ghl_contact_id = 'ct_bob'"))[0]?.opt_out).toBe(false);
  });

  it('refuses a tampered body, a garbled signature and another key with 401', async () => {
    const { raw, headers } = signed(loadGhlFixture('contact-dnd-update'));
    const tampered = raw.replace('"ct_bob"', '"ct_ann"');
    expect((await post('/webhooks/ghl', tampered, headers)).statusCode).toBe(401);
    // Re-serialised JSON is not the bytes that were signed either.
    expect((await post('/webhooks/ghl', JSON.stringify(JSON.parse(raw), null, 2), headers)).statusCode).toBe(401);
    expect((await post('/webhooks/ghl', raw, { 'x-wh-signature': 'not base64 at all!' })).statusCode).toBe(401);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect((await post('/webhooks/ghl', raw, { 'x-wh-signature': sign('sha256', Buffer.from(raw), other.privateKey).toString('base64') })).statusCode).toBe(401);
    expect(await sql('select id from webhook_events')).toHaveLength(0);
  });

  it('the seed 003 paths authenticate by signature, not by API key', async () => {
    const raw = JSON.stringify(loadGhlFixture('contact-dnd-update'));
    for (const path of ['reply', 'booking-confirmed', 'opt-out', 'stage-change']) {
      const r = await post(`/v1/sdr/webhook/${path}`, raw, auth);
      expect(r.statusCode).toBe(401);
    }
  });

  it('refuses a delivery outside the 5-minute window (a replay of an old capture)', async () => {
    const { raw, headers } = signed({ ...loadGhlFixture('contact-dnd-update'), webhookId: 'wh_old', timestamp: '2025-03-04T14:50:00.000Z' });
    const r = await post('/webhooks/ghl', raw, headers);
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toMatch(/replay protection/);
    expect(await sql("select id from webhook_events where event_id = 'ghl:wh_old'")).toHaveLength(0);
  });

  it('processes a delivery once: the same webhookId again is acknowledged and not processed', async () => {
    const { raw, headers } = signed(loadGhlFixture('contact-dnd-update'));
    const first = await post('/webhooks/ghl', raw, headers);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: true, type: 'ContactDndUpdate', handled: 'opt_out' });
    for (let i = 0; i < 2; i++) {
      const again = await post('/v1/sdr/webhook/opt-out', raw, headers);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ received: true, duplicate: true });
    }
    expect(await sql("select status from webhook_events where provider = 'ghl_delivery' and event_id = 'ghl:wh_03_dnd'")).toEqual([{ status: 'processed' }]);
    expect(await sql("select id from consent_events where kind = 'revocation' and source = 'ghl_dnd'")).toHaveLength(1);
  });

  it('acknowledges a delivery for an unknown sub-account (200) without acting on it', async () => {
    const { raw, headers } = signed({ ...loadGhlFixture('contact-dnd-update'), locationId: 'loc_someone_else', webhookId: 'wh_foreign' });
    const r = await post('/webhooks/ghl', raw, headers);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ received: true, ignored: 'unknown location' });
  });

  it('a signed body that is not a webhook is a 400, not a crash', async () => {
    const { raw, headers } = signed({ hello: 'world' });
    expect((await post('/webhooks/ghl', raw, headers)).statusCode).toBe(400);
  });
});

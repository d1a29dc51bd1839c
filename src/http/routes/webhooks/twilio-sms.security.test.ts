import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { inboundSmsFields, signedInboundSms } from '../../../../test/helpers/twilio-inbound.js';

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://curb.example.com';

describe.each(databaseTargets())('POST /webhooks/twilio/sms — signatures (%s)', (kind) => {
  let ctx: TestContext;
  const count = async (table: string) => (await ctx.services.database.executeSql<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL } });
    await createTenant(ctx.services);
  });
  afterAll(async () => ctx.close());

  const post = (payload: string, headers: Record<string, string>, url = '/webhooks/twilio/sms') => ctx.app.inject({ method: 'POST', url, payload, headers });

  it('answers 403 and stores nothing when the signature is missing', async () => {
    const fields = inboundSmsFields({ sid: 'SMmissing', from: '+14045550111', body: 'yes call me' });
    const r = await post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
    expect(await count('webhook_events')).toBe(0);
  });

  it('answers 403 for a forged signature (wrong token), a tampered body, and a signature made for another URL', async () => {
    const fields = inboundSmsFields({ sid: 'SMforged', from: '+14045550112', body: 'how much u offering' });
    const forged = signedInboundSms({ authToken: 'not-the-token', publicUrl: PUBLIC_URL, fields });
    expect((await post(forged.payload, forged.headers)).statusCode).toBe(403);

    const good = signedInboundSms({ authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, fields });
    const tampered = new URLSearchParams({ ...fields, Body: 'STOP' }).toString();
    expect((await post(tampered, good.headers)).statusCode).toBe(403);

    const otherUrl = signedInboundSms({ authToken: AUTH_TOKEN, publicUrl: 'https://attacker.example.com', fields });
    expect((await post(otherUrl.payload, otherUrl.headers)).statusCode).toBe(403);
    expect(await count('webhook_events')).toBe(0);
    expect(await count('communications')).toBe(0);
  });

  it('verifies against PUBLIC_URL + path + query', async () => {
    const fields = inboundSmsFields({ sid: 'SMquery', from: '+14045550113', body: 'ok' });
    const url = `${PUBLIC_URL}/webhooks/twilio/sms?loc=main`;
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, fields);
    expect(twilio.validateRequest(AUTH_TOKEN, signature, url, fields)).toBe(true);
    const r = await post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, '/webhooks/twilio/sms?loc=main');
    expect(r.statusCode).toBe(200);
    // The same signature presented on the bare path does not verify.
    const bare = await post(new URLSearchParams({ ...fields, MessageSid: 'SMquery2' }).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature });
    expect(bare.statusCode).toBe(403);
  });

  it('uses the location\'s own auth token when it has one', async () => {
    const own = 'location-own-token-abcdef012345';
    const loc = await ctx.services.database.executeSql<{ id: string }>('select id from locations limit 1');
    await ctx.services.database.executeSql(`update locations set settings = $1::jsonb where id = $2`, [JSON.stringify({ conversations: { twilioAuthToken: own, smsNumbers: ['+14075550000'] } }), loc.rows[0]!.id]);
    const fields = inboundSmsFields({ sid: 'SMown', from: '+14045550114', body: 'who is this?' });
    const withEnv = signedInboundSms({ authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, fields });
    expect((await post(withEnv.payload, withEnv.headers)).statusCode).toBe(403);
    const withOwn = signedInboundSms({ authToken: own, publicUrl: PUBLIC_URL, fields });
    expect((await post(withOwn.payload, withOwn.headers)).statusCode).toBe(200);
  });
});

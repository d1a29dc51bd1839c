import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioServer, type FakeTwilioServer } from '../../../test/fakes/twilio-server.js';
import { fixedClock } from '../../lib/clock.js';
import { createEmailChannel } from '../email/create-email-channel.js';
import { createVoicemailChannel } from '../voice/create-voicemail-channel.js';
import { createSmsChannel } from './create-sms-channel.js';
import { createMemoryOutboxStore } from './outbox-store.js';

const clock = fixedClock('2026-01-05T15:00:00Z');
let server: FakeTwilioServer;
beforeAll(async () => {
  server = await startTwilioServer();
});
afterAll(() => server.close());

describe('channel factories (provider chosen from config in one place)', () => {
  it('sandbox by default for all three channels', async () => {
    const outbox = createMemoryOutboxStore();
    const sms = createSmsChannel({ settings: { SMS_PROVIDER: 'sandbox' }, outbox, clock });
    const email = createEmailChannel({ settings: { EMAIL_PROVIDER: 'sandbox' }, outbox, clock });
    const vm = createVoicemailChannel({ settings: { SMS_PROVIDER: 'sandbox' }, outbox, clock });
    expect([sms.ok && sms.value.name, email.ok && email.value.name, vm.ok && vm.value.name]).toEqual(['sandbox', 'sandbox', 'sandbox']);
  });

  it('twilio from env settings, pointed at TWILIO_API_BASE_URL', async () => {
    const settings = {
      SMS_PROVIDER: 'twilio' as const,
      TWILIO_ACCOUNT_SID: server.accountSid,
      TWILIO_AUTH_TOKEN: server.authToken,
      TWILIO_FROM_NUMBERS: '+14075550100, +14075550101',
      TWILIO_API_BASE_URL: server.baseUrl,
    };
    const sms = createSmsChannel({ settings, outbox: createMemoryOutboxStore(), clock });
    expect(sms.ok).toBe(true);
    if (!sms.ok) return;
    const r = await sms.value.send({ to: '+13215550123', body: 'hi', idempotencyKey: 'k' });
    expect(r.ok).toBe(true);
    const vm = createVoicemailChannel({ settings, outbox: createMemoryOutboxStore(), clock });
    const d = vm.ok ? await vm.value.drop({ to: '+13215550123', script: 'hi', idempotencyKey: 'k' }) : undefined;
    expect(d?.ok).toBe(true);
  });

  it('names the missing variable', () => {
    const outbox = createMemoryOutboxStore();
    const a = createSmsChannel({ settings: { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1' }, outbox, clock });
    expect(!a.ok && a.error.message).toMatch(/TWILIO_AUTH_TOKEN/);
    const b = createSmsChannel({ settings: { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }, outbox, clock });
    expect(!b.ok && b.error.message).toMatch(/TWILIO_FROM_NUMBERS/);
    const c = createEmailChannel({ settings: { EMAIL_PROVIDER: 'smtp' }, outbox, clock });
    expect(!c.ok && c.error.message).toMatch(/SMTP_URL/);
    const g = createSmsChannel({ settings: { SMS_PROVIDER: 'ghl' }, outbox, clock });
    expect(!g.ok && g.error.message).toMatch(/GHL_LOCATION_ID/);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTwilioServer, type FakeTwilioServer } from '../../../test/fakes/twilio-server.js';
import { fixedClock } from '../../lib/clock.js';
import { createMemoryOutboxStore } from '../sms/outbox-store.js';
import { pickSender } from '../sms/pick-sender.js';
import { createTwilioBreaker } from '../sms/twilio-call.js';
import { createTwilioSmsChannel } from '../sms/twilio.js';
import { createFakeVoicemailChannel } from './fake.js';
import { createSandboxVoicemailChannel } from './sandbox.js';
import { createTwilioVoicemailChannel } from './twilio.js';

let server: FakeTwilioServer;
const clock = fixedClock('2026-01-05T15:00:00Z');
const numbers = ['+14075550100', '+14075550101'];
beforeAll(async () => {
  server = await startTwilioServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const channel = (extra: Record<string, unknown> = {}) =>
  createTwilioVoicemailChannel({ accountSid: server.accountSid, authToken: server.authToken, apiBaseUrl: server.baseUrl, numbers, clock, sleep: async () => {}, timeoutMs: 1_000, ...extra });

describe('Twilio voicemail drop', () => {
  it('plays the recording after the beep (DetectMessageEnd) from the sticky number', async () => {
    const r = await channel().drop({ to: '+13215550123', recordingUrl: 'https://cdn.example/vm/oak-st.mp3', idempotencyKey: 'c1:VOICEMAIL_1:2026-01-10', statusCallbackUrl: 'https://curb.example/webhooks/twilio/call' });
    expect(r.ok && r.value.providerCallId).toMatch(/^CA[0-9a-f]{32}$/);
    expect(server.calls[0]).toMatchObject({
      to: '+13215550123',
      from: pickSender(numbers, '+13215550123'),
      machineDetection: 'DetectMessageEnd',
      statusCallback: 'https://curb.example/webhooks/twilio/call',
      url: null,
    });
    expect(server.calls[0]!.twiml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Play>https://cdn.example/vm/oak-st.mp3</Play><Hangup/></Response>');
  });

  it('says a script, escaping XML', async () => {
    await channel().drop({ to: '+13215550123', script: 'Hi Pat, this is Sam <Oak & Main>.', idempotencyKey: 'k' });
    expect(server.calls[0]!.twiml).toContain('<Say voice="Polly.Joanna">Hi Pat, this is Sam &lt;Oak &amp; Main&gt;.</Say>');
  });

  it('maps an invalid number and refuses a request with both or neither content', async () => {
    server.scenario.errorsByRecipient['+13215550123'] = { code: 21217, message: 'Phone number is not a valid phone number' };
    const bad = await channel().drop({ to: '+13215550123', script: 'x', idempotencyKey: 'k' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'invalid_recipient', retry: false });
    const both = await channel().drop({ to: '+13215550124', script: 'x', recordingUrl: 'https://a.example/x.mp3', idempotencyKey: 'k' });
    expect(!both.ok && both.error.code).toBe('invalid_request');
    const neither = await channel().drop({ to: '+13215550124', idempotencyKey: 'k' });
    expect(!neither.ok && neither.error.message).toMatch(/exactly one/);
  });

  it('shares one breaker with the SMS channel: SMS failures open it for voice too', async () => {
    const breaker = createTwilioBreaker({ clock });
    const sms = createTwilioSmsChannel({ accountSid: server.accountSid, authToken: server.authToken, apiBaseUrl: server.baseUrl, sender: { numbers }, clock, breaker, retries: 0 });
    server.scenario.fail500 = 3;
    for (let i = 0; i < 3; i++) await sms.send({ to: '+13215550123', body: 'x', idempotencyKey: `k${i}` });
    const r = await channel({ breaker }).drop({ to: '+13215550123', script: 'x', idempotencyKey: 'v' });
    expect(!r.ok && r.error.code).toBe('circuit_open');
    expect(server.calls).toHaveLength(0);
  });
});

describe('sandbox and fake voicemail', () => {
  it('the sandbox records the drop with its TwiML, once per key', async () => {
    const outbox = createMemoryOutboxStore();
    const vm = createSandboxVoicemailChannel({ outbox, clock });
    const a = await vm.drop({ to: '+13215550123', script: 'Hello', idempotencyKey: 'k' });
    const b = await vm.drop({ to: '+13215550123', script: 'Hello', idempotencyKey: 'k' });
    expect(a.ok && b.ok && a.value.providerCallId === b.value.providerCallId).toBe(true);
    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]!.payload.twiml).toContain('<Say');
  });

  it('the fake fails on demand', async () => {
    const vm = createFakeVoicemailChannel();
    vm.failNext({ code: 'timeout', message: 't', retry: true });
    expect((await vm.drop({ to: '+13215550123', script: 'x', idempotencyKey: 'k' })).ok).toBe(false);
    expect((await vm.drop({ to: '+13215550123', script: 'x', idempotencyKey: 'k' })).ok).toBe(true);
  });
});

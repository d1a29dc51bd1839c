import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import type { CircuitStateChange } from '../../lib/circuit-breaker.js';
import { startTwilioServer, type FakeTwilioServer } from '../../../test/fakes/twilio-server.js';
import { pickSender } from './pick-sender.js';
import { createTwilioSmsChannel, type TwilioSmsOptions } from './twilio.js';
import { createTwilioClient, encodeTwilioForm } from './twilio-client.js';

let server: FakeTwilioServer;
const clock = fixedClock('2026-01-05T15:00:00Z');
const pool = ['+14075550100', '+14075550101', '+14075550102'];
const noSleep = async (): Promise<void> => {};

beforeAll(async () => {
  server = await startTwilioServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function channel(extra: Partial<TwilioSmsOptions> = {}) {
  return createTwilioSmsChannel({
    accountSid: server.accountSid,
    authToken: server.authToken,
    apiBaseUrl: server.baseUrl,
    timeoutMs: 1_000,
    sender: { numbers: pool },
    clock,
    sleep: noSleep,
    ...extra,
  } as TwilioSmsOptions);
}

const msg = (to = '+13215550123', n = 1) => ({ to, body: `Hi Pat, this is Sam about 12 Oak St (${n}). Reply STOP to opt out.`, idempotencyKey: `c1:SMS_${n}:2026-01-05` });

describe('Twilio SMS channel (official SDK against the local Twilio server) — happy', () => {
  it('sends from the sticky pool number with status callback and validity period', async () => {
    const sms = channel();
    const r = await sms.send({ ...msg(), statusCallbackUrl: 'https://curb.example/webhooks/twilio/status', validityPeriodSeconds: 900 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(r.value).toMatchObject({ from: pickSender(pool, '+13215550123'), status: 'queued', segments: 1 });
    expect(r.value.priceUsd).toBeUndefined();
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]).toMatchObject({
      to: '+13215550123',
      from: pickSender(pool, '+13215550123'),
      statusCallback: 'https://curb.example/webhooks/twilio/status',
      validityPeriod: 900,
    });
    expect(server.requests[0]!.authorized).toBe(true);
  });

  it('keeps the same sender for the same recipient across sends', async () => {
    const sms = channel();
    for (let n = 1; n <= 3; n++) await sms.send(msg('+13215550177', n));
    expect(new Set(server.messages.map((m) => m.from)).size).toBe(1);
  });

  it('keeps one connection open across sends (keep-alive), also after an error answer', async () => {
    const sms = channel();
    await sms.send(msg('+13215550123', 1));
    server.scenario.errorsByRecipient['+13215550124'] = { code: 21211 };
    await sms.send(msg('+13215550124', 2));
    for (let n = 3; n <= 10; n++) await sms.send(msg('+13215550123', n));
    expect(server.messages).toHaveLength(9);
    expect(server.connections()).toBe(1);
  });

  it('finds a text Twilio accepted (the recovery question), through the SDK\'s message list', async () => {
    const sms = channel();
    const sent = await sms.send(msg('+13215550123', 1));
    await sms.send(msg('+13215550155', 2));
    const found = await sms.findSent!({ to: '+13215550123', body: msg('+13215550123', 1).body, since: new Date(Date.now() - 60_000) });
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ providerMessageId: sent.ok ? sent.value.providerMessageId : '', segments: 1 }) });
    expect(await sms.findSent!({ to: '+13215550123', body: 'never sent', since: new Date(Date.now() - 60_000) })).toEqual({ ok: true, value: null });
  });

  it('uses the Messaging Service when configured, and an explicit from wins', async () => {
    const mg = `MG${'a'.repeat(32)}`;
    const sms = channel({ sender: { messagingServiceSid: mg } });
    const r = await sms.send(msg());
    expect(r.ok && r.value).toMatchObject({ from: mg, status: 'queued' });
    expect(server.messages[0]).toMatchObject({ messagingServiceSid: mg, from: null });
    await sms.send({ ...msg('+13215550124'), from: '+14075550109' });
    expect(server.messages[1]).toMatchObject({ from: '+14075550109', messagingServiceSid: null });
  });

  it('reports segments of a UCS-2 text', async () => {
    const r = await channel().send({ ...msg(), body: `${'é'.repeat(10)} ${'😀'.repeat(40)}` });
    expect(r.ok && r.value.segments).toBe(2);
  });
});

describe('Twilio SMS channel — errors', () => {
  it('21610 is a non-retryable opt-out and is not retried', async () => {
    server.scenario.errorsByRecipient['+13215550123'] = { code: 21610, message: 'Attempt to send to unsubscribed recipient' };
    const r = await channel().send(msg());
    expect(!r.ok && r.error).toMatchObject({ code: 'recipient_opted_out', retry: false, details: { status: 400, twilioCode: 21610, attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it.each([21211, 21614])('%i is a non-retryable invalid recipient', async (code) => {
    server.scenario.errorsByRecipient['+13215550123'] = { code };
    const r = await channel().send(msg());
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_recipient', retry: false });
  });

  it('retries 500s and 429s, then succeeds without a duplicate', async () => {
    server.scenario.fail500 = 1;
    server.scenario.rateLimited = 1;
    const sleeps: number[] = [];
    const r = await channel({ retries: 3, sleep: async (ms) => void sleeps.push(ms), random: () => 0 }).send(msg());
    expect(r.ok).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
    expect(server.duplicates()).toEqual([]);
  });

  it('gives up after the retries with a retryable failure', async () => {
    server.scenario.rateLimited = 10;
    const r = await channel({ retries: 1 }).send(msg());
    expect(!r.ok && r.error).toMatchObject({ code: 'rate_limited', retry: true, details: { twilioCode: 20429, attempts: 2 } });
  });

  it('a timeout is retryable but ambiguous, so it is not resent by default (no duplicate text)', async () => {
    server.scenario.hang = 1;
    server.scenario.recordHung = true;
    const r = await channel({ timeoutMs: 300, retries: 3 }).send(msg());
    expect(!r.ok && r.error).toMatchObject({ code: 'timeout', retry: true, details: { ambiguous: true, attempts: 1 } });
    expect(server.messages).toHaveLength(1);
  });

  it('with retryAmbiguous a timeout is resent — and the local server shows why that is off by default', async () => {
    server.scenario.hang = 1;
    server.scenario.recordHung = true;
    const r = await channel({ timeoutMs: 300, retries: 1, retryAmbiguous: true }).send(msg());
    expect(r.ok).toBe(true);
    expect(server.duplicates()).toEqual([{ to: '+13215550123', body: msg().body, count: 2 }]);
  });

  it('wrong credentials are a non-retryable unauthorized failure', async () => {
    const r = await channel({ authToken: 'wrong' } as Partial<TwilioSmsOptions>).send(msg());
    expect(!r.ok && r.error).toMatchObject({ code: 'unauthorized', retry: false });
    expect(server.requests[0]!.authorized).toBe(false);
  });

  it('an unreachable server is retryable and never ambiguous', async () => {
    const sms = createTwilioSmsChannel({
      client: createTwilioClient({ accountSid: server.accountSid, authToken: server.authToken, apiBaseUrl: 'http://127.0.0.1:1', timeoutMs: 500 }),
      sender: { numbers: pool },
      clock,
      sleep: noSleep,
      retries: 0,
    });
    const r = await sms.send(msg());
    expect(!r.ok && r.error).toMatchObject({ code: 'unavailable', retry: true, details: { ambiguous: false } });
  });

  it('rejects a bad request before calling Twilio', async () => {
    const r = await channel().send({ ...msg(), to: '407-555-0123' });
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_request', retry: false });
    expect(server.requests).toHaveLength(0);
  });

  it('opens the circuit after 3 consecutive failures, fails fast, alerts, and probes after the cool-down', async () => {
    const changes: CircuitStateChange[] = [];
    const c = fixedClock('2026-01-05T15:00:00Z');
    const sms = channel({ clock: c, retries: 0, onCircuitStateChange: (x) => changes.push(x) });
    server.scenario.fail500 = 3;
    for (let i = 0; i < 3; i++) await sms.send(msg('+13215550123', i));
    expect(changes.map((x) => `${x.from}>${x.to}`)).toEqual(['closed>open']);
    expect(changes[0]).toMatchObject({ name: 'sms:twilio', failures: 3, lastFailure: { code: 'unavailable' } });
    const fast = await sms.send(msg('+13215550123', 9));
    expect(!fast.ok && fast.error).toMatchObject({ code: 'circuit_open', retry: true });
    expect(server.requests).toHaveLength(3);
    c.advance(60_000);
    const probe = await sms.send(msg('+13215550123', 10));
    expect(probe.ok).toBe(true);
    expect(changes.map((x) => `${x.from}>${x.to}`)).toEqual(['closed>open', 'open>half_open', 'half_open>closed']);
  });

  it('a non-retryable refusal (opt-out) does not count against the circuit', async () => {
    server.scenario.errorsByRecipient['+13215550123'] = { code: 21610 };
    const sms = channel({ retries: 0 });
    for (let i = 0; i < 5; i++) await sms.send(msg('+13215550123', i));
    const r = await sms.send(msg('+13215550199'));
    expect(r.ok).toBe(true);
  });
});

describe('Twilio transport', () => {
  it('form-encodes as the SDK does: lists repeat their key, absent values are left out', () => {
    expect(encodeTwilioForm({ To: '+13215550123', Body: 'Hi & bye', StatusCallbackEvent: ['initiated', 'answered'], ValidityPeriod: undefined, Empty: null })).toBe(
      'To=%2B13215550123&Body=Hi+%26+bye&StatusCallbackEvent=initiated&StatusCallbackEvent=answered&Empty=',
    );
    expect(encodeTwilioForm(undefined)).toBe('');
  });
});

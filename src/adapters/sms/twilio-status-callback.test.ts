import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioServer, type FakeTwilioServer } from '../../../test/fakes/twilio-server.js';
import { fixedClock } from '../../lib/clock.js';
import { createTwilioSmsChannel } from './twilio.js';
import { createCarrierErrorTracker, parseTwilioStatusCallback, type TwilioStatusUpdate } from './twilio-status-callback.js';
import { twilioSignatureFor, verifyTwilioSignature } from './verify-twilio-signature.js';

const SID = `SM${'b'.repeat(32)}`;

describe('parseTwilioStatusCallback', () => {
  it('parses a form body and maps the error code', () => {
    const r = parseTwilioStatusCallback(`MessageSid=${SID}&MessageStatus=undelivered&ErrorCode=30007&To=%2B13215550123&From=%2B14075550100&AccountSid=AC1`);
    expect(r.ok && r.value).toEqual({
      messageSid: SID,
      status: 'undelivered',
      providerStatus: 'undelivered',
      errorCode: 30007,
      failure: { code: 'carrier_filtering', message: 'Twilio error 30007', retry: false, details: { twilioCode: 30007 } },
      to: '+13215550123',
      from: '+14075550100',
    });
  });

  it.each([
    ['queued', 'queued'],
    ['accepted', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
  ])('normalises %s to %s', (twilioStatus, ours) => {
    const r = parseTwilioStatusCallback({ MessageSid: SID, MessageStatus: twilioStatus, To: '+13215550123', From: '+14075550100' });
    expect(r.ok && r.value.status).toBe(ours);
  });

  it('reads the legacy SmsStatus, and names the bad field', () => {
    const legacy = parseTwilioStatusCallback({ MessageSid: SID, SmsStatus: 'delivered', To: '+1', From: '+2' });
    expect(legacy.ok && legacy.value.status).toBe('delivered');
    const bad = parseTwilioStatusCallback({ MessageSid: 'nope', MessageStatus: 'sent', To: '+1', From: '+2' });
    expect(!bad.ok && bad.error.message).toMatch(/MessageSid/);
    const unknown = parseTwilioStatusCallback({ MessageSid: SID, MessageStatus: 'teleported', To: '+1', From: '+2' });
    expect(!unknown.ok && unknown.error.message).toMatch(/unknown status "teleported"/);
  });

  it('21610 in a callback is an opt-out', () => {
    const r = parseTwilioStatusCallback({ MessageSid: SID, MessageStatus: 'failed', ErrorCode: '21610', To: '+1', From: '+2' });
    expect(r.ok && r.value.failure).toMatchObject({ code: 'recipient_opted_out', retry: false });
  });
});

describe('carrier error tracker', () => {
  it('counts 30007 per sender and ignores untracked codes', () => {
    const t = createCarrierErrorTracker();
    t.record({ from: '+14075550100', errorCode: 30007 });
    t.record({ from: '+14075550100', errorCode: 30007 });
    t.record({ from: '+14075550100', errorCode: 30003 });
    t.record({ from: '+14075550101', errorCode: 30007 });
    t.record({ from: '+14075550101', errorCode: 21610 });
    t.record({ from: '+14075550102' });
    expect(t.carrierFilteringByFrom()).toEqual({ '+14075550100': 2, '+14075550101': 1 });
    expect(t.countsByFrom()).toEqual({ '+14075550100': { 30003: 1, 30007: 2 }, '+14075550101': { 30007: 1 } });
  });
});

describe('verifyTwilioSignature', () => {
  const authToken = 'secret-token';
  const url = 'https://curb.example/webhooks/twilio/status?loc=1';
  const params = { MessageSid: SID, MessageStatus: 'delivered' };

  it('accepts the SDK signature and rejects tampering', () => {
    const signature = twilioSignatureFor({ authToken, url, params });
    expect(verifyTwilioSignature({ authToken, url, params, signature })).toBe(true);
    expect(verifyTwilioSignature({ authToken, url, params: { ...params, MessageStatus: 'failed' }, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken: 'other', url, params, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken, url: 'https://curb.example/elsewhere', params, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken, url, params, signature: undefined })).toBe(false);
  });
});

describe('status callbacks end to end (local Twilio server → local receiver)', () => {
  let twilioServer: FakeTwilioServer;
  let receiverUrl = '';
  const received: Array<{ verified: boolean; update: TwilioStatusUpdate | undefined }> = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const verified = verifyTwilioSignature({ authToken: twilioServer.authToken, url: receiverUrl, params, signature: req.headers['x-twilio-signature'] as string | undefined });
      const parsed = parseTwilioStatusCallback(body);
      received.push({ verified, update: parsed.ok ? parsed.value : undefined });
      res.writeHead(verified ? 204 : 403).end();
    });
  });

  beforeAll(async () => {
    twilioServer = await startTwilioServer();
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/twilio/status`;
  });
  afterAll(async () => {
    await twilioServer.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('a sent message gets a signed, parseable callback that the tracker counts', async () => {
    const sms = createTwilioSmsChannel({
      accountSid: twilioServer.accountSid,
      authToken: twilioServer.authToken,
      apiBaseUrl: twilioServer.baseUrl,
      sender: { numbers: ['+14075550100'] },
      clock: fixedClock('2026-01-05T15:00:00Z'),
    });
    const r = await sms.send({ to: '+13215550123', body: 'Hello', idempotencyKey: 'k1', statusCallbackUrl: receiverUrl });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await twilioServer.sendStatusCallback({ messageSid: r.value.providerMessageId, status: 'undelivered', errorCode: 30007 })).toBe(204);
    expect(received[0]).toMatchObject({ verified: true, update: { messageSid: r.value.providerMessageId, status: 'undelivered', errorCode: 30007, from: '+14075550100' } });
    const tracker = createCarrierErrorTracker();
    tracker.record(received[0]!.update!);
    expect(tracker.carrierFilteringByFrom()).toEqual({ '+14075550100': 1 });
  });
});

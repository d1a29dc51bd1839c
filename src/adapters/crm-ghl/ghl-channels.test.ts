/**
 * The GoHighLevel SMS, email and voicemail channels against the local LeadConnector server, built through
 * the channel factories: contact lookup and creation with the cache, failure codes of the ports, workflow
 * sends and voicemail drops.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGhlServer, type FakeGhlServer } from '../../../test/fakes/ghl-server.js';
import { fixedClock, type ManualClock } from '../../lib/clock.js';
import { createEmailChannel } from '../email/create-email-channel.js';
import type { EmailChannel } from '../email/interface.js';
import { createSmsChannel, type SmsChannelSettings } from '../sms/create-sms-channel.js';
import type { SmsChannel } from '../sms/interface.js';
import { createMemoryOutboxStore } from '../sms/outbox-store.js';
import { createVoicemailChannel } from '../voice/create-voicemail-channel.js';
import type { VoicemailChannel } from '../voice/interface.js';
import { connectGhl, parseGhlLocationTokens, type GhlConnection } from './connect-ghl.js';
import { createGhlClient } from './create-ghl-client.js';
import { createGhlContactResolver } from './resolve-contact.js';

let clock: ManualClock;
let server: FakeGhlServer;
let ghl: GhlConnection;

const outbox = createMemoryOutboxStore();

function connection(o: { timeoutMs?: number } = {}): GhlConnection {
  const client = createGhlClient({
    baseUrl: server.baseUrl,
    token: server.token,
    locationId: server.locationId,
    clock,
    sleep: async (ms) => clock.advance(ms),
    random: () => 0,
    timeoutMs: o.timeoutMs ?? 2_000,
  });
  return { locationId: server.locationId, client, contacts: createGhlContactResolver({ client, clock }) };
}

function settings(patch: Partial<SmsChannelSettings> = {}): SmsChannelSettings {
  return { SMS_PROVIDER: 'ghl', SDR_WORKFLOW_VOICEMAIL_DROP: 'wf_vm_drop', ...patch };
}

function sms(patch: Partial<SmsChannelSettings> = {}, conn = ghl): SmsChannel {
  const r = createSmsChannel({ settings: settings(patch), outbox, clock, ghl: conn });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function email(patch: Partial<SmsChannelSettings> = {}): EmailChannel {
  const r = createEmailChannel({ settings: { EMAIL_PROVIDER: 'ghl', ...patch }, outbox, clock, ghl });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function voicemail(): VoicemailChannel {
  const r = createVoicemailChannel({ settings: settings(), outbox, clock, ghl });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const mail = {
  to: 'dan.okafor@example.com',
  from: 'Sam at Acme Home Buyers <sam@acmehomebuyers.example>',
  replyTo: 'r+abc@reply.acmehomebuyers.example',
  subject: 'Your house on Oak Ave',
  text: 'Hi Dan,\n\nWould you consider an offer?',
  postalFooter: 'Acme Home Buyers, 100 Main St, Orlando, FL 32801',
  listUnsubscribeUrl: 'https://curb.example/u/abc',
  idempotencyKey: 'c4:EMAIL_1:2025-03-04',
};

beforeEach(async () => {
  clock = fixedClock('2025-03-04T15:00:00.000Z');
  server = await startGhlServer({ nowMs: () => clock.now().getTime() });
  ghl = connection();
});
afterEach(() => server.close());

describe('GoHighLevel SMS channel', () => {
  it('finds the contact by phone once, then sends through conversations to that number', async () => {
    const ch = sms();
    expect(ch.name).toBe('ghl');
    const r = await ch.send({ to: '+14075550101', body: 'Hi Ann, still thinking of selling 12 Elm St?', idempotencyKey: 'c1:SMS_1:2025-03-04' });
    expect(r).toEqual({ ok: true, value: { providerMessageId: server.messages[0]!.messageId, from: 'ghl:location-default', status: 'queued', segments: 1 } });
    const again = await ch.send({ to: '+14075550101', body: 'Following up', from: '+14075550999', idempotencyKey: 'c1:SMS_2:2025-03-06' });
    expect(again.ok && again.value.from).toBe('+14075550999');
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /contacts/search/duplicate', 'POST /conversations/messages', 'POST /conversations/messages']);
    expect(server.messages.map((m) => [m.contactId, m.toNumber, m.fromNumber])).toEqual([
      ['ct_ann', '+14075550101', undefined],
      ['ct_ann', '+14075550101', '+14075550999'],
    ]);
  });

  it('creates the contact HighLevel does not know yet (upsert), then texts it', async () => {
    const r = await sms().send({ to: '+14075550188', body: 'Hi, is 4 Birch Ln still yours?', idempotencyKey: 'k1' });
    expect(r.ok).toBe(true);
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /contacts/search/duplicate', 'POST /contacts/upsert', 'POST /conversations/messages']);
    expect([...server.contacts.values()].find((c) => c.phone === '+14075550188')).toBeDefined();
  });

  it('SMS DND in HighLevel is recipient_opted_out, not retryable', async () => {
    const r = await sms().send({ to: '+14075550102', body: 'Hello Bob', idempotencyKey: 'k' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'recipient_opted_out', retry: false, details: { ghlCode: 'bad_request' } });
  });

  it('a stale cached contact id is looked up again once', async () => {
    const ch = sms();
    expect((await ch.send({ to: '+14075550103', body: 'Hi Cara', idempotencyKey: 'a' })).ok).toBe(true);
    // The contact was merged into a new id in HighLevel.
    const cara = server.contacts.get('ct_cara')!;
    server.contacts.delete('ct_cara');
    server.contacts.set('ct_cara_2', { ...cara, id: 'ct_cara_2' });
    const r = await ch.send({ to: '+14075550103', body: 'Hi again', idempotencyKey: 'b' });
    expect(r.ok).toBe(true);
    expect(server.messages.map((m) => m.contactId)).toEqual(['ct_cara', 'ct_cara_2']);
  });

  it('maps throttling, outages and bad requests onto the SMS codes', async () => {
    const ch = sms();
    expect((await ch.send({ to: '+14075550101', body: 'warm up the contact cache', idempotencyKey: 'w' })).ok).toBe(true);
    server.scenario.rateLimited = 1;
    server.scenario.retryAfterSeconds = 120;
    const limited = await ch.send({ to: '+14075550101', body: 'x', idempotencyKey: 'a' });
    expect(!limited.ok && limited.error).toMatchObject({ code: 'rate_limited', retry: true });
    server.scenario.fail500 = 1;
    const down = await ch.send({ to: '+14075550101', body: 'x', idempotencyKey: 'b' });
    expect(!down.ok && down.error).toMatchObject({ code: 'unavailable', retry: true, details: { ambiguous: true } });
    const invalid = await ch.send({ to: '4075550101', body: 'x', idempotencyKey: 'c' });
    expect(!invalid.ok && invalid.error).toMatchObject({ code: 'invalid_request', retry: false });
  });

  it('a send that hangs is a retryable timeout, sent once', async () => {
    ghl = connection({ timeoutMs: 150 });
    const ch = sms();
    expect((await ch.send({ to: '+14075550101', body: 'warm up', idempotencyKey: 'w' })).ok).toBe(true);
    server.scenario.hang = 1;
    const r = await ch.send({ to: '+14075550101', body: 'x', idempotencyKey: 'a' });
    expect(!r.ok && r.error).toMatchObject({ code: 'timeout', retry: true });
    expect(server.requests.filter((q) => q.path === '/conversations/messages')).toHaveLength(2);
  });

  it('workflow mode enrols the contact in SDR_WORKFLOW_SMS_1 after a DND check', async () => {
    const ch = sms({ GHL_SEND_MODE: 'workflow', SDR_WORKFLOW_SMS_1: 'wf_sms_1' });
    const r = await ch.send({ to: '+14075550101', body: 'ignored: the workflow has its own text', idempotencyKey: 'c1:SMS_1:2025-03-04' });
    expect(r).toEqual({ ok: true, value: { providerMessageId: 'ghl-workflow:wf_sms_1:ct_ann:c1:SMS_1:2025-03-04', from: 'ghl:location-default', status: 'queued' } });
    expect(server.enrolments).toEqual([{ action: 'add', contactId: 'ct_ann', workflowId: 'wf_sms_1' }]);
    expect(server.messages).toHaveLength(0);
    const bob = await ch.send({ to: '+14075550102', body: 'x', idempotencyKey: 'k' });
    expect(!bob.ok && bob.error.code).toBe('recipient_opted_out');
    expect(server.enrolments).toHaveLength(1);
  });
});

describe('GoHighLevel email channel', () => {
  it('sends through conversations with the postal footer and unsubscribe link in the body', async () => {
    const r = await email().send(mail);
    expect(r).toEqual({ ok: true, value: { providerMessageId: `em_${server.messages[0]!.messageId}` } });
    const sent = server.messages[0]!;
    expect(sent).toMatchObject({ type: 'Email', contactId: 'ct_dan', subject: 'Your house on Oak Ave', emailTo: 'dan.okafor@example.com', emailFrom: mail.from });
    expect(sent.message).toContain('Acme Home Buyers, 100 Main St, Orlando, FL 32801');
    expect(sent.message).toContain('Unsubscribe: https://curb.example/u/abc');
    expect(sent.html).toContain('<p>Hi Dan,</p><p>Would you consider an offer?</p>');
    expect(sent.html).toContain('href="https://curb.example/u/abc"');
    expect(server.requests.find((q) => q.path === '/conversations/messages')?.version).toBe('2021-04-15');
  });

  it('Email DND is recipient_opted_out; throttling is a temporary failure', async () => {
    server.contacts.get('ct_dan')!.dndSettings = { Email: { status: 'active' } };
    const r = await email().send(mail);
    expect(!r.ok && r.error).toMatchObject({ code: 'recipient_opted_out', retry: false });
    server.scenario.rateLimited = 1;
    server.scenario.retryAfterSeconds = 300;
    const t = await email().send({ ...mail, to: 'ann.lee@example.com' });
    expect(!t.ok && t.error).toMatchObject({ code: 'temporary_failure', retry: true });
  });
});

describe('GoHighLevel voicemail channel', () => {
  it('drops a voicemail by enrolling the contact in SDR_WORKFLOW_VOICEMAIL_DROP', async () => {
    const r = await voicemail().drop({ to: '+14075550103', script: 'Hi Cara, this is Sam…', idempotencyKey: 'c3:VOICEMAIL_1:2025-03-04' });
    expect(r).toEqual({ ok: true, value: { providerCallId: 'ghl-workflow:wf_vm_drop:ct_cara:c3:VOICEMAIL_1:2025-03-04' } });
    expect(server.enrolments).toEqual([{ action: 'add', contactId: 'ct_cara', workflowId: 'wf_vm_drop' }]);
  });

  it('Call DND is recipient_opted_out before any enrolment; a missing workflow is rejected', async () => {
    server.contacts.get('ct_cara')!.dndSettings = { Call: { status: 'permanent' } };
    const r = await voicemail().drop({ to: '+14075550103', script: 'Hi', idempotencyKey: 'k' });
    expect(!r.ok && r.error).toMatchObject({ code: 'recipient_opted_out', retry: false });
    server.workflows.delete('wf_vm_drop');
    const gone = await voicemail().drop({ to: '+14075550101', script: 'Hi', idempotencyKey: 'k' });
    expect(!gone.ok && gone.error).toMatchObject({ code: 'rejected', retry: false });
    expect(server.enrolments).toHaveLength(0);
  });
});

describe('GoHighLevel channel factories from settings', () => {
  it('name the missing setting', () => {
    const a = createSmsChannel({ settings: { SMS_PROVIDER: 'ghl' }, outbox, clock });
    expect(!a.ok && a.error).toMatchObject({ code: 'config_missing' });
    expect(!a.ok && a.error.message).toMatch(/GHL_LOCATION_ID/);
    const b = createSmsChannel({ settings: { SMS_PROVIDER: 'ghl', GHL_LOCATION_ID: 'loc' }, outbox, clock });
    expect(!b.ok && b.error.message).toMatch(/GHL_PRIVATE_TOKEN/);
    const c = createVoicemailChannel({ settings: { SMS_PROVIDER: 'ghl', GHL_LOCATION_ID: 'loc', GHL_PRIVATE_TOKEN: 't' }, outbox, clock });
    expect(!c.ok && c.error.message).toMatch(/SDR_WORKFLOW_VOICEMAIL_DROP/);
    const d = createEmailChannel({ settings: { EMAIL_PROVIDER: 'ghl', GHL_LOCATION_ID: 'loc', GHL_PRIVATE_TOKEN: 't', GHL_SEND_MODE: 'workflow' }, outbox, clock });
    expect(!d.ok && d.error.message).toMatch(/SDR_WORKFLOW_EMAIL_1/);
  });

  it('build one shared client per location from GHL_API_BASE_URL, GHL_LOCATION_ID and the token', async () => {
    const s = { SMS_PROVIDER: 'ghl' as const, GHL_API_BASE_URL: server.baseUrl, GHL_LOCATION_ID: server.locationId, GHL_PRIVATE_TOKEN: server.token, SDR_WORKFLOW_VOICEMAIL_DROP: 'wf_vm_drop' };
    const a = connectGhl({ settings: s, clock });
    const b = connectGhl({ settings: s, clock });
    expect(a.ok && b.ok && a.value === b.value).toBe(true);
    const ch = createSmsChannel({ settings: s, outbox, clock });
    expect(ch.ok).toBe(true);
    if (!ch.ok) return;
    expect((await ch.value.send({ to: '+14075550101', body: 'Hi Ann', idempotencyKey: 'k' })).ok).toBe(true);
    expect(server.requests.every((q) => q.authorization === `Bearer ${server.token}`)).toBe(true);
  });

  it('per-location tokens come from GHL_LOCATION_TOKENS', () => {
    expect([...parseGhlLocationTokens(' locA:pit-aaa, locB:pit:b:c ,bad').entries()]).toEqual([
      ['locA', 'pit-aaa'],
      ['locB', 'pit:b:c'],
    ]);
    const r = connectGhl({ settings: { GHL_LOCATION_TOKENS: 'locB:pit-b' }, clock, locationId: 'locB' });
    expect(r.ok && r.value.locationId).toBe('locB');
    expect(connectGhl({ settings: { GHL_LOCATION_TOKENS: 'locB:pit-b' }, clock, locationId: 'locC' }).ok).toBe(false);
  });
});

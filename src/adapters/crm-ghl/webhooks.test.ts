import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadGhlFixture, signGhlBody, testWebhookKeys } from '../../../test/fakes/ghl-server.js';
import { checkReplay, webhookKeyOf } from './check-replay.js';
import type { GhlEvent } from './interface.js';
import { normalizeGhlEvent } from './normalize-event.js';
import { parseGhlWebhook } from './parse-webhook.js';
import { verifyGhlSignature } from './verify-signature.js';

const { publicKey } = testWebhookKeys();
const body = (name: string, patch: Record<string, unknown> = {}): string => JSON.stringify({ ...loadGhlFixture(name), ...patch });

function parse(name: string, patch: Record<string, unknown> = {}): GhlEvent {
  const r = parseGhlWebhook(body(name, patch));
  if (!r.ok) throw new Error(r.error.message);
  return r.event;
}

describe('verifyGhlSignature', () => {
  it('accepts a body signed with the matching key, as a string or as the raw Buffer', () => {
    const raw = body('inbound-message');
    const signature = signGhlBody(raw);
    expect(verifyGhlSignature({ rawBody: raw, signature, publicKeyPem: publicKey })).toBe(true);
    expect(verifyGhlSignature({ rawBody: Buffer.from(raw), signature: ` ${signature} `, publicKeyPem: publicKey })).toBe(true);
  });

  it('rejects a tampered body, even one that only re-serialises the same JSON', () => {
    const raw = body('inbound-message');
    const signature = signGhlBody(raw);
    expect(verifyGhlSignature({ rawBody: raw.replace('Maybe', 'Yes'), signature, publicKeyPem: publicKey })).toBe(false);
    expect(verifyGhlSignature({ rawBody: JSON.stringify(JSON.parse(raw), null, 2), signature, publicKeyPem: publicKey })).toBe(false);
  });

  it('rejects a signature made with another key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const raw = body('inbound-message');
    expect(verifyGhlSignature({ rawBody: raw, signature: signGhlBody(raw, other.privateKey), publicKeyPem: publicKey })).toBe(false);
  });

  it('is false, never a throw, for a missing or garbled signature or an unreadable key', () => {
    const raw = body('inbound-message');
    for (const signature of [undefined, null, '', '   ', '!!not base64!!', 'AAAA']) {
      expect(verifyGhlSignature({ rawBody: raw, signature, publicKeyPem: publicKey })).toBe(false);
    }
    expect(verifyGhlSignature({ rawBody: raw, signature: signGhlBody(raw), publicKeyPem: 'not a pem' })).toBe(false);
    expect(verifyGhlSignature({ rawBody: raw, signature: signGhlBody(raw), publicKeyPem: '' })).toBe(false);
  });
});

describe('parseGhlWebhook', () => {
  it('parses InboundMessage', () => {
    expect(parse('inbound-message')).toEqual({
      type: 'InboundMessage',
      webhookId: 'wh_01_inbound',
      locationId: 'loc_curb_demo',
      timestamp: '2025-03-04T15:00:00.000Z',
      contactId: 'ct_ann',
      conversationId: 'conv_ann',
      messageId: 'msg_in_0001',
      messageType: 'SMS',
      body: 'Maybe. What would you offer for the house on Elm St?',
      subject: null,
      from: '+14075550101',
      to: '+14075550199',
      attachments: [],
    });
  });

  it('parses OutboundMessage', () => {
    expect(parse('outbound-message')).toMatchObject({ type: 'OutboundMessage', contactId: 'ct_ann', messageId: 'msg_out_0001', messageType: 'SMS' });
  });

  it('parses ContactDndUpdate with the blocked channels', () => {
    expect(parse('contact-dnd-update')).toEqual({
      type: 'ContactDndUpdate',
      webhookId: 'wh_03_dnd',
      locationId: 'loc_curb_demo',
      timestamp: '2025-03-04T15:02:00.000Z',
      contactId: 'ct_bob',
      dnd: true,
      dndChannels: ['Email', 'SMS'],
      phone: '+14075550102',
      email: 'bob.reyes@example.com',
    });
  });

  it('parses AppointmentCreate with instants in UTC', () => {
    expect(parse('appointment-create')).toMatchObject({
      type: 'AppointmentCreate',
      appointment: { id: 'appt_0001', calendarId: 'cal_sdr', contactId: 'ct_ann', startTime: '2025-03-05T15:00:00.000Z', endTime: '2025-03-05T15:30:00.000Z', status: 'confirmed', title: 'Seller call: 12 Elm St' },
    });
  });

  it('parses OpportunityStageUpdate', () => {
    expect(parse('opportunity-stage-update')).toMatchObject({ type: 'OpportunityStageUpdate', opportunityId: 'opp_ann', contactId: 'ct_ann', pipelineId: 'pl_acq', pipelineStageId: 'stage_offer', status: 'open', monetaryValue: 185000 });
  });

  it('acknowledges an unknown type as Unknown with the raw body', () => {
    const e = parse('unknown-event');
    expect(e).toMatchObject({ type: 'Unknown', originalType: 'InvoicePaid', webhookId: 'wh_06_invoice', timestamp: '2025-03-04T15:05:00.000Z' });
    expect(e.type === 'Unknown' && e.raw).toMatchObject({ _id: 'inv_0001' });
  });

  it('falls back to dateAdded when a delivery has no timestamp', () => {
    expect(parse('inbound-message', { timestamp: undefined }).timestamp).toBe('2025-03-04T14:59:58.000Z');
  });

  it('rejects a body that is not JSON, has no type, or breaks a known shape', () => {
    expect(parseGhlWebhook('{nope').ok).toBe(false);
    expect(parseGhlWebhook('{"locationId":"x"}').ok).toBe(false);
    const broken = parseGhlWebhook(body('inbound-message', { contactId: undefined }));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatchObject({ code: 'invalid_webhook', retry: false });
  });
});

describe('checkReplay', () => {
  const now = new Date('2025-03-04T15:03:00.000Z');
  const store = (): { seen: (key: string) => boolean; keys: Set<string> } => {
    const keys = new Set<string>();
    return { keys, seen: (key) => (keys.has(key) ? true : (keys.add(key), false)) };
  };

  it('accepts a fresh delivery once and rejects the same webhookId again', async () => {
    const s = store();
    const event = parse('inbound-message');
    expect(await checkReplay({ event, now, seen: s.seen })).toEqual({ ok: true, value: { key: 'ghl:wh_01_inbound' } });
    const again = await checkReplay({ event, now, seen: s.seen });
    expect(again.ok || again.error.code).toBe('webhook_duplicate');
  });

  it('rejects a delivery older or newer than the window without recording it', async () => {
    const s = store();
    const old = parse('inbound-message', { timestamp: '2025-03-04T14:57:59.000Z' });
    const r = await checkReplay({ event: old, now, seen: s.seen });
    expect(r.ok || r.error.code).toBe('webhook_outside_window');
    expect(s.keys.size).toBe(0);
    const future = parse('inbound-message', { timestamp: '2025-03-04T15:08:01.000Z' });
    expect((await checkReplay({ event: future, now, seen: s.seen })).ok).toBe(false);
    const edge = parse('inbound-message', { timestamp: '2025-03-04T14:58:00.000Z' });
    expect((await checkReplay({ event: edge, now, seen: s.seen })).ok).toBe(true);
    expect((await checkReplay({ event: old, now, windowMs: 10 * 60_000, seen: store().seen })).ok).toBe(true);
  });

  it('rejects a delivery without any timestamp', async () => {
    const event = parse('inbound-message', { timestamp: undefined, dateAdded: undefined });
    const r = await checkReplay({ event, now, seen: store().seen });
    expect(r.ok || r.error.code).toBe('webhook_no_timestamp');
  });

  it('derives a stable key when HighLevel sends no webhookId, and awaits an async store', async () => {
    const event = parse('opportunity-stage-update', { webhookId: undefined });
    expect(webhookKeyOf(event)).toBe('ghl:OpportunityStageUpdate:opp_ann:stage_offer:2025-03-04T15:04:00.000Z');
    const keys = new Set<string>();
    const seen = async (key: string): Promise<boolean> => (keys.has(key) ? true : (keys.add(key), false));
    expect((await checkReplay({ event, now, seen })).ok).toBe(true);
    expect((await checkReplay({ event, now, seen })).ok).toBe(false);
  });
});

describe('normalizeGhlEvent: the seed names', () => {
  it('InboundMessage is a ContactReply', () => {
    expect(normalizeGhlEvent(parse('inbound-message'))).toMatchObject({ kind: 'ContactReply', contactId: 'ct_ann', channel: 'sms', messageId: 'msg_in_0001' });
    expect(normalizeGhlEvent(parse('inbound-message', { messageType: 'Email' }))).toMatchObject({ channel: 'email' });
  });

  it('AppointmentCreate is AppointmentScheduled', () => {
    expect(normalizeGhlEvent(parse('appointment-create'))).toMatchObject({ kind: 'AppointmentScheduled', appointmentId: 'appt_0001', contactId: 'ct_ann', calendarId: 'cal_sdr' });
  });

  it('ContactDndUpdate with DND on is ContactOptedOut; DND lifted is nothing', () => {
    expect(normalizeGhlEvent(parse('contact-dnd-update'))).toMatchObject({ kind: 'ContactOptedOut', contactId: 'ct_bob', channels: 'all' });
    expect(normalizeGhlEvent(parse('contact-dnd-update', { dnd: false }))).toMatchObject({ kind: 'ContactOptedOut', channels: ['Email', 'SMS'] });
    expect(normalizeGhlEvent(parse('contact-dnd-update', { dnd: false, dndSettings: {} }))).toBeNull();
  });

  it('OpportunityStageUpdate is OpportunityStageChanged; outbound echoes and unknown types are nothing', () => {
    expect(normalizeGhlEvent(parse('opportunity-stage-update'))).toMatchObject({ kind: 'OpportunityStageChanged', opportunityId: 'opp_ann', stageId: 'stage_offer' });
    expect(normalizeGhlEvent(parse('outbound-message'))).toBeNull();
    expect(normalizeGhlEvent(parse('unknown-event'))).toBeNull();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, REFERENCE_INSTANT, type TestContext } from '../../../../test/helpers/test-services.js';
import { fixedClock } from '../../../lib/clock.js';
import { createContact } from '../../../services/contacts/create-contact.js';
import { processInbound } from '../../../services/conversations/process-inbound.js';
import { receiveInbound } from '../../../services/conversations/receive-inbound.js';
import { importDncFile } from '../../../services/suppressions/import-dnc-file.js';

describe.each(databaseTargets())('/v1/conversations (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  let auth: { authorization: string };
  const clock = fixedClock(REFERENCE_INSTANT);
  let n = 0;
  const inbound = async (from: string, body: string) => {
    const r = await receiveInbound(ctx.services, { locationId, channel: 'sms', provider: 'twilio', providerMessageId: `SMapi${++n}`, from, to: '+14075550000', body });
    await processInbound(ctx.services, { communicationId: r.communicationId!, webhookEventId: r.webhookEventId });
    clock.advance(60_000);
    return r;
  };
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: auth });
  const post = (url: string, payload?: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url, headers: auth, ...(payload === undefined ? {} : { payload }) });

  let hot: string;
  let cold: string;
  let asker: string;

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock });
    ({ location: { id: locationId }, auth } = await createTenant(ctx.services));
    await ctx.services.database.executeSql("update locations set agent_name = 'Sam', phone = '+14075550000'");
    const dir = mkdtempSync(join(tmpdir(), 'curb-conv-api-'));
    writeFileSync(join(dir, 'national.txt'), '2145550000\n');
    await importDncFile(ctx.services, { list: 'national_dnc', path: join(dir, 'national.txt'), listDate: '2025-06-09' });
    rmSync(dir, { recursive: true, force: true });
    hot = (await createContact(ctx.services, { locationId, input: { ownerName: 'Hot Owner', phone: '4045552001', mailingState: 'GA' } })).id;
    cold = (await createContact(ctx.services, { locationId, input: { ownerName: 'Cold Owner', phone: '4045552002', mailingState: 'GA' } })).id;
    asker = (await createContact(ctx.services, { locationId, input: { ownerName: 'Asking Owner', phone: '4045552003', mailingState: 'GA' } })).id;
    await inbound('+14045552002', 'no thanks, not selling');
    await inbound('+14045552003', 'who is this?');
    await inbound('+14045552001', 'Yes I would sell, what is your offer?');
  });
  afterAll(async () => ctx.close());

  it('lists conversations newest first with preview, last intent and sentiment, takeover and lead status; pages with a cursor', async () => {
    const r = await get('/v1/conversations');
    expect(r.statusCode).toBe(200);
    const { items, nextCursor } = r.json();
    expect(nextCursor).toBeNull();
    expect(items.map((i: { contactId: string }) => i.contactId)).toEqual([hot, asker, cold]);
    expect(items[0]).toMatchObject({ contactName: 'Hot Owner', lastIntent: 'interested', humanTakeover: true, leadStatus: 'interested', lastMessagePreview: 'Yes I would sell, what is your offer?' });
    expect(items[0].lastSentiment).toBeGreaterThan(0);
    expect(items[2]).toMatchObject({ contactName: 'Cold Owner', lastIntent: 'not_interested', humanTakeover: false, leadStatus: 'cold' });
    // The asker got an auto-reply: the preview is the bot's answer.
    expect(items[1].lastMessagePreview).toMatch(/Sam with Acme Home Buyers/);

    const p1 = (await get('/v1/conversations?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (await get(`/v1/conversations?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((i: { contactId: string }) => i.contactId)).toEqual([cold]);
    expect(p2.nextCursor).toBeNull();

    expect((await get('/v1/conversations?takeover=true')).json().items.map((i: { contactId: string }) => i.contactId)).toEqual([hot]);
    expect((await get('/v1/conversations?takeover=false')).json().items).toHaveLength(2);
  });

  it('reads one conversation: contact, state, messages with their labels, qualification', async () => {
    const r = await get(`/v1/conversations/${asker}`);
    expect(r.statusCode).toBe(200);
    const c = r.json();
    expect(c.contact).toMatchObject({ id: asker, ownerName: 'Asking Owner' });
    expect(c.state).toEqual({ humanTakeover: false, takeoverAt: null, currentState: 'engaged' });
    expect(c.messages).toHaveLength(2);
    expect(c.messages[0]).toMatchObject({ direction: 'inbound', channel: 'sms', body: 'who is this?', intent: 'question', objection: 'info_request', author: null, status: 'read' });
    expect(typeof c.messages[0].intentConfidence).toBe('number');
    expect(typeof c.messages[0].sentimentScore).toBe('number');
    expect(c.messages[1]).toMatchObject({ direction: 'outbound', author: 'template', status: 'sent' });
    expect(Object.keys(c.messages[0]).sort()).toEqual(['author', 'body', 'channel', 'direction', 'id', 'intent', 'intentConfidence', 'objection', 'occurredAt', 'sentimentScore', 'status'].sort());
    expect(c.qualification).toMatchObject({ gatePassed: false });
  });

  it('takes over, replies as a person through compliance, and releases', async () => {
    const t = await post(`/v1/conversations/${asker}/takeover`);
    expect(t.statusCode).toBe(200);
    expect(t.json()).toMatchObject({ humanTakeover: true, currentState: 'human' });
    const r = await post(`/v1/conversations/${asker}/reply`, { body: 'Hi, Sam here. We are a local buyer; happy to chat whenever suits you.' });
    expect(r.statusCode, r.body).toBe(200);
    const reply = r.json();
    expect(reply).toMatchObject({ status: 'sent', decision: { decision: 'allow' }, communication: { author: 'human', direction: 'outbound', channel: 'sms' } });
    const [touch] = (await ctx.services.database.executeSql<{ initiation: string; author: string; compliance_decision_id: string }>('select initiation, author, compliance_decision_id from touches where id = $1', [reply.touchId])).rows;
    expect(touch).toMatchObject({ initiation: 'manual', author: 'human', compliance_decision_id: reply.decision.id });
    // The bot stays silent on a new question while a person has it.
    await inbound('+14045552003', 'ok but what company?');
    const msgs = (await get(`/v1/conversations/${asker}`)).json().messages;
    expect(msgs.at(-1)).toMatchObject({ direction: 'inbound', body: 'ok but what company?' });
    const rel = await post(`/v1/conversations/${asker}/release`);
    expect(rel.json()).toMatchObject({ humanTakeover: false, currentState: 'released' });
    expect(rel.json().releasedAt).not.toBeNull();
  });

  it('answers 422 naming the rules when compliance blocks a reply', async () => {
    await post(`/v1/contacts/${cold}/opt-out`);
    const r = await post(`/v1/conversations/${cold}/reply`, { body: 'Are you sure?' });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({ code: 'compliance_blocked' });
    expect(r.json().error.message).toContain('F8');
    expect(r.json().error.details.rules).toContain('F8');
  });

  it('exports a conversation as JSON and as CSV', async () => {
    const j = await get(`/v1/conversations/${hot}/export`);
    expect(j.statusCode).toBe(200);
    expect(j.headers['content-disposition']).toContain(`conversation-${hot}.json`);
    expect(j.json().messages[0].body).toBe('Yes I would sell, what is your offer?');
    const c = await get(`/v1/conversations/${hot}/export?format=csv`);
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toContain('text/csv');
    const lines = c.body.trim().split('\r\n');
    expect(lines[0]).toBe('occurredAt,direction,channel,author,status,intent,intentConfidence,sentimentScore,objection,body,id');
    expect(lines[1]).toContain('"Yes I would sell, what is your offer?"');
  });

  it('answers 404 for a contact of another location, 400 for a bad id, and 401 without a key', async () => {
    const other = await createTenant(ctx.services, 'Other Buyers');
    expect((await ctx.app.inject({ method: 'GET', url: `/v1/conversations/${hot}`, headers: other.auth })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'POST', url: `/v1/conversations/${hot}/reply`, headers: other.auth, payload: { body: 'hi' } })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/conversations', headers: other.auth })).json().items).toEqual([]);
    expect((await get('/v1/conversations/not-a-uuid')).statusCode).toBe(400);
    expect((await post(`/v1/conversations/${hot}/reply`, { body: '' })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/conversations' })).statusCode).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, REFERENCE_INSTANT, type TestContext } from '../../../../test/helpers/test-services.js';
import { inboundSmsFields, signedInboundSms } from '../../../../test/helpers/twilio-inbound.js';
import { fixedClock } from '../../../lib/clock.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContact } from '../../../services/contacts/create-contact.js';
import { importDncFile } from '../../../services/suppressions/import-dnc-file.js';
import { channelsFor } from '../../../services/outreach/channels.js';
import { runHandoffWatchdog } from '../../../services/handoff/run-handoff-watchdog.js';

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://curb.example.com';

// 2025-06-10T15:00Z: 11:00 in Atlanta, inside every window.
describe.each(databaseTargets())('POST /webhooks/twilio/sms — inbound replies end to end (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  let auth: { authorization: string };
  const clock = fixedClock(REFERENCE_INSTANT);
  let sid = 0;

  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const contact = (phone: string, extra: Record<string, unknown> = {}) =>
    createContact(ctx.services, { locationId, input: { ownerName: `Owner ${phone}`, phone, mailingState: 'GA', ...extra } });
  const deliver = async (from: string, body: string, messageSid = `SM${String(++sid).padStart(32, '0')}`) => {
    const s = signedInboundSms({ authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, fields: inboundSmsFields({ sid: messageSid, from, body }) });
    const r = await ctx.app.inject({ method: 'POST', url: '/webhooks/twilio/sms', payload: s.payload, headers: s.headers });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/xml');
    expect(r.body).toContain('<Response/>');
    return messageSid;
  };
  const smsTo = async (to: string) => (await channelsFor(ctx.services).outbox.list({ channel: 'sms' })).filter((e) => e.to === to);
  const decisionOf = async (messageSid: string) =>
    (await sql<{ action: string; inputs: Record<string, unknown>; outcome: Record<string, unknown> }>(
      'select d.action, d.inputs, d.outcome from conversation_decisions d join communications c on c.id = d.communication_id where c.provider_message_id = $1',
      [messageSid],
    ))[0];

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock, env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL, NOTIFY_SMS_TO: '+14075559999', NOTIFY_EMAIL_TO: 'boss@acme.example' } });
    ({ location: { id: locationId }, auth } = await createTenant(ctx.services));
    // Response templates sign with the agent's name and phone (set at onboarding).
    await ctx.services.database.executeSql("update locations set agent_name = 'Sam', phone = '+14075550000', email = 'sam@acme.example'");
    // A current National DNC scrub (F3), so a person's marketing reply is allowed.
    const dir = mkdtempSync(join(tmpdir(), 'curb-conv-'));
    writeFileSync(join(dir, 'national.txt'), '2145550000\n');
    await importDncFile(ctx.services, { list: 'national_dnc', path: join(dir, 'national.txt'), listDate: '2025-06-09' });
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => ctx.close());

  it('processes a valid message once even when Twilio delivers it three times', async () => {
    const c = await contact('4045550101');
    const messageSid = 'SM' + 'a'.repeat(32);
    for (let i = 0; i < 3; i++) await deliver('+14045550101', 'Who is this? How did you get my number', messageSid);
    expect(await sql('select id from webhook_events where event_id = $1', [messageSid])).toHaveLength(1);
    expect(await sql("select id from communications where contact_id = $1 and direction = 'inbound'", [c.id])).toHaveLength(1);
    expect(await sql('select id from conversation_decisions where contact_id = $1', [c.id])).toHaveLength(1);
    const d = await decisionOf(messageSid);
    expect(d?.action).toBe('auto_reply');
    expect(d?.outcome, JSON.stringify(d?.outcome)).toMatchObject({ reply: { sent: true } });
    expect(d?.inputs).toMatchObject({ intent: 'question', objection: 'info_request' });
    // One answer, informational, through compliance, to the number that wrote.
    expect(await smsTo('+14045550101')).toHaveLength(1);
    const touches = await sql<{ purpose: string; author: string; initiation: string }>('select purpose, author, initiation from touches where contact_id = $1', [c.id]);
    expect(touches).toEqual([{ purpose: 'informational', author: 'template', initiation: 'automated' }]);
    const [comm] = await sql<{ intent: string; sentiment_score: number; objection: string }>("select intent, sentiment_score, objection from communications where contact_id = $1 and direction = 'inbound'", [c.id]);
    expect(comm).toMatchObject({ intent: 'question', objection: 'info_request' });
    const [ev] = await sql<{ status: string }>('select status from webhook_events where event_id = $1', [messageSid]);
    expect(ev?.status).toBe('processed');
  });

  it('opts out first, sends one confirmation, and answers a second STOP with nothing', async () => {
    const c = await contact('4045550202');
    const first = await deliver('+14045550202', 'Please stop texting me, thanks');
    expect((await decisionOf(first))?.action).toBe('opt_out');
    const [row] = await sql<{ opt_out: boolean }>('select opt_out from contacts where id = $1', [c.id]);
    expect(row?.opt_out).toBe(true);
    expect(await sql("select id from suppressions where list = 'internal_dnc' and value = '+14045550202'")).toHaveLength(1);
    const [status] = await sql<{ status: string }>('select status from lead_statuses where contact_id = $1', [c.id]);
    expect(status?.status).toBe('opt_out');
    clock.advance(60_000);
    await deliver('+14045550202', 'STOP');
    const sent = await smsTo('+14045550202');
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.payload.body)).toMatch(/unsubscribed/);
    const confirmations = await sql<{ purpose: string }>("select purpose from touches where contact_id = $1 and status = 'sent'", [c.id]);
    expect(confirmations).toEqual([{ purpose: 'opt_out_confirmation' }]);
  });

  it('answers HELP, and START re-subscribes an opted-out number', async () => {
    const c = await contact('4045550303');
    await deliver('+14045550303', 'HELP');
    const help = await smsTo('+14045550303');
    expect(help).toHaveLength(1);
    expect(String(help[0]!.payload.body)).toMatch(/Acme Home Buyers.*STOP/s);
    await deliver('+14045550303', 'STOP');
    await deliver('+14045550303', 'START');
    const [row] = await sql<{ opt_out: boolean }>('select opt_out from contacts where id = $1', [c.id]);
    expect(row?.opt_out).toBe(false);
    expect(await sql("select kind from consent_events where contact_id = $1 and kind = 'opt_in'", [c.id])).toHaveLength(1);
    expect(await sql("select id from suppressions where list = 'internal_dnc' and value = '+14045550303'")).toHaveLength(0);
  });

  it('hands an interested owner to a person: takeover, interested, notifications by SMS and email; then the bot stays silent', async () => {
    const c = await contact('4045550404');
    const messageSid = await deliver('+14045550404', 'Yes! How much would you offer? Call me after 5');
    const d = await decisionOf(messageSid);
    expect(d?.action).toBe('handoff');
    const [state] = await sql<{ human_takeover: boolean; current_state: string }>('select human_takeover, current_state from conversation_states where contact_id = $1', [c.id]);
    expect(state).toMatchObject({ human_takeover: true, current_state: 'handed_off' });
    const [ls] = await sql<{ status: string }>('select status from lead_statuses where contact_id = $1', [c.id]);
    expect(ls?.status).toBe('interested');
    const notes = await sql<{ channel: string; status: string; to_address: string }>('select channel, status, to_address from notifications order by channel');
    expect(notes).toEqual([
      { channel: 'email', status: 'sent', to_address: 'boss@acme.example' },
      { channel: 'sms', status: 'sent', to_address: '+14075559999' },
    ]);
    const boss = await smsTo('+14075559999');
    expect(String(boss[0]!.payload.body)).toContain(`${PUBLIC_URL}/app/inbox/${c.id}`);
    const mail = (await channelsFor(ctx.services).outbox.list({ channel: 'email' })).find((e) => e.to === 'boss@acme.example');
    expect(mail?.payload).toMatchObject({ internal: true });
    expect(String(mail?.payload.text)).toContain('Owner: Yes! How much would you offer?');

    // A question during the takeover: no bot answer, the person is told.
    const q = await deliver('+14045550404', 'Who is this again?');
    expect((await decisionOf(q))?.action).toBe('notify_human');
    expect(await smsTo('+14045550404')).toHaveLength(0);

    // The watchdog reminds after the configured 15 minutes without a human reply...
    clock.advance(16 * 60_000);
    expect(await runHandoffWatchdog(ctx.services)).toMatchObject({ reminded: 1 });
    expect(await runHandoffWatchdog(ctx.services)).toMatchObject({ reminded: 0 });
    // ...and stops once a person has answered from the inbox.
    const reply = await ctx.app.inject({ method: 'POST', url: `/v1/conversations/${c.id}/reply`, headers: auth, payload: { body: 'Hi, this is Sam, I can call at 5:30. Does that work?' } });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'sent', decision: { decision: 'allow' }, communication: { author: 'human', direction: 'outbound' } });
    clock.advance(16 * 60_000);
    const w = await runHandoffWatchdog(ctx.services);
    expect(w.reminded).toBe(0);
    const [h] = await sql<{ status: string; notify_count: number }>('select status, notify_count from handoffs where contact_id = $1', [c.id]);
    expect(h).toEqual({ status: 'acknowledged', notify_count: 2 });
    clock.set(REFERENCE_INSTANT);
  });

  it('marks a refusal cold and stops outreach', async () => {
    const c = await contact('4045550505');
    const m = await deliver('+14045550505', 'Not interested. Not selling.');
    expect((await decisionOf(m))?.action).toBe('mark_cold');
    const [ls] = await sql<{ status: string }>('select status from lead_statuses where contact_id = $1', [c.id]);
    expect(ls?.status).toBe('cold');
    expect(await smsTo('+14045550505')).toHaveLength(0);
  });

  it('suppresses a wrong number and keeps the owner\'s other number', async () => {
    const c = await contact('4045550606');
    await ctx.services.database.executeSql(
      "insert into contact_points (id, location_id, contact_id, kind, value, source, status) values (gen_random_uuid(), $1, $2, 'phone', '+14045550607', 'skiptrace', 'active')",
      [locationId, c.id],
    );
    const m = await deliver('+14045550606', 'Wrong number, this isnt him');
    expect((await decisionOf(m))?.action).toBe('wrong_number');
    const points = await sql<{ value: string; status: string }>('select value, status from contact_points where contact_id = $1 order by value', [c.id]);
    expect(points).toEqual([
      { value: '+14045550606', status: 'wrong_number' },
      { value: '+14045550607', status: 'active' },
    ]);
    expect(await sql("select id from suppressions where list = 'internal_dnc' and value = '+14045550606' and reason = 'wrong_number'")).toHaveLength(1);
    const [row] = await sql<{ phone: string; opt_out: boolean }>('select phone, opt_out from contacts where id = $1', [c.id]);
    expect(row).toEqual({ phone: '+14045550607', opt_out: false });
  });

  it('makes an unknown sender a new lead (source inbound) and qualifies the conversation', async () => {
    const m = await deliver('+14045550777', 'I inherited my moms house and want to sell asap, needs a new roof. Asking 180k');
    const [c] = await sql<{ id: string; source: string; phone: string }>("select id, source, phone from contacts where phone = '+14045550777'");
    expect(c).toMatchObject({ source: 'inbound' });
    const [q] = await sql<{ lead_type: string; frs_score: number; facts: Record<string, { value: unknown; evidence: string }> }>('select lead_type, frs_score, facts from qualification where contact_id = $1', [c!.id]);
    expect(q?.lead_type).toBe('seller');
    expect(q?.facts.motivation?.value).toBe('inherited');
    expect(q?.facts.timeline?.value).toBe('asap');
    expect(q?.facts.askingPrice?.value).toBe(180_000);
    expect(q?.frs_score).toBeGreaterThan(50);
    expect((await decisionOf(m))?.inputs).toHaveProperty('gate');
  });
});

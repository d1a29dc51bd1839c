import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, REFERENCE_INSTANT, type TestContext } from '../../../test/helpers/test-services.js';
import { fixedClock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { createContact } from '../contacts/create-contact.js';
import { optOutContact } from '../contacts/opt-out-contact.js';
import { conversationSettingsFor } from './conversation-settings.js';
import { receiveInbound } from './receive-inbound.js';

// The webhook stores a message, its opt-out and its decision in one statement; the opt-out must be the one
// optOutContact writes (every point on the internal list, the revocation, lead status, enrollments, touches).
describe.each(databaseTargets())('receiveInbound in one statement (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  let n = 0;
  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const receive = (from: string, body: string) =>
    receiveInbound(
      ctx.services,
      { locationId, channel: 'sms', provider: 'twilio', providerMessageId: `SMone${++n}`, from, to: '+14075550000', body },
      { decide: { settings: conversationSettingsFor({}, ctx.services.config), llm: null } },
    );
  const optOutRows = async (contactId: string) => ({
    contact: (await sql<{ opt_out: boolean; has_time: boolean }>('select opt_out, opted_out_at is not null as has_time from contacts where id = $1', [contactId]))[0],
    points: await sql('select value, status from contact_points where contact_id = $1 order by value', [contactId]),
    suppressions: (await sql<{ value: string; list: string; reason: string }>('select s.value, s.list, s.reason from suppressions s join contact_points p on p.value = s.value where p.contact_id = $1 order by s.value', [contactId])).map((r) => ({ ...r, value: r.value.slice(-4) })),
    consent: await sql("select kind, channel, source, evidence ? 'textEnc' as evidence from consent_events where contact_id = $1", [contactId]),
    lead: await sql('select status from lead_statuses where contact_id = $1', [contactId]),
    enrollments: await sql('select status, state from enrollments where contact_id = $1', [contactId]),
  });

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock: fixedClock(REFERENCE_INSTANT) });
    ({ location: { id: locationId } } = await createTenant(ctx.services));
  });
  afterAll(async () => ctx.close());

  it('stores an opt-out as optOutContact does, with the message and its decision, once', async () => {
    const a = await createContact(ctx.services, { locationId, input: { ownerName: 'Owner A', phone: '4045552001', mailingState: 'GA' } });
    const b = await createContact(ctx.services, { locationId, input: { ownerName: 'Owner B', phone: '4045552002', mailingState: 'GA' } });
    const r = await receive('+14045552001', 'STOP');
    expect(r).toMatchObject({ duplicate: false, optedOut: true, createdContact: false, contactId: a.id });
    expect(r.decided?.decision.action).toBe('opt_out');
    await optOutContact(ctx.services, { locationId, contactId: b.id, source: 'sms_reply', channel: 'sms', evidence: 'STOP' });
    const viaWebhook = await optOutRows(a.id);
    expect(viaWebhook.contact).toEqual({ opt_out: true, has_time: true });
    expect(viaWebhook.suppressions).toEqual([{ value: '2001', list: 'internal_dnc', reason: 'opt_out' }]);
    const viaService = await optOutRows(b.id);
    expect({ ...viaWebhook, points: viaWebhook.points.map((p) => ({ ...p, value: '' })), suppressions: viaWebhook.suppressions.map((s) => ({ ...s, value: '' })) }).toEqual({
      ...viaService,
      points: viaService.points.map((p) => ({ ...p, value: '' })),
      suppressions: viaService.suppressions.map((s) => ({ ...s, value: '' })),
    });
    const [comm] = await sql<{ status: string; intent: string }>('select status, intent from communications where id = $1', [r.communicationId]);
    expect(comm).toEqual({ status: 'read', intent: 'opt_out' });
    expect(await sql('select id from conversation_decisions where communication_id = $1', [r.communicationId])).toHaveLength(1);
  });

  it('makes an unknown sender who opts out a new lead already opted out, on the internal list', async () => {
    const r = await receive('+14045552003', 'Tame me off yoyr list');
    expect(r).toMatchObject({ duplicate: false, optedOut: true, createdContact: true });
    const rows = await optOutRows(r.contactId!);
    expect(rows.contact).toEqual({ opt_out: true, has_time: true });
    expect(rows.points).toEqual([{ value: '+14045552003', status: 'opted_out' }]);
    expect(rows.suppressions).toEqual([{ value: '2003', list: 'internal_dnc', reason: 'opt_out' }]);
    expect(rows.consent).toEqual([{ kind: 'revocation', channel: 'sms', source: 'sms_reply', evidence: true }]);
    expect(rows.lead).toEqual([{ status: 'opt_out' }]);
  });

  it('stores a redelivery nothing and answers it from the stored event', async () => {
    const sid = `SMone${newId()}`;
    const message = { locationId, channel: 'sms' as const, provider: 'twilio', providerMessageId: sid, from: '+14045552004', to: '+14075550000', body: 'who is this' };
    const decide = { decide: { settings: conversationSettingsFor({}, ctx.services.config), llm: null } };
    const first = await receiveInbound(ctx.services, message, decide);
    const again = await receiveInbound(ctx.services, message, decide);
    expect(again).toMatchObject({ duplicate: true, webhookEventId: first.webhookEventId, communicationId: first.communicationId, contactId: first.contactId });
    expect(await sql('select id from communications where provider_message_id = $1', [sid])).toHaveLength(1);
    expect(await sql('select id from contacts where phone = $1', ['+14045552004'])).toHaveLength(1);
  });
});

/**
 * Acceptance (issue 10): a stale GoHighLevel lead → sourced and enrolled in the SDR sequence → SMS_1 sent
 * through the GoHighLevel channel (SMS_PROVIDER=ghl against the local LeadConnector server) → a signed
 * InboundMessage "yes, what's your offer?" → qualified, free slots offered → the owner picks one → the
 * appointment is created at the server → the enrollment is BOOKED. On a pinned clock inside the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { startGhlServer, type FakeGhlServer } from '../fakes/ghl-server.js';
import { databaseTargets } from '../helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../helpers/test-services.js';

// Tuesday 2025-03-04 10:00 in Orlando (15:00Z): inside the calling window; the fake calendar has free
// slots on Wednesday and Thursday morning.
const NOW = '2025-03-04T15:00:00.000Z';
const LEAD_PHONE = '+14075551000';

describe.each(databaseTargets())('GoHighLevel SDR end to end: %s', (kind) => {
  let ctx: TestContext;
  let ghl: FakeGhlServer;
  let auth: { authorization: string };
  let locationId: string;
  let contactId: string;
  const clock = fixedClock(NOW);
  let hook = 0;

  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const inbound = (body: string, messageId: string) =>
    ghl.delivery(
      { type: 'InboundMessage', locationId: ghl.locationId, contactId: 'ct_lead_000', conversationId: 'conv_lead_000', messageId, messageType: 'SMS', direction: 'inbound', status: 'delivered', contentType: 'text/plain', attachments: [], body, from: LEAD_PHONE, to: '+14075550199', dateAdded: clock.now().toISOString() },
      { webhookId: `wh_e2e_${++hook}`, timestamp: clock.now().toISOString() },
    );
  const post = (d: ReturnType<typeof inbound>, url = '/webhooks/ghl') => ctx.app.inject({ method: 'POST', url, headers: d.headers, payload: d.rawBody });
  const sms = () => ghl.messages.filter((m) => m.type === 'SMS' && m.contactId === 'ct_lead_000');

  beforeAll(async () => {
    ghl = await startGhlServer({ nowMs: () => clock.now().getTime() });
    // The stalest lead in the fake sub-account, with a real-looking name (the output guard rejects
    // names it cannot find in the facts, and "Lead000" reads like an invented one).
    Object.assign(ghl.contacts.get('ct_lead_000')!, { firstName: 'Lena', lastName: 'Ortiz' });
    ctx = await createTestContext(kind, {
      clock,
      env: {
        SMS_PROVIDER: 'ghl',
        GHL_API_BASE_URL: ghl.baseUrl,
        GHL_PRIVATE_TOKEN: ghl.token,
        GHL_LOCATION_ID: ghl.locationId,
        GHL_WEBHOOK_PUBLIC_KEY: ghl.publicKeyPem,
        SDR_CALENDAR_ID: 'cal_sdr',
        SDR_PIPELINE_STAGE_IDS: 'stage_new',
        NOTIFY_EMAIL_TO: 'boss@acme.example',
      },
    });
    ({ auth, location: { id: locationId } } = await createTenant(ctx.services));
    await sql(`update locations set agent_name = 'Sam', phone = '+14075550100', time_zone = 'America/New_York' where id = $1`, [locationId]);
    // A national-list download yesterday: F3's scrub date for automated texts.
    await sql(`insert into suppression_lists (id, list, list_date, file_name, created_at) values (gen_random_uuid(), 'national_dnc', '2025-03-03', 'fixture', $1)`, [NOW]);
  });
  afterAll(async () => {
    await ctx?.close();
    await ghl?.close();
  });

  it('sources the stalest GoHighLevel lead and enrols it in the SDR sequence', async () => {
    const r = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/prospects/source', headers: auth, payload: { sources: ['stale_lead'], maxPerSource: 1 } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ status: 'completed', enrolled: 1, alreadyEnrolled: 0, sequenceVariant: 'default' });
    expect(body.sources).toEqual([expect.objectContaining({ source: 'stale_lead', found: 1, created: 1 })]);
    contactId = body.sources[0].contactIds[0];
    const [c] = await sql<{ ghl_contact_id: string; phone: string }>('select ghl_contact_id, phone from contacts where id = $1', [contactId]);
    expect(c).toEqual({ ghl_contact_id: 'ct_lead_000', phone: LEAD_PHONE });
    const [p] = await sql<{ source: string; enrolled_at: Date | null }>('select source, enrolled_at from prospects where contact_id = $1', [contactId]);
    expect(p?.source).toBe('ghl');
    expect(p?.enrolled_at).not.toBeNull();
    // The owner signed the seller form's written consent (needed for automated marketing texts).
    await sql(`insert into consent_events (id, location_id, contact_id, kind, channel, source, occurred_at, created_at) values (gen_random_uuid(), $1, $2, 'written', 'any', 'web_form', '2025-02-01T00:00:00Z', $3)`, [locationId, contactId, NOW]);
    // GoHighLevel knows the owner, not the parcel: the property is matched in from county records (the
    // default templates name the address; without one the step is skipped and an alert says why).
    await sql(
      `with p as (insert into properties (id, location_id, parcel_id, situs_address, situs_city, situs_state, situs_zip, owner_name, source, created_at, updated_at)
                  values (gen_random_uuid(), $1, 'P-ELM-12', '12 Elm St', 'Orlando', 'FL', '32801', 'Lena Ortiz', 'test', $3, $3) returning id)
       insert into property_contacts (property_id, contact_id) select id, $2 from p`,
      [locationId, contactId, NOW],
    );
    // Sourcing again changes nothing.
    const again = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/prospects/source', headers: auth, payload: { sources: ['stale_lead'], maxPerSource: 1 } });
    expect(again.json()).toMatchObject({ enrolled: 0, alreadyEnrolled: 1 });
  });

  it('sends SMS_1 through GoHighLevel on the cron batch', async () => {
    const r = await ctx.app.inject({ method: 'POST', url: '/v1/sdr/sequences/process-batch', headers: auth, payload: { batchSize: 10 } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ scheduled: { claimed: 1, outcomes: { queued: 1 } }, dispatched: { sent: 1 } });
    expect(sms()).toHaveLength(1);
    expect(sms()[0]!.toNumber).toBe(LEAD_PHONE);
    const seq = (await ctx.app.inject({ method: 'GET', url: `/v1/sdr/sequences/${contactId}`, headers: auth })).json();
    expect(seq.sequences).toHaveLength(1);
    expect(seq.sequences[0]).toMatchObject({ currentStep: 'SMS_1', status: 'active', touchesSent: 1, sequenceVariant: 'default' });
    expect(seq.sequences[0].touches).toEqual([expect.objectContaining({ stepName: 'SMS_1', status: 'sent', provider: 'ghl', providerMessageId: sms()[0]!.messageId })]);
  });

  it('reads "yes, what\'s your offer?" as qualified and offers free slots', async () => {
    clock.advance(20 * 60_000);
    const d = inbound("yes, what's your offer?", 'msg_in_e2e_1');
    const r = await post(d);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ received: true, type: 'InboundMessage', handled: 'inbound_message', duplicate: false });
    const [decision] = await sql<{ action: string; outcome: { booking?: { offer?: string; slots?: string[] } } }>(
      `select d.action, d.outcome from conversation_decisions d join communications c on c.id = d.communication_id where c.provider = 'ghl' and c.provider_message_id = 'msg_in_e2e_1'`,
    );
    expect(decision?.action).toBe('handoff');
    expect(decision?.outcome.booking).toMatchObject({ offer: 'sent', reason: 'owner asked to talk' });
    expect(decision?.outcome.booking?.slots).toHaveLength(3);
    expect(sms()).toHaveLength(2);
    expect(sms()[1]!.message).toMatch(/^Would one of these times work for a quick call\? 1\) tomorrow at 9am 2\) tomorrow at \d+(:\d\d)?[ap]m 3\) Thu at \d+(:\d\d)?[ap]m \(ET\)\. Just reply with the number\./);
    const profile = (await ctx.app.inject({ method: 'GET', url: `/v1/sdr/prospects/${contactId}`, headers: auth })).json();
    expect(profile.sequences[0].currentStep).toBe('QUALIFIED');
    expect(profile.conversation.booking).toMatchObject({ status: 'offered', calendarId: 'cal_sdr' });
    expect(profile.prospect).toMatchObject({ source: 'ghl', leadType: 'seller' });
    expect(profile.qualification).not.toBeNull();
    // The offer was decided as informational (an answer to the owner's request) and allowed.
    const [offer] = await sql<{ purpose: string; decision: string }>(
      `select t.purpose, cd.decision from touches t join compliance_decisions cd on cd.id = t.compliance_decision_id where t.idempotency_key = 'slot-offer:' || (select id from communications where provider_message_id = 'msg_in_e2e_1')`,
    );
    expect(offer).toEqual({ purpose: 'informational', decision: 'allow' });
  });

  it('a replayed delivery is processed once', async () => {
    const firstWebhookId = `wh_e2e_${hook}`;
    const d = inbound("yes, what's your offer?", 'msg_in_e2e_1');
    // The same webhookId again: acknowledged, not processed.
    const first = ghl.delivery(JSON.parse(d.rawBody) as Record<string, unknown>, { webhookId: firstWebhookId });
    const r = await post(first);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ duplicate: true });
    // A redelivery under a new webhookId but the same message id: stored once, nothing sent twice.
    const r2 = await post(d);
    expect(r2.json()).toMatchObject({ handled: 'inbound_message', duplicate: true });
    expect(sms()).toHaveLength(2);
    expect(await sql(`select id from communications where provider_message_id = 'msg_in_e2e_1'`)).toHaveLength(1);
  });

  it('books the slot the owner picks, confirms it, and ends BOOKED', async () => {
    clock.advance(5 * 60_000);
    const [{ booking }] = (await sql<{ booking: { slots: Array<{ startTime: string }> } }>('select booking from conversation_states where contact_id = $1', [contactId])) as [{ booking: { slots: Array<{ startTime: string }> } }];
    const second = booking.slots[1]!.startTime;
    const r = await post(inbound('2 works for me', 'msg_in_e2e_2'), '/v1/sdr/webhook/reply');
    expect(r.statusCode).toBe(200);
    expect(ghl.appointments).toHaveLength(1);
    expect(ghl.appointments[0]).toMatchObject({ calendarId: 'cal_sdr', contactId: 'ct_lead_000', startTime: second, appointmentStatus: 'confirmed' });
    expect(sms()).toHaveLength(3);
    expect(sms()[2]!.message).toMatch(/^You're all set: Sam will call you tomorrow at \d+(:\d\d)?[ap]m \(ET\)/);
    const seq = (await ctx.app.inject({ method: 'GET', url: `/v1/sdr/sequences/${contactId}`, headers: auth })).json();
    expect(seq.sequences[0]).toMatchObject({ currentStep: 'BOOKED', nextTouchAt: null });
    const [h] = await sql<{ status: string; reason: string }>('select status, reason from handoffs where contact_id = $1', [contactId]);
    expect(h?.status).toBe('open');
    const notices = await sql<{ kind: string }>(`select kind from notifications where kind = 'booking'`);
    expect(notices).toHaveLength(1);
    // HighLevel then announces the appointment Curb made: already recorded, nothing happens twice.
    const appt = ghl.appointments[0]!;
    const a = ghl.delivery({ type: 'AppointmentCreate', locationId: ghl.locationId, appointment: appt }, { webhookId: 'wh_e2e_appt', timestamp: clock.now().toISOString() });
    const ar = await post(a as ReturnType<typeof inbound>);
    expect(ar.json()).toMatchObject({ handled: 'booked', already: true });
    expect(await sql(`select kind from notifications where kind = 'booking'`)).toHaveLength(1);
  });
});

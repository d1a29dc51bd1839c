import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGhlFixture, startGhlServer, type FakeGhlServer } from '../../../../test/fakes/ghl-server.js';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { fixedClock } from '../../../lib/clock.js';
import { createContact } from '../../../services/contacts/create-contact.js';
import { enrollProspects } from '../../../services/sdr/enroll-prospects.js';

// Pinned inside the fixtures' delivery times (2025-03-04T15:00–15:05Z); 10:03 in Orlando.
const NOW = '2025-03-04T15:03:00.000Z';

describe.each(databaseTargets())('GoHighLevel webhooks: each event type (%s)', (kind) => {
  let ctx: TestContext;
  let ghl: FakeGhlServer;
  let locationId: string;
  let auth: { authorization: string };
  const ids: Record<string, string> = {};
  const clock = fixedClock(NOW);
  let n = 0;
  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  /** A HighLevel-shaped delivery: the fixture with overrides, signed, with a fresh webhookId. */
  const deliver = async (fixture: string, overrides: Record<string, unknown> = {}, url = '/webhooks/ghl') => {
    const d = ghl.delivery({ ...loadGhlFixture(fixture), ...overrides }, { webhookId: `wh_happy_${++n}`, timestamp: clock.now().toISOString() });
    const r = await ctx.app.inject({ method: 'POST', url, headers: d.headers, payload: d.rawBody });
    expect(r.statusCode).toBe(200);
    return r.json() as Record<string, unknown>;
  };

  beforeAll(async () => {
    ghl = await startGhlServer({ nowMs: () => clock.now().getTime() });
    ctx = await createTestContext(kind, {
      clock,
      env: { GHL_API_BASE_URL: ghl.baseUrl, GHL_PRIVATE_TOKEN: ghl.token, GHL_LOCATION_ID: ghl.locationId, GHL_WEBHOOK_PUBLIC_KEY: ghl.publicKeyPem, SDR_PIPELINE_STAGE_IDS: 'stage_new,stage_offer' },
    });
    ({ auth, location: { id: locationId } } = await createTenant(ctx.services));
    for (const [key, name, phone] of [['ct_ann', 'Ann Lee', '4075550101'], ['ct_bob', 'Bob Reyes', '4075550102']] as const) {
      const c = await createContact(ctx.services, { locationId, input: { ownerName: name, phone, mailingState: 'FL' } });
      await sql('update contacts set ghl_contact_id = $1 where id = $2', [key, c.id]);
      ids[key] = c.id;
    }
    await enrollProspects(ctx.services, { locationId, contactIds: [ids.ct_ann!, ids.ct_bob!], source: 'ghl' });
  });
  afterAll(async () => {
    await ctx?.close();
    await ghl?.close();
  });

  it('InboundMessage goes through the conversations pipeline, once per HighLevel message id', async () => {
    const r = await deliver('inbound-message');
    expect(r).toMatchObject({ type: 'InboundMessage', handled: 'inbound_message', duplicate: false, contactId: ids.ct_ann });
    const [m] = await sql<{ direction: string; channel: string; provider: string; from_address: string }>("select direction, channel, provider, from_address from communications where provider_message_id = 'msg_in_0001'");
    expect(m).toEqual({ direction: 'inbound', channel: 'sms', provider: 'ghl', from_address: '+14075550101' });
    const [d] = await sql<{ action: string; completed: boolean }>("select d.action, d.completed_at is not null as completed from conversation_decisions d join communications c on c.id = d.communication_id where c.provider_message_id = 'msg_in_0001'");
    expect(d?.completed).toBe(true);
    // Redelivered by HighLevel under another webhookId: stored once.
    expect(await deliver('inbound-message')).toMatchObject({ handled: 'inbound_message', duplicate: true });
    expect(await sql("select id from communications where provider_message_id = 'msg_in_0001'")).toHaveLength(1);
  });

  it('an InboundMessage STOP opts the contact out, like any reply', async () => {
    const r = await deliver('inbound-message', { contactId: 'ct_bob', from: '+14075550102', body: 'STOP', messageId: 'msg_in_stop' }, '/v1/sdr/webhook/reply');
    expect(r).toMatchObject({ handled: 'inbound_message', optedOut: true });
    expect((await sql<{ opt_out: boolean }>('select opt_out from contacts where id = $1', [ids.ct_bob]))[0]?.opt_out).toBe(true);
    expect((await sql<{ state: string }>('select state from enrollments where contact_id = $1', [ids.ct_bob]))[0]?.state).toBe('OPTED_OUT');
  });

  it('an InboundMessage from an unknown contact without a sender, or on another channel, is acknowledged and ignored', async () => {
    expect(await deliver('inbound-message', { contactId: 'ct_nobody', from: null, messageId: 'msg_in_x' })).toMatchObject({ ignored: 'unknown contact and no sender address' });
    expect(await deliver('inbound-message', { messageType: 'Call', messageId: 'msg_call' })).toMatchObject({ ignored: expect.stringContaining('not an SMS or email') });
  });

  it('OutboundMessage is logged as a person’s message so the conversation is complete; Curb’s own sends are not logged twice', async () => {
    const r = await deliver('outbound-message');
    expect(r).toMatchObject({ handled: 'outbound_message', duplicate: false });
    const [m] = await sql<{ direction: string; author: string; contact_id: string }>("select direction, author, contact_id from communications where provider_message_id = 'msg_out_0001'");
    expect(m).toEqual({ direction: 'outbound', author: 'human', contact_id: ids.ct_ann });
    const conv = (await ctx.app.inject({ method: 'GET', url: `/v1/conversations/${ids.ct_ann}`, headers: auth })).json() as { messages?: Array<{ body: string }> };
    expect(JSON.stringify(conv)).toContain('Are you still thinking about selling?');
    expect(await deliver('outbound-message')).toMatchObject({ ignored: 'sent by Curb' });
    expect(await deliver('outbound-message', { contactId: 'ct_stranger' })).toMatchObject({ ignored: 'unknown contact' });
  });

  it('ContactDndUpdate with DND on opts out; DND lifted changes nothing', async () => {
    const c = await createContact(ctx.services, { locationId, input: { ownerName: 'Carla Diaz', phone: '4075550177', mailingState: 'FL' } });
    await sql("update contacts set ghl_contact_id = 'ct_cara_dnd' where id = $1", [c.id]);
    const on = await deliver('contact-dnd-update', { id: 'ct_cara_dnd', dnd: false, dndSettings: { SMS: { status: 'active', message: 'Replied STOP' } } }, '/v1/sdr/webhook/opt-out');
    expect(on).toMatchObject({ handled: 'opt_out', channels: ['SMS'] });
    expect((await sql<{ opt_out: boolean }>('select opt_out from contacts where id = $1', [c.id]))[0]?.opt_out).toBe(true);
    const off = await deliver('contact-dnd-update', { id: 'ct_cara_dnd', dnd: false, dndSettings: { SMS: { status: 'inactive' } } });
    expect(off).toMatchObject({ ignored: expect.stringContaining('DND lifted') });
    expect((await sql<{ opt_out: boolean }>('select opt_out from contacts where id = $1', [c.id]))[0]?.opt_out).toBe(true);
    expect(await deliver('contact-dnd-update', { id: 'ct_unknown' })).toMatchObject({ ignored: 'unknown contact' });
  });

  it('AppointmentCreate books: enrollment BOOKED, cadence stopped, handoff open', async () => {
    const r = await deliver('appointment-create', {}, '/v1/sdr/webhook/booking-confirmed');
    expect(r).toMatchObject({ handled: 'booked', contactId: ids.ct_ann, enrollmentsBooked: 1 });
    const [e] = await sql<{ state: string; status: string; next_touch_at: Date | null }>('select state, status, next_touch_at from enrollments where contact_id = $1', [ids.ct_ann]);
    expect(e).toEqual({ state: 'BOOKED', status: expect.any(String), next_touch_at: null });
    expect(e?.status).not.toBe('active');
    expect(await sql("select status from handoffs where contact_id = $1 and status = 'open'", [ids.ct_ann])).toHaveLength(1);
    const profile = (await ctx.app.inject({ method: 'GET', url: `/v1/sdr/prospects/${ids.ct_ann}`, headers: auth })).json();
    expect(profile.conversation.booking).toMatchObject({ status: 'booked', source: 'ghl', appointmentId: 'appt_0001' });
    expect(await deliver('appointment-create', { appointment: { ...(loadGhlFixture('appointment-create').appointment as object), contactId: 'ct_ghost' } })).toMatchObject({ ignored: 'unknown contact' });
  });

  it('OpportunityStageUpdate into an SDR stage sources and enrols a contact Curb did not know; won stops the cadence', async () => {
    const r = await deliver('opportunity-stage-update', { id: 'opp_cara', contactId: 'ct_cara', pipelineStageId: 'stage_offer' }, '/v1/sdr/webhook/stage-change');
    expect(r).toMatchObject({ handled: 'enrolled', enrolled: 1 });
    const [c] = await sql<{ id: string; phone: string }>("select id, phone from contacts where ghl_contact_id = 'ct_cara'");
    expect(c?.phone).toBe('+14075550103');
    expect(await sql<{ state: string; status: string }>('select state, status from enrollments where contact_id = $1', [c!.id])).toEqual([{ state: 'ENROLLED', status: 'active' }]);
    // Again: already enrolled.
    expect(await deliver('opportunity-stage-update', { id: 'opp_cara', contactId: 'ct_cara', pipelineStageId: 'stage_new' })).toMatchObject({ handled: 'enrolled', enrolled: 0, alreadyEnrolled: 1 });
    // A stage outside SDR_PIPELINE_STAGE_IDS: nothing.
    expect(await deliver('opportunity-stage-update', { id: 'opp_cara', contactId: 'ct_cara', pipelineStageId: 'stage_contract' })).toMatchObject({ ignored: expect.stringContaining('not in SDR_PIPELINE_STAGE_IDS') });
    // Won: the cadence ends.
    const won = await deliver('opportunity-stage-update', { id: 'opp_cara', contactId: 'ct_cara', pipelineStageId: 'stage_closed', status: 'won' });
    expect(won).toMatchObject({ handled: 'stopped', status: 'won', enrollmentsStopped: 1 });
    expect(await sql<{ status: string }>('select status from enrollments where contact_id = $1', [c!.id])).toEqual([{ status: 'completed' }]);
  });

  it('an event type Curb does not use is acknowledged', async () => {
    expect(await deliver('unknown-event')).toMatchObject({ ignored: 'event type InvoicePaid is not used by Curb' });
  });
});

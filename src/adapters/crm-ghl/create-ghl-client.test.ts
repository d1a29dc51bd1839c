/**
 * Contract tests of the GoHighLevel client against the local LeadConnector-compatible server. Time is a
 * manual clock shared by client and server; `sleep` moves it, so back-off and rate limiting cost no
 * real time (only the timeout test waits for real).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, type ManualClock } from '../../lib/clock.js';
import { startGhlServer, type FakeGhlServer, type StartGhlServerOptions } from '../../../test/fakes/ghl-server.js';
import { createGhlClient, type CreateGhlClientOptions } from './create-ghl-client.js';
import type { GhlClient } from './interface.js';

const T0 = '2025-03-04T15:00:00.000Z';

let clock: ManualClock;
let sleeps: number[];
let server: FakeGhlServer;
let ghl: GhlClient;

async function setup(serverOptions: StartGhlServerOptions = {}, clientOptions: Partial<CreateGhlClientOptions> = {}): Promise<void> {
  clock = fixedClock(T0);
  sleeps = [];
  server = await startGhlServer({ nowMs: () => clock.now().getTime(), ...serverOptions });
  ghl = client(clientOptions);
}

function client(o: Partial<CreateGhlClientOptions> = {}): GhlClient {
  return createGhlClient({
    baseUrl: server.baseUrl,
    token: server.token,
    locationId: server.locationId,
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    random: () => 1,
    retries: 3,
    timeoutMs: 2_000,
    ...o,
  });
}

afterEach(async () => {
  await server.close();
});

describe('GoHighLevel client: every method against the LeadConnector contract', () => {
  beforeEach(() => setup());

  it('getContact normalises the contact and sends Bearer token and Version 2021-07-28', async () => {
    const r = await ghl.getContact('ct_ann');
    expect(r).toEqual({
      ok: true,
      value: {
        id: 'ct_ann',
        locationId: 'loc_curb_demo',
        firstName: 'Ann',
        lastName: 'Lee',
        name: 'Ann Lee',
        phone: '+14075550101',
        email: 'ann.lee@example.com',
        tags: ['sdr'],
        dnd: false,
        dndChannels: [],
        dateAdded: '2024-11-02T10:00:00.000Z',
        dateUpdated: '2025-02-20T10:00:00.000Z',
        lastActivity: '2025-02-21T09:00:00.000Z',
      },
    });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/contacts/ct_ann', version: '2021-07-28', authorization: `Bearer ${server.token}` });
  });

  it('getContact of an unknown id is a non-retryable not_found', async () => {
    const r = await ghl.getContact('ct_nobody');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'not_found', retry: false });
    expect(server.requests).toHaveLength(1);
  });

  it('getContactsByPipelineStage returns each contact of the stage once, hydrated with DND', async () => {
    const r = await ghl.getContactsByPipelineStage({ stageId: 'stage_new', limit: 10 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((c) => c.id)).toEqual(['ct_ann', 'ct_bob']);
    expect(r.value[1]).toMatchObject({ dnd: false, dndChannels: ['SMS'], phone: '+14075550102' });
    const search = server.requests.find((q) => q.path === '/opportunities/search');
    expect(search?.query).toMatchObject({ location_id: 'loc_curb_demo', pipeline_stage_id: 'stage_new', limit: '100' });
    expect(search?.version).toBe('2021-07-28');
  });

  it('getContactsByPipelineStage narrows by pipeline and can skip hydration', async () => {
    const r = await ghl.getContactsByPipelineStage({ pipelineId: 'pl_acq', stageId: 'stage_offer', hydrate: false });
    expect(r.ok && r.value.map((c) => [c.id, c.name, c.phone])).toEqual([['ct_cara', 'Cara Nunez', '+14075550103']]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.query.pipeline_id).toBe('pl_acq');
  });

  it('paginates opportunities with startAfterId until the limit or the last page', async () => {
    const all = await ghl.getContactsByPipelineStage({ stageId: 'stage_stale', limit: 500, hydrate: false });
    expect(all.ok && all.value).toHaveLength(120);
    const pages = server.requests.filter((q) => q.path === '/opportunities/search');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.query.startAfterId).toBe('opp_lead_099');

    server.requests.length = 0;
    const some = await ghl.getContactsByPipelineStage({ stageId: 'stage_stale', limit: 30, hydrate: false });
    expect(some.ok && some.value.map((c) => c.id).slice(0, 2)).toEqual(['ct_lead_000', 'ct_lead_001']);
    expect(some.ok && some.value).toHaveLength(30);
    expect(server.requests).toHaveLength(1);
  });

  it('getContactsInactiveSince searches by dateUpdated, oldest first, and drops contacts with later activity', async () => {
    const r = await ghl.getContactsInactiveSince({ since: '2025-01-01T00:00:00.000Z', limit: 1000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ids = r.value.map((c) => c.id);
    expect(ids).toHaveLength(122);
    expect(ids[0]).toBe('ct_lead_000');
    expect(ids).toContain('ct_bob');
    expect(ids).toContain('ct_dan');
    expect(ids).not.toContain('ct_cara'); // updated in December but active in February
    expect(ids).not.toContain('ct_ann');
    const searches = server.requests.filter((q) => q.path === '/contacts/search');
    expect(searches).toHaveLength(2);
    expect(searches[0]?.body).toMatchObject({
      locationId: 'loc_curb_demo',
      page: 1,
      pageLimit: 100,
      filters: [{ field: 'dateUpdated', operator: 'range', value: { lte: '2025-01-01T00:00:00.000Z' } }],
      sort: [{ field: 'dateUpdated', direction: 'asc' }],
    });
    const few = await ghl.getContactsInactiveSince({ since: new Date('2025-01-01T00:00:00Z'), limit: 5 });
    expect(few.ok && few.value).toHaveLength(5);
  });

  it('sendSms posts an SMS conversation message with Version 2021-04-15 and returns the provider message id', async () => {
    const r = await ghl.sendSms({ contactId: 'ct_ann', message: 'Hi Ann, still thinking of selling 12 Elm St?', toNumber: '+14075550101', fromNumber: '+14075550999' });
    expect(r).toEqual({ ok: true, value: { messageId: 'msg_00001', conversationId: 'conv_ct_ann', emailMessageId: null } });
    expect(server.messages[0]).toMatchObject({ type: 'SMS', contactId: 'ct_ann', message: 'Hi Ann, still thinking of selling 12 Elm St?', toNumber: '+14075550101', fromNumber: '+14075550999' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/conversations/messages', version: '2021-04-15' });
  });

  it('findContact looks a phone number or an email up with the duplicate search; nobody is null', async () => {
    const byPhone = await ghl.findContact({ phone: '+14075550103' });
    expect(byPhone.ok && byPhone.value?.id).toBe('ct_cara');
    const byEmail = await ghl.findContact({ email: 'ANN.LEE@example.com' });
    expect(byEmail.ok && byEmail.value?.id).toBe('ct_ann');
    expect(await ghl.findContact({ phone: '+14075559999' })).toEqual({ ok: true, value: null });
    expect(server.requests.map((q) => [q.method, q.path, q.version, q.query])).toEqual([
      ['GET', '/contacts/search/duplicate', '2021-07-28', { locationId: 'loc_curb_demo', number: '+14075550103' }],
      ['GET', '/contacts/search/duplicate', '2021-07-28', { locationId: 'loc_curb_demo', email: 'ann.lee@example.com' }],
      ['GET', '/contacts/search/duplicate', '2021-07-28', { locationId: 'loc_curb_demo', number: '+14075559999' }],
    ]);
  });

  it('upsertContact creates a new contact once, then matches it', async () => {
    const first = await ghl.upsertContact({ phone: '+14075550177', firstName: 'Eve', lastName: 'Park' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value).toMatchObject({ created: true, contact: { phone: '+14075550177', firstName: 'Eve', name: 'Eve Park' } });
    const again = await ghl.upsertContact({ phone: '+14075550177' });
    expect(again.ok && again.value).toMatchObject({ created: false, contact: { id: first.value.contact.id } });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/contacts/upsert', version: '2021-07-28', body: { locationId: 'loc_curb_demo', phone: '+14075550177', firstName: 'Eve', lastName: 'Park', source: 'curb' } });
    const none = await ghl.upsertContact({});
    expect(none.ok || none.error.code).toBe('validation_failed');
  });

  it('sendSms to a contact with SMS DND is a non-retryable bad_request carrying the API message', async () => {
    const r = await ghl.sendSms({ contactId: 'ct_bob', message: 'Hello' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'bad_request', retry: false });
      expect(r.error.message).toContain('DND is active for SMS');
    }
    expect(server.requests).toHaveLength(1);
  });

  it('sendEmail posts an Email message with subject and html; an email without a body is refused locally', async () => {
    const r = await ghl.sendEmail({ contactId: 'ct_ann', subject: 'Your property at 12 Elm St', html: '<p>Hi Ann</p>', text: 'Hi Ann', emailFrom: 'Sam <sam@example.com>' });
    expect(r).toEqual({ ok: true, value: { messageId: 'msg_00001', conversationId: 'conv_ct_ann', emailMessageId: 'em_msg_00001' } });
    expect(server.messages[0]).toMatchObject({ type: 'Email', subject: 'Your property at 12 Elm St', html: '<p>Hi Ann</p>', message: 'Hi Ann', emailFrom: 'Sam <sam@example.com>' });
    const bad = await ghl.sendEmail({ contactId: 'ct_ann', subject: 'x' });
    expect(bad.ok || bad.error.code).toBe('validation_failed');
    expect(server.requests).toHaveLength(1);
  });

  it('adds to and removes from a workflow', async () => {
    const add = await ghl.addToWorkflow({ contactId: 'ct_ann', workflowId: 'wf_vm_drop', eventStartTime: '2025-03-05T15:00:00Z' });
    expect(add).toEqual({ ok: true, value: { contactId: 'ct_ann', workflowId: 'wf_vm_drop' } });
    const remove = await ghl.removeFromWorkflow({ contactId: 'ct_ann', workflowId: 'wf_vm_drop' });
    expect(remove.ok).toBe(true);
    expect(server.enrolments).toEqual([
      { action: 'add', contactId: 'ct_ann', workflowId: 'wf_vm_drop', eventStartTime: '2025-03-05T15:00:00.000Z' },
      { action: 'remove', contactId: 'ct_ann', workflowId: 'wf_vm_drop' },
    ]);
    expect(server.requests.map((q) => [q.method, q.path, q.version])).toEqual([
      ['POST', '/contacts/ct_ann/workflow/wf_vm_drop', '2021-07-28'],
      ['DELETE', '/contacts/ct_ann/workflow/wf_vm_drop', '2021-07-28'],
    ]);
    const unknown = await ghl.addToWorkflow({ contactId: 'ct_ann', workflowId: 'wf_missing' });
    expect(unknown.ok || unknown.error.code).toBe('not_found');
  });

  it('getFreeSlots asks with epoch ms and Version 2021-04-15 and answers ISO instants grouped by local date', async () => {
    const r = await ghl.getFreeSlots({ calendarId: 'cal_sdr', startDate: '2025-03-05T00:00:00-05:00', endDate: '2025-03-05T23:59:59-05:00', timezone: 'America/New_York' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(6);
    expect(r.value[0]).toEqual({ startTime: '2025-03-05T14:00:00.000Z', date: '2025-03-05' });
    expect(r.value[5]).toEqual({ startTime: '2025-03-05T16:30:00.000Z', date: '2025-03-05' });
    expect(server.requests[0]).toMatchObject({
      path: '/calendars/cal_sdr/free-slots',
      version: '2021-04-15',
      query: { startDate: String(Date.parse('2025-03-05T05:00:00Z')), endDate: String(Date.parse('2025-03-06T04:59:59Z')), timezone: 'America/New_York' },
    });
    const tooLong = await ghl.getFreeSlots({ calendarId: 'cal_sdr', startDate: '2025-03-01', endDate: '2025-05-01', timezone: 'UTC' });
    expect(tooLong.ok || tooLong.error.code).toBe('validation_failed');
  });

  it('createAppointment books a free slot; booking it twice is a bad_request with the API message', async () => {
    const r = await ghl.createAppointment({ calendarId: 'cal_sdr', contactId: 'ct_ann', startTime: '2025-03-05T14:00:00Z', endTime: '2025-03-05T14:30:00Z', title: 'Seller call: 12 Elm St' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ calendarId: 'cal_sdr', contactId: 'ct_ann', startTime: '2025-03-05T14:00:00.000Z', endTime: '2025-03-05T14:30:00.000Z', status: 'confirmed', title: 'Seller call: 12 Elm St' });
    expect(server.appointments[0]).toMatchObject({ locationId: 'loc_curb_demo', appointmentStatus: 'confirmed' });
    expect(server.requests[0]).toMatchObject({ path: '/calendars/events/appointments', version: '2021-04-15' });
    const again = await ghl.createAppointment({ calendarId: 'cal_sdr', contactId: 'ct_bob', startTime: '2025-03-05T14:00:00Z', endTime: '2025-03-05T14:30:00Z', title: 'x' });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error).toMatchObject({ code: 'bad_request', retry: false });
      expect(again.error.message).toContain('no longer available');
    }
  });

  it('updateTags adds then removes and returns the resulting tags', async () => {
    const r = await ghl.updateTags({ contactId: 'ct_ann', add: ['curb-hot', 'curb-replied'], remove: ['sdr'] });
    expect(r).toEqual({ ok: true, value: { tags: ['curb-hot', 'curb-replied'] } });
    expect(server.requests.map((q) => [q.method, q.path, q.body])).toEqual([
      ['POST', '/contacts/ct_ann/tags', { tags: ['curb-hot', 'curb-replied'] }],
      ['DELETE', '/contacts/ct_ann/tags', { tags: ['sdr'] }],
    ]);
  });

  it('setDnd sets one channel through dndSettings or the global flag', async () => {
    const sms = await ghl.setDnd({ contactId: 'ct_ann', dnd: true, channel: 'SMS', reason: 'Replied STOP' });
    expect(sms.ok && sms.value.dndChannels).toEqual(['SMS']);
    expect(server.requests[0]).toMatchObject({ method: 'PUT', path: '/contacts/ct_ann', body: { dndSettings: { SMS: { status: 'active', message: 'Replied STOP' } } } });
    const all = await ghl.setDnd({ contactId: 'ct_ann', dnd: true });
    expect(all.ok && all.value.dnd).toBe(true);
    expect(server.requests[1]?.body).toEqual({ dnd: true });
  });
});

describe('GoHighLevel client: authentication, versions, limits and failures', () => {
  it('a bad token is a non-retryable unauthorized after one request', async () => {
    await setup({}, { token: 'pit-wrong' });
    const r = await ghl.getContact('ct_ann');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'unauthorized', retry: false });
    expect(server.requests).toHaveLength(1);
  });

  it('the server refuses a request without the Version header, which the client always sends', async () => {
    await setup();
    const raw = await fetch(`${server.baseUrl}/contacts/ct_ann`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ message: 'Version header was not found' });
    const r = await ghl.getContact('ct_ann');
    expect(r.ok).toBe(true);
    expect(server.requests[1]?.version).toBe('2021-07-28');
  });

  it('backs off on 429 honouring Retry-After, then succeeds without opening the circuit', async () => {
    await setup();
    server.scenario.rateLimited = 3;
    server.scenario.retryAfterSeconds = 2;
    const r = await ghl.getContact('ct_ann');
    expect(r.ok).toBe(true);
    expect(server.requests).toHaveLength(4);
    // The limiter may add its own pause (X-RateLimit-Remaining: 0), never less than Retry-After.
    expect(sleeps.filter((ms) => ms >= 2_000).length).toBeGreaterThanOrEqual(3);
    const next = await ghl.getContact('ct_bob');
    expect(next.ok).toBe(true);
  });

  it('a 429 asking for a longer wait than allowed is returned as a retryable rate_limited', async () => {
    await setup({}, { maxRetryAfterMs: 5_000 });
    server.scenario.rateLimited = 1;
    server.scenario.retryAfterSeconds = 60;
    const r = await ghl.getContact('ct_ann');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'rate_limited', retry: true, details: { retryAfterMs: 60_000 } });
    expect(server.requests).toHaveLength(1);
  });

  it('keeps 250 calls under 100 per 10 s, so the server never throttles', async () => {
    await setup();
    const start = clock.now().getTime();
    for (let i = 0; i < 250; i++) {
      const r = await ghl.getContact('ct_ann');
      expect(r.ok).toBe(true);
    }
    expect(server.burst.throttled).toBe(0);
    expect(server.burst.maxInWindow).toBeLessThanOrEqual(100);
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(20_000);
    expect(ghl.rateLimitState().dailyRemaining).toBe(200_000 - 250);
  });

  it('follows a lower burst limit announced by the server headers', async () => {
    await setup({ burstMax: 5, burstIntervalMs: 1_000 });
    for (let i = 0; i < 12; i++) expect((await ghl.getContact('ct_ann')).ok).toBe(true);
    // The first answer teaches the client the limit; after that nothing is throttled.
    expect(server.burst.throttled).toBeLessThanOrEqual(1);
    expect(server.burst.maxInWindow).toBeLessThanOrEqual(5);
  });

  it('stops before the server when the daily budget reported by the headers is spent', async () => {
    await setup();
    server.scenario.dailyRemaining = 0;
    expect((await ghl.getContact('ct_ann')).ok).toBe(true);
    const r = await ghl.getContact('ct_ann');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'daily_budget_exhausted', retry: true });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 of a read with exponential back-off and succeeds', async () => {
    await setup();
    server.scenario.fail500 = 2;
    const r = await ghl.getContact('ct_ann');
    expect(r.ok).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1_000]);
  });

  it('never resends a message after an ambiguous 500: it answers a retryable failure marked ambiguous', async () => {
    await setup();
    server.scenario.fail500 = 1;
    const r = await ghl.sendSms({ contactId: 'ct_ann', message: 'Hi' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'provider_unavailable', retry: true, details: { ambiguous: true, attempts: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it('resends a message after a 429, which HighLevel did not process', async () => {
    await setup();
    server.scenario.rateLimited = 1;
    const r = await ghl.sendSms({ contactId: 'ct_ann', message: 'Hi' });
    expect(r.ok).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(server.messages).toHaveLength(1);
  });

  it('never re-enrols in a workflow after a timeout (a second voicemail drop)', async () => {
    await setup({}, { timeoutMs: 200 });
    server.scenario.hang = 1;
    const r = await ghl.addToWorkflow({ contactId: 'ct_ann', workflowId: 'wf_vm_drop' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'timeout', retry: true, details: { ambiguous: true } });
    expect(server.requests).toHaveLength(1);
  });

  it('times out a hanging call and retries it', async () => {
    await setup({}, { timeoutMs: 200, retries: 1 });
    server.scenario.hang = 1;
    const ok1 = await ghl.getContact('ct_ann');
    expect(ok1.ok).toBe(true);
    server.scenario.hang = 2;
    const r = await ghl.getContact('ct_ann');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'timeout', retry: true });
  });

  it('opens the circuit after 3 consecutive failures, fails fast, then probes after the cool-down', async () => {
    await setup({}, { retries: 0, coolDownMs: 30_000 });
    server.scenario.fail500 = 3;
    for (let i = 0; i < 3; i++) {
      const r = await ghl.getContact('ct_ann');
      expect(r.ok || r.error.code).toBe('provider_unavailable');
    }
    const fast = await ghl.getContact('ct_ann');
    expect(fast.ok).toBe(false);
    if (!fast.ok) expect(fast.error).toMatchObject({ code: 'circuit_open', retry: true });
    expect(server.requests).toHaveLength(3);
    clock.advance(30_000);
    expect((await ghl.getContact('ct_ann')).ok).toBe(true);
    expect(server.requests).toHaveLength(4);
  });

  it('a 4xx does not count towards opening the circuit', async () => {
    await setup({}, { retries: 0 });
    for (let i = 0; i < 5; i++) await ghl.getContact('ct_nobody');
    expect((await ghl.getContact('ct_ann')).ok).toBe(true);
  });
});

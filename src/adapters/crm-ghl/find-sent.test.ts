/**
 * Crash recovery on the GoHighLevel SMS channel: a send whose answer was lost is found again through the
 * contact's conversation messages (GET /conversations/search, GET /conversations/{id}/messages).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGhlServer, type FakeGhlServer } from '../../../test/fakes/ghl-server.js';
import { fixedClock, type ManualClock } from '../../lib/clock.js';
import { createGhlClient } from './create-ghl-client.js';
import { createGhlSmsChannel } from './create-ghl-sms-channel.js';
import type { GhlClient } from './interface.js';
import { createGhlContactResolver } from './resolve-contact.js';

describe('GoHighLevel SMS findSent', () => {
  let clock: ManualClock;
  let server: FakeGhlServer;
  let client: GhlClient;
  beforeEach(async () => {
    clock = fixedClock('2025-03-04T15:00:00.000Z');
    server = await startGhlServer({ nowMs: () => clock.now().getTime() });
    client = createGhlClient({ baseUrl: server.baseUrl, token: server.token, locationId: server.locationId, clock, sleep: async (ms) => clock.advance(ms), random: () => 0, timeoutMs: 2_000 });
  });
  afterEach(async () => server.close());

  it('finds a message HighLevel accepted by number, text and time; answers null otherwise', async () => {
    const sms = createGhlSmsChannel({ client, contacts: createGhlContactResolver({ client, clock }) });
    const body = 'Hi Ann, this is Sam with Acme. Would you consider an as-is offer on 12 Elm St?';
    const since = new Date(clock.now().getTime() - 60_000);
    const sent = await sms.send({ to: '+14075550101', body, idempotencyKey: 'ann:SMS_1:2025-03-04' });
    expect(sent.ok).toBe(true);
    clock.advance(30_000);
    await sms.send({ to: '+14075550101', body: 'Another text', idempotencyKey: 'ann:other' });

    const found = await sms.findSent!({ to: '+14075550101', body, since });
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ providerMessageId: sent.ok ? sent.value.providerMessageId : '', status: 'queued' }) });
    expect(server.requests.filter((r) => r.path.startsWith('/conversations/') && r.method === 'GET').every((r) => r.version === '2021-04-15')).toBe(true);
    // Other text, a later window, or a number HighLevel does not know: not sent.
    expect(await sms.findSent!({ to: '+14075550101', body: 'never sent', since })).toEqual({ ok: true, value: null });
    expect(await sms.findSent!({ to: '+14075550101', body, since: new Date(clock.now().getTime() + 1000) })).toEqual({ ok: true, value: null });
    expect(await sms.findSent!({ to: '+14075550188', body, since })).toEqual({ ok: true, value: null });
  });

  it('cannot tell when HighLevel fails: a retryable failure, never a guess', async () => {
    const sms = createGhlSmsChannel({ client, contacts: createGhlContactResolver({ client, clock }) });
    server.scenario.fail500 = 10;
    const r = await sms.findSent!({ to: '+14075550101', body: 'x', since: clock.now() });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.retry).toBe(true);
  });

  it('workflow mode has no findSent: HighLevel sends its own text, which cannot be matched', () => {
    const sms = createGhlSmsChannel({ client, contacts: createGhlContactResolver({ client, clock }), workflowId: 'wf_sms_1' });
    expect(sms.findSent).toBeUndefined();
  });
});

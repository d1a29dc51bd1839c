/**
 * Acceptance (issue 7), outage test: the local Twilio-compatible server answers 500s and hangs for a
 * while; the circuit opens (an alert is recorded), nothing is lost, and after recovery every touch is
 * sent exactly once — including the ones whose answer was lost in a time-out (reconciled with the
 * provider's message list, not resent blindly).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioSmsChannel } from '../../src/adapters/sms/twilio.js';
import { createTwilioClient } from '../../src/adapters/sms/twilio-client.js';
import { fixedClock } from '../../src/lib/clock.js';
import { circuitAlertHook, useChannels, type Channels } from '../../src/services/outreach/channels.js';
import { createDbOutboxStore } from '../../src/services/outreach/db-outbox-store.js';
import { dispatchTouches } from '../../src/services/outreach/dispatch-touches.js';
import { startTwilioServer, type FakeTwilioServer } from '../fakes/twilio-server.js';
import { seedOutreachContacts, seedQueuedSms } from '../helpers/outreach-fixtures.js';
import { databaseTargets } from '../helpers/test-database.js';
import { createTestContext, type TestContext } from '../helpers/test-services.js';

const TOUCHES = 60;

describe.each(databaseTargets())('outreach through a provider outage (%s)', (kind) => {
  let ctx: TestContext;
  let twilio: FakeTwilioServer;
  let channels: Channels;
  // 14:00 in Orlando on a Tuesday: inside every window.
  const clock = fixedClock('2025-06-10T18:00:00.000Z');

  beforeAll(async () => {
    twilio = await startTwilioServer();
    ctx = await createTestContext(kind, { clock, env: { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken } });
    const client = createTwilioClient({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.baseUrl, timeoutMs: 300 });
    const sms = createTwilioSmsChannel({
      client,
      sender: { messagingServiceSid: `MG${'1'.repeat(32)}` },
      clock,
      sleep: async () => undefined,
      onCircuitStateChange: circuitAlertHook(ctx.services),
    });
    const base = createDbOutboxStore(ctx.services.db);
    channels = { sms, email: { name: 'none', send: () => Promise.reject(new Error('no email in this test')) }, voicemail: { name: 'none', drop: () => Promise.reject(new Error('no voice')) }, outbox: base };
    useChannels(ctx.services, channels);
    const f = await seedOutreachContacts(ctx.services, TOUCHES, { at: clock.now() });
    await seedQueuedSms(ctx.services, f, clock.now());
  });
  afterAll(async () => {
    await ctx.close();
    await twilio.close();
  });

  const counts = async () =>
    (await ctx.services.database.executeSql<{ status: string; n: number }>('select status, count(*)::int as n from touches group by status order by status')).rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: r.n }), {});

  it('opens the circuit, loses nothing, and sends each touch once after recovery', async () => {
    // The outage: a run of 500s, then two requests Twilio accepts but never answers.
    twilio.scenario = { ...twilio.scenario, fail500: 12, hang: 2, recordHung: true };
    const first = await dispatchTouches(ctx.services, channels, { limit: 20, concurrency: 1, leaseMs: 60_000 });
    expect(first.sent).toBeLessThan(20);
    const alerts = await ctx.services.database.executeSql<{ kind: string; severity: string }>(`select kind, severity from alerts where kind = 'circuit_open'`);
    expect(alerts.rows).toEqual([{ kind: 'circuit_open', severity: 'critical' }]);
    const during = await counts();
    expect((during.queued ?? 0) + (during.sending ?? 0) + (during.sent ?? 0)).toBe(TOUCHES); // nothing lost, nothing failed

    // Recovery: the provider is healthy again; time passes (cool-down, backoff, leases).
    twilio.scenario = { ...twilio.scenario, fail500: 0, hang: 0, recordHung: false };
    for (let i = 0; i < 60; i++) {
      clock.advance(2 * 60_000);
      const r = await dispatchTouches(ctx.services, channels, { limit: 50, concurrency: 4, leaseMs: 60_000 });
      if ((await counts()).sent === TOUCHES && r.claimed === 0) break;
    }
    expect(await counts()).toEqual({ sent: TOUCHES });
    expect(twilio.messages.length).toBe(TOUCHES);
    expect(twilio.duplicates()).toEqual([]);
    // The circuit closed again, and that is on record too.
    const closed = await ctx.services.database.executeSql<{ n: number }>(`select count(*)::int as n from alerts where kind = 'circuit_closed'`);
    expect(closed.rows[0]!.n).toBe(1);
  });
});

/**
 * Acceptance (issue 7), crash test: real `curb worker` processes dispatch 10,000 touches to a local
 * Twilio-compatible server and are killed with SIGKILL again and again mid-flight; after restarts every
 * touch was sent exactly once, counted at the server. Two workers run side by side on PostgreSQL at the
 * end, so the same run also shows two processes never send the same touch.
 *
 * PostgreSQL only: several processes share one database (the embedded database is one process's).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { createServices } from '../../src/runtime/create-services.js';
import { generateKeyMaterial } from '../../src/lib/crypto.js';
import type { AppServices } from '../../src/services/app-services.js';
import { startTwilioServer, type FakeTwilioServer } from '../fakes/twilio-server.js';
import { seedOutreachContacts, seedQueuedSms } from '../helpers/outreach-fixtures.js';
import { createFreshPostgresDatabase } from '../helpers/test-database.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TOUCHES = Number(process.env.CURB_CRASH_TOUCHES ?? 10_000);
const KILLS = 8;
const postgres = process.env.TEST_DATABASE_URL;

describe.skipIf(!postgres)('outreach crash safety: SIGKILL while dispatching (postgres)', () => {
  let twilio: FakeTwilioServer;
  let services: AppServices;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    twilio = await startTwilioServer();
    const fresh = await createFreshPostgresDatabase();
    drop = fresh.drop;
    env = {
      DATABASE_URL: fresh.url,
      CURB_ENCRYPTION_KEY: generateKeyMaterial(),
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TWILIO_MESSAGING_SERVICE_SID: `MG${'0'.repeat(32)}`,
      OUTREACH_DISPATCH_INTERVAL_MS: '20',
      OUTREACH_SEND_LEASE_SECONDS: '2',
      OUTREACH_SEND_CONCURRENCY: '16',
      SCHEDULER_INTERVAL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
    };
    services = await createServices({ config: loadConfig({ ...env, LOG_LEVEL: 'silent' }) });
    const f = await seedOutreachContacts(services, TOUCHES, { at: new Date() });
    await seedQueuedSms(services, f, new Date());
  }, 300_000);
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await services?.database.close();
    await twilio?.close();
    await drop?.();
  });

  const spawnWorker = (): ChildProcess => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.add(child);
    child.on('exit', () => children.delete(child));
    return child;
  };
  const counts = async () =>
    (await services.database.executeSql<{ status: string; n: number }>('select status, count(*)::int as n from touches group by status')).rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.status]: r.n }), {});

  it(`every one of ${TOUCHES} touches reaches the provider exactly once across ${KILLS} kills`, async () => {
    let kills = 0;
    let previous = 0;
    while (kills < KILLS) {
      const child = spawnWorker();
      // Let it get going, then kill it in the middle of a batch.
      const started = performance.now();
      let exited = false;
      child.once('exit', () => (exited = true));
      while (twilio.messages.length === previous && !exited && performance.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
      if (exited) throw new Error('the worker exited on its own before it was killed');
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 400)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      kills++;
      previous = twilio.messages.length;
      if (previous >= TOUCHES) break;
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    // Two workers finish the job side by side, including the touches the killed ones left in `sending`.
    spawnWorker();
    spawnWorker();
    const deadline = performance.now() + 240_000;
    for (;;) {
      const c = await counts();
      if ((c.sent ?? 0) === TOUCHES || performance.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const c of children) c.kill('SIGKILL');

    expect(await counts()).toEqual({ sent: TOUCHES });
    expect(twilio.messages.length).toBe(TOUCHES);
    expect(twilio.duplicates()).toEqual([]);
    const sids = (await services.database.executeSql<{ n: number }>(`select count(distinct provider_message_id)::int as n from touches where provider = 'twilio'`)).rows[0]!.n;
    expect(sids).toBe(TOUCHES);
    const server = new Set(twilio.messages.map((m) => m.sid));
    const stored = (await services.database.executeSql<{ provider_message_id: string }>('select provider_message_id from touches')).rows;
    expect(stored.every((r) => server.has(r.provider_message_id))).toBe(true);
    // Each touch logged once as an outbound communication.
    const comms = (await services.database.executeSql<{ n: number; touches: number }>(`select count(*)::int as n, count(distinct touch_id)::int as touches from communications where direction = 'outbound'`)).rows[0]!;
    expect(comms).toEqual({ n: TOUCHES, touches: TOUCHES });
  }, 600_000);
});

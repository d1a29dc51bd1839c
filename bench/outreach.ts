/**
 * Outreach figures, on PostgreSQL (when a URL is given) and on PGlite: the scheduler and the dispatcher
 * working through a one-step SMS campaign for N enrolled owners, sending through the Twilio SDK to the
 * local Twilio-compatible server, on a fixed clock inside the send window. The server runs in a child
 * process, as a real provider is another machine: its CPU is not the dispatcher's.
 * - dispatch: touches scheduled, decided, written and sent per second, end to end;
 * - duplicates: texts the provider received more than once (must be 0).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import pino from 'pino';
import { loadConfig } from '../src/config/env.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createTwilioSmsChannel } from '../src/adapters/sms/twilio.js';
import { createTwilioClient } from '../src/adapters/sms/twilio-client.js';
import { fixedClock } from '../src/lib/clock.js';
import { generateKeyMaterial, parseKeyRing } from '../src/lib/crypto.js';
import type { AppServices } from '../src/services/app-services.js';
import { createCampaign } from '../src/services/campaigns/create-campaign.js';
import { createDbOutboxStore } from '../src/services/outreach/db-outbox-store.js';
import { runOutreachPass } from '../src/services/outreach/run-outreach-pass.js';
import { enrollContacts } from '../src/services/outreach/enroll-contacts.js';
import { startTwilioServerProcess } from '../test/fakes/twilio-server-process.js';
import { seedOutreachContacts } from '../test/helpers/outreach-fixtures.js';
import { createFreshPostgresDatabase } from '../test/helpers/test-database.js';
import type { BenchContext, BenchDb } from './harness.js';

const CONTACTS = Number(process.env.BENCH_OUTREACH_CONTACTS ?? 5000);
// Tuesday 14:00 in Orlando: inside every window, so the figure measures work, not waiting.
const AT = '2025-06-10T18:00:00.000Z';

/** BENCH_CPU_PROFILE=<path>: a CPU profile of the timed loop only (not the seeding), for Chrome DevTools. */
async function startProfile(): Promise<{ stop(path: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = (method: string): Promise<unknown> => new Promise((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(path) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      writeFileSync(path, JSON.stringify(profile));
    },
  };
}

async function measure(ctx: BenchContext, db: BenchDb, database: Database): Promise<void> {
  await migrate(database);
  const twilio = await startTwilioServerProcess();
  const clock = fixedClock(AT);
  const config = loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent', SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken });
  const services: AppServices = { config, database, db: database.db, clock, keyRing: parseKeyRing(generateKeyMaterial()), logger: pino({ level: 'silent' }), queue: undefined };
  try {
    const f = await seedOutreachContacts(services, CONTACTS, { at: clock.now() });
    const campaign = await createCampaign(services, { locationId: f.locationId, input: { name: 'bench', active: true, steps: [{ channel: 'sms', delayMinutes: 0 }] } });
    for (let i = 0; i < f.contactIds.length; i += 5000) {
      await enrollContacts(services, { locationId: f.locationId, campaignId: campaign.id, input: { contactIds: f.contactIds.slice(i, i + 5000) } });
    }
    const client = createTwilioClient({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.baseUrl });
    const channels = {
      sms: createTwilioSmsChannel({ client, sender: { messagingServiceSid: `MG${'2'.repeat(32)}` }, clock }),
      email: { name: 'none', send: () => Promise.reject(new Error('sms only')) },
      voicemail: { name: 'none', drop: () => Promise.reject(new Error('sms only')) },
      outbox: createDbOutboxStore(services.db),
    };
    const concurrency = db === 'postgres' ? 8 : 1;
    const profiler = process.env.BENCH_CPU_PROFILE ? await startProfile() : null;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    // The worker's pass (src/jobs/outreach-loop.ts): batches scheduled while the one before is sent, until
    // nothing is left.
    for (;;) {
      const r = await runOutreachPass(services, channels, { schedule: { limit: 500, concurrency }, dispatch: { limit: 1000, concurrency: 32 }, maxBatches: 1_000 });
      if (process.env.BENCH_DEBUG) process.stderr.write(`${JSON.stringify(r)}\n`);
      if (r.scheduled === 0 && r.sent === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (profiler) await profiler.stop(`${process.env.BENCH_CPU_PROFILE}.${db}.cpuprofile`);
    const elu = performance.eventLoopUtilization(elu0);
    const sent = (await database.executeSql<{ n: number }>(`select count(*)::int as n from touches where status = 'sent'`)).rows[0]!.n;
    if (process.env.BENCH_DEBUG) process.stderr.write(JSON.stringify((await database.executeSql(`select status, error_code, error_message, count(*)::int from touches group by 1,2,3`)).rows) + "\n");
    if (process.env.BENCH_DEBUG) {
      const perTouch = Math.round((cpu.user + cpu.system) / sent);
      process.stderr.write(`${db}: ${seconds.toFixed(2)} s, Node CPU ${perTouch} µs/touch, event loop busy ${Math.round(elu.utilization * 100)}%\n`);
    }
    if (sent !== CONTACTS) throw new Error(`outreach bench: ${sent} of ${CONTACTS} touches sent`);
    ctx.report({ metric: 'dispatch', value: Math.round(sent / seconds), unit: 'touches/s', db });
    const stats = await twilio.stats();
    const extra = stats.messages - CONTACTS + stats.duplicates;
    ctx.report({ metric: 'duplicates', value: Math.max(0, extra), unit: 'count', db });
  } finally {
    await twilio.close();
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  if (ctx.postgresUrl) {
    const fresh = await createFreshPostgresDatabase(ctx.postgresUrl);
    const database = await openDatabase({ kind: 'postgres', url: fresh.url, poolMax: 20 });
    try {
      await measure(ctx, 'postgres', database);
    } finally {
      await database.close();
      await fresh.drop();
    }
  }
  if (process.env.BENCH_SKIP_PGLITE) return;
  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    await measure(ctx, 'pglite', database);
  } finally {
    await database.close();
  }
}

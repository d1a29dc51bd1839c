/**
 * Outreach figures, on PostgreSQL (when a URL is given) and on PGlite: the scheduler and the dispatcher
 * working through a one-step SMS campaign for N enrolled owners, sending through the Twilio SDK to the
 * local Twilio-compatible server, on a fixed clock inside the send window.
 * - dispatch: touches scheduled, decided, written and sent per second, end to end;
 * - duplicates: texts the provider received more than once (must be 0).
 */
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
import { startTwilioServer } from '../test/fakes/twilio-server.js';
import { seedOutreachContacts } from '../test/helpers/outreach-fixtures.js';
import { createFreshPostgresDatabase } from '../test/helpers/test-database.js';
import type { BenchContext, BenchDb } from './harness.js';

const CONTACTS = Number(process.env.BENCH_OUTREACH_CONTACTS ?? 5000);
// Tuesday 14:00 in Orlando: inside every window, so the figure measures work, not waiting.
const AT = '2025-06-10T18:00:00.000Z';

async function measure(ctx: BenchContext, db: BenchDb, database: Database): Promise<void> {
  await migrate(database);
  const twilio = await startTwilioServer();
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
    const t0 = performance.now();
    // The worker's pass (src/jobs/outreach-loop.ts): batches scheduled while the one before is sent, until
    // nothing is left.
    for (;;) {
      const r = await runOutreachPass(services, channels, { schedule: { limit: 500, concurrency }, dispatch: { limit: 1000, concurrency: 32 }, maxBatches: 1_000 });
      if (process.env.BENCH_DEBUG) process.stderr.write(`${JSON.stringify(r)}\n`);
      if (r.scheduled === 0 && r.sent === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const sent = (await database.executeSql<{ n: number }>(`select count(*)::int as n from touches where status = 'sent'`)).rows[0]!.n;
    if (process.env.BENCH_DEBUG) process.stderr.write(JSON.stringify((await database.executeSql(`select status, error_code, error_message, count(*)::int from touches group by 1,2,3`)).rows) + "\n");
    if (sent !== CONTACTS) throw new Error(`outreach bench: ${sent} of ${CONTACTS} touches sent`);
    ctx.report({ metric: 'dispatch', value: Math.round(sent / seconds), unit: 'touches/s', db });
    const extra = twilio.messages.length - CONTACTS + twilio.duplicates().reduce((n, d) => n + d.count - 1, 0);
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

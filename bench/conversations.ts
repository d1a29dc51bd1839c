/**
 * Inbound conversations, on PostgreSQL (when a URL is given) and on PGlite:
 * - webhook → decision recorded: the real HTTP server (`buildApp` + listen, the job queue running) is sent
 *   Twilio-signed incoming-message webhooks at a fixed rate (open loop: a slow answer does not slow the
 *   sender), a realistic mix of replies from distinct owners, no model configured. Latency per message =
 *   the decision row's `decided_at` minus the instant the request was sent (p50/p99 ms; target p99 <= 50 ms
 *   at 200 requests/s on PostgreSQL). Also the HTTP answer time, the rate actually achieved, the event-loop
 *   delay and the process CPU per message while sending, and how many decisions the act phase (the
 *   conversations job) carried out while sending and during the run; BENCH_CONVERSATIONS_DRAIN_SECONDS
 *   adds the act phase's rate (and CPU per message) on the backlog once the sending stops.
 * - `curb classify --batch` throughput: the real command on 100k JSON Lines (texts/s, target >= 5,000),
 *   and the same stream in-process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PassThrough, Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { classifyStream } from '../src/cli/commands/classify.js';
import { loadConfig } from '../src/config/env.js';
import { type Database, fromPglite, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { buildApp } from '../src/http/app.js';
import { startQueue } from '../src/jobs/queue.js';
import { startWorker } from '../src/jobs/worker.js';
import { createForegroundGate } from '../src/lib/foreground-gate.js';
import { systemClock } from '../src/lib/clock.js';
import { generateKeyMaterial, parseKeyRing } from '../src/lib/crypto.js';
import type { AppServices } from '../src/services/app-services.js';
import { createContactsBatch } from '../src/services/contacts/create-contacts-batch.js';
import { createLocation } from '../src/services/locations/create-location.js';
import { importDncFile } from '../src/services/suppressions/import-dnc-file.js';
import { createFreshPostgresDatabase } from '../test/helpers/test-database.js';
import { inboundSmsFields, signedInboundSms } from '../test/helpers/twilio-inbound.js';
import { type BenchContext, type BenchDb, percentile } from './harness.js';

const RATE = Number(process.env.BENCH_CONVERSATIONS_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_CONVERSATIONS_SECONDS ?? 10);
const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://curb.bench.example';

// What owners actually send back (seed 000 intents, seed 003 objections), opt-outs included.
const REPLIES = [
  'who is this??', 'How did you get my number', 'Not interested', 'Not now but maybe next year', 'yes call me after 5 👍',
  'I have a realtor already', 'Zillow says its worth 320k', 'Sold it', 'ok', '⛵️', 'Tame me off yoyr list', 'STOP',
  'how much u offering', 'Maybe. Whats ur number', 'wrong number', 'lol no', 'we are thinking about it, need to talk to my wife',
  'Its a rental, tenant is behind on rent and the roof leaks. Would take 180k if you can close fast', 'No gracias', 'what company is this',
];

const epochMs = () => performance.timeOrigin + performance.now();

function services(database: Database): AppServices {
  return {
    config: loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent', TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_URL, LLM_PROVIDER: 'template' }),
    database,
    db: database.db,
    clock: systemClock,
    keyRing: parseKeyRing(generateKeyMaterial()),
    logger: pino({ level: 'silent' }),
    queue: undefined,
  };
}

async function measureWebhooks(ctx: BenchContext, db: BenchDb, database: Database): Promise<void> {
  await migrate(database);
  const s = services(database);
  const location = await createLocation(s, { input: { businessName: 'Bench Home Buyers', postalAddress: '100 Main St, Orlando, FL 32801', agentName: 'Sam', phone: '+14075550000' } });
  const dir = mkdtempSync(join(tmpdir(), 'curb-bench-conv-'));
  writeFileSync(join(dir, 'national.txt'), '2145550000\n');
  await importDncFile(s, { list: 'national_dnc', path: join(dir, 'national.txt'), listDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });
  rmSync(dir, { recursive: true, force: true });
  const total = RATE * SECONDS;
  const phones = Array.from({ length: total }, (_, i) => `+1404${String(3_000_000 + i).padStart(7, '0')}`);
  // Nine in ten senders are known owners; the rest are new leads.
  const known = phones.filter((_, i) => i % 10 !== 0).map((phone, i) => ({ ownerName: `Owner ${i}`, phone, mailingState: 'GA' }));
  for (let i = 0; i < known.length; i += 5000) await createContactsBatch(s, { locationId: location.id, inputs: known.slice(i, i + 5000) });
  await database.executeSql('analyze', []);

  // As `curb serve` runs: the API, the job queue and its workers in one process.
  const queue = await startQueue({ database, schema: 'pgboss', supervise: true, cron: false });
  s.queue = queue;
  const foreground = createForegroundGate();
  const worker = await startWorker({ queue, services: s, logger: s.logger, foreground });
  const app = await buildApp(s, { foreground });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    // Warm up (JIT, plans, connections) with messages that are not measured.
    for (let i = 0; i < 50; i++) {
      const req = signedInboundSms({ authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, fields: inboundSmsFields({ sid: `SMwarm${i}`, from: `+1404299${String(1000 + i)}`, body: REPLIES[i % REPLIES.length]! }) });
      await fetch(`${base}/webhooks/twilio/sms`, { method: 'POST', headers: req.headers, body: req.payload });
    }
    await new Promise((r) => setTimeout(r, 1000));

    // The act phase: decisions carried out (completed_at), by this run's messages.
    const carriedOut = async () =>
      Number(
        (await database.executeSql<{ n: number }>(`select count(*)::int as n from conversation_decisions d join communications c on c.id = d.communication_id where c.provider_message_id like $1 and d.completed_at is not null`, [`SM${db}%`])).rows[0]?.n ?? 0,
      );
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const cpu0 = process.cpuUsage();
    const sentAt = new Map<string, number>();
    const httpMs: number[] = [];
    let failures = 0;
    const inFlight: Array<Promise<void>> = [];
    const start = epochMs();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - epochMs();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const sid = `SM${db}${String(i).padStart(30, '0')}`;
      const req = signedInboundSms({ authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL, fields: inboundSmsFields({ sid, from: phones[i]!, body: REPLIES[i % REPLIES.length]! }) });
      const t0 = epochMs();
      sentAt.set(sid, t0);
      inFlight.push(
        fetch(`${base}/webhooks/twilio/sms`, { method: 'POST', headers: req.headers, body: req.payload }).then(
          async (res) => {
            await res.text();
            httpMs.push(epochMs() - t0);
            if (res.status !== 200) failures++;
          },
          () => {
            failures++;
          },
        ),
      );
    }
    const sendSeconds = (epochMs() - start) / 1000;
    await Promise.all(inFlight);
    loopDelay.disable();
    const cpu = process.cpuUsage(cpu0);
    const actedWhenSent = await carriedOut();
    // Wait for the last decisions.
    const deadline = Date.now() + 60_000;
    let rows: Array<{ sid: string; decided: Date | string }> = [];
    for (;;) {
      rows = (
        await database.executeSql<{ sid: string; decided: Date | string }>(
          `select c.provider_message_id as sid, d.decided_at as decided from conversation_decisions d join communications c on c.id = d.communication_id where c.provider_message_id like $1`,
          [`SM${db}%`],
        )
      ).rows;
      if (rows.length >= total || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const latencies = rows.map((r) => new Date(r.decided).getTime() - sentAt.get(r.sid)!).filter((x) => Number.isFinite(x));
    ctx.report({ metric: 'webhook_to_decision_p50', value: Number(percentile(latencies, 50).toFixed(1)), unit: 'ms', db });
    ctx.report({ metric: 'webhook_to_decision_p99', value: Number(percentile(latencies, 99).toFixed(1)), unit: 'ms', db });
    ctx.report({ metric: 'webhook_http_answer_p99', value: Number(percentile(httpMs, 99).toFixed(1)), unit: 'ms', db });
    ctx.report({ metric: 'webhook_rate_achieved', value: Math.round(total / sendSeconds), unit: 'requests/s', db });
    ctx.report({ metric: 'webhook_decisions_recorded', value: rows.length, unit: `of ${total}`, db });
    // While sending: event-loop delay (stalls: GC, synchronous work, a saturated process) and the
    // process's CPU per message (the sender, the webhooks and whatever act phase ran meanwhile).
    ctx.report({ metric: 'event_loop_delay_p99', value: Number((loopDelay.percentile(99) / 1e6).toFixed(1)), unit: 'ms', db });
    ctx.report({ metric: 'event_loop_delay_max', value: Number((loopDelay.max / 1e6).toFixed(1)), unit: 'ms', db });
    ctx.report({ metric: 'process_cpu_per_message', value: Number(((cpu.user + cpu.system) / 1000 / total).toFixed(2)), unit: 'ms', db });
    ctx.report({ metric: 'acts_carried_out_while_sending', value: actedWhenSent, unit: `of ${total}`, db });
    if (failures > 0) ctx.report({ metric: 'webhook_failures', value: failures, unit: 'requests', db });
    ctx.report({ metric: 'jobs_completed_during_run', value: Number((await database.executeSql<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'conversations.process-inbound' and state = 'completed'`)).rows[0]?.n ?? 0), unit: `of ${total}`, db });
    const acted = await carriedOut();
    ctx.report({ metric: 'acts_carried_out_during_run', value: acted, unit: `of ${total}`, db });
    // BENCH_CONVERSATIONS_DRAIN_SECONDS: how fast the backlog is carried out once the webhooks stop (the
    // act phase's throughput with the process to itself).
    const drainSeconds = Number(process.env.BENCH_CONVERSATIONS_DRAIN_SECONDS ?? 0);
    if (drainSeconds > 0 && acted < total) {
      const t = epochMs();
      const cpuDrain = process.cpuUsage();
      await new Promise((r) => setTimeout(r, drainSeconds * 1000));
      const done = (await carriedOut()) - acted;
      const cpuUsed = process.cpuUsage(cpuDrain);
      ctx.report({ metric: 'act_phase_rate_after_sending', value: Math.round(done / ((epochMs() - t) / 1000)), unit: 'messages/s', db });
      if (done > 0) ctx.report({ metric: 'act_phase_cpu_per_message', value: Number(((cpuUsed.user + cpuUsed.system) / 1000 / done).toFixed(2)), unit: 'ms', db });
    }
  } finally {
    await app.close();
    await worker.stop(2000);
    await queue.stop();
  }
}

async function measureClassifyBatch(ctx: BenchContext): Promise<void> {
  const n = 100_000;
  const input = `${Array.from({ length: n }, (_, i) => JSON.stringify({ text: REPLIES[i % REPLIES.length] })).join('\n')}\n`;
  // In-process stream.
  const out = new PassThrough();
  out.resume();
  const t0 = performance.now();
  await classifyStream(Readable.from([input]), out);
  ctx.report({ metric: 'classify_stream_in_process', value: Math.round(n / ((performance.now() - t0) / 1000)), unit: 'texts/s' });
  // The real command, process start-up included.
  const root = resolve(import.meta.dirname, '..');
  const t1 = performance.now();
  const lines = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'classify', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } });
    let count = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) count++;
    });
    child.on('error', reject);
    child.on('exit', () => resolvePromise(count));
    child.stdin.end(input);
  });
  if (lines !== n) throw new Error(`classify --batch answered ${lines} lines for ${n}`);
  ctx.report({ metric: 'classify_batch_cli', value: Math.round(n / ((performance.now() - t1) / 1000)), unit: 'texts/s' });
}

export async function run(ctx: BenchContext): Promise<void> {
  // BENCH_CONVERSATIONS_ONLY=postgres|pglite|classify narrows the run (the full run takes a few minutes).
  const only = process.env.BENCH_CONVERSATIONS_ONLY;
  if (!only || only === 'classify') await measureClassifyBatch(ctx);
  if (ctx.postgresUrl && (!only || only === 'postgres')) {
    const fresh = await createFreshPostgresDatabase(ctx.postgresUrl);
    // Opened as `curb serve` opens it (default pool sizes, the webhook lane included).
    const database = await openDatabase(loadConfig({ DATABASE_URL: fresh.url, LOG_LEVEL: 'silent' }).database);
    try {
      await measureWebhooks(ctx, 'postgres', database);
    } finally {
      await database.close();
      await fresh.drop();
    }
  }
  if (only && only !== 'pglite') return;
  const database = fromPglite(await PGlite.create());
  try {
    await measureWebhooks(ctx, 'pglite', database);
  } finally {
    await database.close();
  }
}

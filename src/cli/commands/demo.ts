import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openDatabase } from '../../db/client.js';
import { fixedClock, systemClock } from '../../lib/clock.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { createServices } from '../../runtime/create-services.js';
import { type RunningProcess, shutdownOnSignals, startRoles } from '../../runtime/run-process.js';
import { channelsFor } from '../../services/outreach/channels.js';
import { type DemoResult, demoConfig, demoStart, runDemo } from '../../services/demo/run-demo.js';
import { MAX_DEMO_OWNERS } from '../../services/demo/synthesize-owners.js';
import { type OutputOptions, writeResult } from '../output.js';

interface DemoCliOptions {
  seed: number;
  owners: number;
  days: number;
  start?: string;
  serve: boolean;
  port?: number;
  host?: string;
}

const int = (name: string, min: number, max: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new AppError(ErrorCode.ValidationFailed, `--${name}: a whole number from ${min} to ${max}`, { field: name });
  return n;
};

function summaryText(r: DemoResult): string {
  const f = r.funnel;
  return [
    `Simulated ${r.simulatedDays} days (${r.simulatedFrom.slice(0, 10)} to ${r.simulatedTo.slice(0, 10)}) for ${r.owners} made-up owners in ${(r.tookMs / 1000).toFixed(1)} s:`,
    `  funnel      contacted ${f.contacted} → responded ${f.responded} → interested ${f.interested} → handed off ${f.handoffs} → deals ${f.deals}`,
    `  sent        ${Object.entries(r.sentByChannel).map(([k, v]) => `${v} ${k}`).join(', ')}; cost $${r.costUsd.toFixed(2)}, profit $${r.profitUsd.toLocaleString('en-US')}`,
    `  compliance  ${r.deferred} deferred, ${r.blocked} blocked (${Object.entries(r.blockedByRule).slice(0, 4).map(([k, v]) => `${k} ${v}`).join(', ')}), ${r.optOuts} opt-outs; violations: ${r.complianceViolations} of ${r.complianceCheck.sendsChecked} sends checked`,
    `  approvals   ${r.forApproval} held for a person (${Object.entries(r.forApprovalByRule).slice(0, 4).map(([k, v]) => `${k} ${v}`).join(', ')}); ${r.approvals.approved} clicked (${r.approvals.sent} sent), ${r.approvals.skipped} skipped, ${r.approvals.stillWaiting} waiting`,
    `  replies     ${r.replies.received} received, ${r.replies.autoReplies} answered by the bot, ${r.replies.personReplies} by a person`,
  ].join('\n');
}

async function runDemoCommand(o: OutputOptions, opts: DemoCliOptions): Promise<void> {
  const config = demoConfig(loadConfig());
  const start = opts.start ? new Date(opts.start) : demoStart(systemClock.now(), opts.days);
  if (Number.isNaN(start.getTime())) throw new AppError(ErrorCode.ValidationFailed, '--start: an ISO date or instant (2025-06-09T09:00:00Z)', { field: 'start' });
  if (opts.serve && start.getTime() + opts.days * 86_400_000 > systemClock.now().getTime() + 60_000) {
    throw new AppError(ErrorCode.ValidationFailed, '--start: with the dashboard served, the simulated weeks must end by now (or use --no-serve)', { field: 'start' });
  }
  const clock = fixedClock(start);
  const database = await openDatabase(config.database);
  let base;
  try {
    base = await createServices({ config, database, clock });
  } catch (e) {
    await database.close();
    throw e;
  }
  // The simulation is thousands of requests and sends: only problems are worth a log line.
  const services = { ...base, clock, logger: base.logger.child({}, { level: opts.serve ? 'warn' : 'error' }) };
  const progress = (m: string) => {
    if (!o.json) process.stderr.write(`${m}\n`);
  };

  if (!opts.serve) {
    try {
      const { result } = await runDemo({ services, seed: opts.seed, owners: opts.owners, days: opts.days, onProgress: progress });
      writeResult(o, result, () => summaryText(result));
    } finally {
      channelsFor(services).close?.();
      await database.close();
      base.logger.flush();
    }
    return;
  }

  // Serving: the API answers (and /readyz is green) as soon as the demo location exists; the dashboard fills
  // while the simulated weeks run, and the workers and scheduler start on the wall clock after them.
  const abort = new AbortController();
  let simulated!: () => void;
  const simulation = new Promise<void>((resolve) => (simulated = resolve));
  // Settles once the simulation has stopped touching the database (finished, failed or aborted).
  let settled!: () => void;
  const simulationStopped = new Promise<void>((resolve) => (settled = resolve));
  let proc: RunningProcess | undefined;
  let exit: Promise<number> | undefined;
  const live = { ...base, clock: systemClock, queue: undefined };
  try {
    const { result } = await runDemo({
      services,
      seed: opts.seed,
      owners: opts.owners,
      days: opts.days,
      onProgress: progress,
      signal: abort.signal,
      onSeeded: async ({ locationId, apiKey }) => {
        proc = await startRoles({ services: live, http: true, worker: true, scheduler: true, port: opts.port, host: opts.host, workAfter: simulation });
        const dashboard = `${proc.url ?? ''}/app/`;
        const running = proc;
        // A signal first stops the simulation and waits for its step in flight, so nothing it does meets a
        // closed database; then the roles shut down.
        exit = new Promise<number>((resolve) =>
          shutdownOnSignals(running, resolve, async () => {
            abort.abort();
            await simulationStopped;
          }),
        );
        writeResult(
          o,
          { status: 'running', url: proc.url, dashboard, database: 'pglite-memory', demo: true, locationId, apiKey, simulation: { days: opts.days, owners: opts.owners, seed: opts.seed, from: start.toISOString() } },
          () =>
            [
              `Curb demo is running on ${proc?.url ?? ''} with made-up data in memory (gone when you stop it, Ctrl-C).`,
              `  dashboard  ${dashboard}   sign in with the API key:`,
              `             ${apiKey}`,
              `  API docs   ${proc?.url ?? ''}/docs`,
              `Simulating ${opts.days} days of outreach now; the dashboard fills as it runs.`,
            ].join('\n'),
        );
      },
    });
    if (!o.json) process.stdout.write(`\n${summaryText(result)}\n\nStart your own Curb with \`npx curb serve\`.\n`);
  } catch (e) {
    if (!abort.signal.aborted) {
      await proc?.shutdown('demo failed');
      if (!proc) await database.close();
      throw e;
    }
  } finally {
    settled();
    channelsFor(services).close?.();
    simulated();
  }
  const code = await (exit ?? Promise.resolve(1));
  // Everything that matters is closed; timers of abandoned work must not keep the process alive.
  process.exit(code);
}

export function registerDemo(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  program
    .command('demo')
    .description('simulate three weeks of Curb on made-up leads in a throwaway database, then serve the dashboard on it')
    .option('--seed <n>', 'random seed: the same seed gives the same owners, replies and clicks', int('seed', 0, 2 ** 31 - 1), 42)
    .option('--owners <n>', 'made-up owners (one property each)', int('owners', 20, MAX_DEMO_OWNERS), 200)
    .option('--days <n>', 'simulated days', int('days', 1, 60), 21)
    .option('--start <instant>', 'first simulated instant (default: 05:00 in Orlando, --days ago)')
    .option('--no-serve', 'print the summary and exit instead of serving the dashboard')
    .option('--port <port>', 'listen port (default PORT or 3000)', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'listen address (default HOST or 0.0.0.0)')
    .action((opts: DemoCliOptions) => run((o) => runDemoCommand(o, opts)));
}

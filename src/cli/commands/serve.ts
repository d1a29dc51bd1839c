import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { createServices } from '../../runtime/create-services.js';
import { shutdownOnSignals, startRoles } from '../../runtime/run-process.js';
import { ensureDefaultLocation } from '../../services/locations/ensure-default-location.js';
import { type OutputOptions, writeResult } from '../output.js';

async function runLongLived(o: OutputOptions, roles: { http: boolean; worker: boolean; scheduler: boolean }, port?: number, host?: string): Promise<void> {
  const config = loadConfig();
  const services = await createServices({ config });
  // First start of an empty embedded database: make a location and a key so the API works at once.
  const first = config.database.kind === 'postgres' ? null : await ensureDefaultLocation(services);
  const proc = await startRoles({ services, ...roles, port, host });
  writeResult(
    o,
    { status: 'running', roles, url: proc.url, database: config.database.kind, ...(first ? { firstRun: { locationId: first.location.id, apiKey: first.key } } : {}) },
    () =>
      [
        proc.url ? `Curb is listening on ${proc.url} (API docs at ${proc.url}/docs)` : 'Curb worker is running',
        `database: ${config.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : config.database.kind}`,
        ...(first
          ? ['', 'First start: created a default location and an API key. It is shown once — store it now:', `  ${first.key}`, `  curl -H "Authorization: Bearer ${first.key}" ${proc.url ?? ''}/v1/location`]
          : []),
      ].join('\n'),
  );
  const code = await new Promise<number>((resolve) => shutdownOnSignals(proc, resolve));
  // Everything that matters is closed; timers of abandoned work must not keep the process alive.
  process.exit(code);
}

export function registerServe(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  program
    .command('serve')
    .description('run the API, the workers and the scheduler in one process')
    .option('--port <port>', 'listen port (default PORT or 3000)', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'listen address (default HOST or 0.0.0.0)')
    .action((opts: { port?: number; host?: string }) => run((o) => runLongLived(o, { http: true, worker: true, scheduler: true }, opts.port, opts.host)));
  program
    .command('worker')
    .description('run job workers only (scale out beside one `curb serve`)')
    .action(() => run((o) => runLongLived(o, { http: false, worker: true, scheduler: false })));
}

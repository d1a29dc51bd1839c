import { readFileSync } from 'node:fs';
import repl from 'node:repl';
import { inspect } from 'node:util';
import type { Command } from 'commander';
import * as drizzle from 'drizzle-orm';
import * as schema from '../../db/schema/index.js';
import { loadConfig } from '../../config/env.js';
import { createServices } from '../../runtime/create-services.js';
import { type OutputOptions, writeResult } from '../output.js';

/**
 * A REPL with the services and database loaded (seed: `make crm-shell`). `--eval` (or a script on stdin
 * when not a terminal) runs one async expression and prints its value — as JSON with `--json`.
 */
export function registerShell(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  program
    .command('shell')
    .description('open a REPL with `services`, `db`, `schema` and drizzle operators loaded')
    .option('--eval <code>', 'evaluate one expression (await allowed) and print the result')
    .action((opts: { eval?: string }) =>
      run(async (o) => {
        const services = await createServices({ config: loadConfig() });
        const context = { services, db: services.db, schema, ...drizzle };
        const code = opts.eval ?? (process.stdin.isTTY ? undefined : readFileSync(0, 'utf8'));
        try {
          if (code !== undefined) {
            const fn = new Function(...Object.keys(context), `return (async () => (${code.trim().replace(/;$/, '')}))();`) as (...args: unknown[]) => Promise<unknown>;
            const value = await fn(...Object.values(context));
            writeResult(o, { value: value === undefined ? null : value }, () => inspect(value, { depth: 6, colors: false }));
            return;
          }
          const server = repl.start({ prompt: 'curb> ' });
          Object.assign(server.context, context);
          await new Promise<void>((resolve) => server.on('exit', () => resolve()));
        } finally {
          await services.database.close();
        }
      }),
    );
}

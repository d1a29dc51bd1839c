import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openDatabase } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { type OutputOptions, writeResult } from '../output.js';

export function registerMigrate(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  program
    .command('migrate')
    .description('apply pending database migrations (idempotent)')
    .action(() =>
      run(async (o) => {
        const config = loadConfig();
        const database = await openDatabase(config.database);
        try {
          const status = await migrate(database);
          writeResult(o, { database: database.kind, ...status }, () =>
            status.newlyApplied === 0 ? `database is up to date (${status.applied}/${status.total} migrations)` : `applied ${status.newlyApplied} migration(s); ${status.applied}/${status.total} applied`,
          );
        } finally {
          await database.close();
        }
      }),
    );
}

import type { Command } from 'commander';
import { OffMarketStatus } from '../../adapters/mls-reso/interface.js';
import { validationError } from '../../lib/errors.js';
import { createResoClientFromConfig } from '../../services/markets/create-reso-client-from-config.js';
import { syncMlsListings } from '../../services/markets/sync-mls.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

interface MlsSyncCliOptions {
  since?: string;
  status?: string;
  limit?: string;
  location?: string;
}

export function registerMls(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const mls = program.command('mls').description('MLS listings from a RESO Web API server (config RESO_*)');
  mls
    .command('sync')
    .description('pull expired, withdrawn and canceled listings into properties (source mls_expired)')
    .option('--since <date>', 'only listings modified since this ISO date or date-time (the last run prints lastModified)')
    .option('--status <list>', 'comma-separated: Expired, Withdrawn, Canceled (default: all three)')
    .option('--limit <n>', 'stop after n listings')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((opts: MlsSyncCliOptions) =>
      run((o) => {
        const since = opts.since === undefined ? undefined : new Date(opts.since);
        if (since && Number.isNaN(since.getTime())) throw validationError([{ path: ['since'], message: `not a date: ${opts.since}` }], 'option');
        const statuses = opts.status?.split(',').map((s) => s.trim());
        const bad = statuses?.find((s) => !OffMarketStatus.safeParse(s).success);
        if (bad !== undefined) throw validationError([{ path: ['status'], message: `"${bad}" is not one of ${OffMarketStatus.options.join(', ')}` }], 'option');
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw validationError([{ path: ['limit'], message: 'must be a positive whole number' }], 'option');
        return withServices(async (services) => {
          const client = createResoClientFromConfig(services.config);
          const locationId = await resolveLocationId(services, opts.location);
          const report = await syncMlsListings(services, {
            locationId,
            client,
            ...(since ? { modifiedSince: since } : {}),
            ...(statuses ? { statuses: statuses as OffMarketStatus[] } : {}),
            ...(limit ? { limit } : {}),
          });
          writeResult(o, report, () =>
            [
              `MLS: read ${report.read}, imported ${report.imported}, updated ${report.updated}, skipped ${report.skipped.length}${report.lastModified ? `; next run: --since ${report.lastModified}` : ''}`,
              ...report.skipped.slice(0, 20).map((s) => `  skipped ${s.listingKey}: ${s.reason}`),
            ].join('\n'),
          );
        });
      }),
    );
}

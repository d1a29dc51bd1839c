import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createBatchDataProvider } from '../../adapters/skiptrace/batchdata.js';
import { createCsvSkipTraceProvider, type ParsedSkipTraceCsv, parseSkipTraceCsv } from '../../adapters/skiptrace/csv-results.js';
import type { SkipTraceProvider } from '../../adapters/skiptrace/interface.js';
import type { Config } from '../../config/env.js';
import { AppError, ErrorCode, validationError } from '../../lib/errors.js';
import { runSkipTrace } from '../../services/enrichment/run-skip-trace.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

interface SkipTraceCliOptions {
  provider?: string;
  file?: string;
  limit?: string;
  pricePerMatch?: string;
  location?: string;
}

/**
 * The provider is picked here, from the option or config SKIPTRACE_PROVIDER; a results file also gives its rows,
 * so the report can account for every one.
 */
async function providerOf(config: Config, name: 'csv' | 'batchdata', file: string | undefined): Promise<{ provider: SkipTraceProvider; upload?: ParsedSkipTraceCsv }> {
  switch (name) {
    case 'csv': {
      if (!file) throw validationError([{ path: ['file'], message: 'the csv provider needs --file results.csv (parcel_id, phone, email, source)' }], 'option');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new AppError(ErrorCode.BadRequest, `file: ${(e as Error).message}`, { field: 'file' });
      }
      const parsed = parseSkipTraceCsv(text);
      const fatal = parsed.errors.find((e) => e.row <= 1);
      if (fatal) throw validationError([{ path: [fatal.field], message: fatal.message }], 'skip-trace file');
      // Row problems (a bad phone on line 7) are reported, the good rows still count.
      for (const e of parsed.errors) process.stderr.write(`curb: ${file} line ${e.row} ${e.field}: ${e.message}\n`);
      return { provider: createCsvSkipTraceProvider(parsed), upload: parsed };
    }
    case 'batchdata': {
      const token = config.env.BATCHDATA_API_TOKEN;
      if (!token) throw validationError([{ path: ['BATCHDATA_API_TOKEN'], message: 'required for --provider batchdata' }], 'configuration');
      return {
        provider: createBatchDataProvider({
          baseUrl: config.env.BATCHDATA_API_BASE_URL,
          token,
          minIntervalMs: config.env.BATCHDATA_MIN_INTERVAL_MS,
          timeoutMs: config.env.BATCHDATA_TIMEOUT_MS,
        }),
      };
    }
  }
}

export function registerSkipTrace(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  program
    .command('skiptrace')
    .description('find phones and emails for properties whose owners have none yet')
    .option('--provider <name>', 'csv | batchdata (default: config SKIPTRACE_PROVIDER)')
    .option('--file <path>', 'results CSV for the csv provider (parcel_id, phone, email, source)')
    .option('--limit <n>', 'at most n properties, highest score first')
    .option('--price-per-match <usd>', 'what the vendor charges per matched property, for the costs ledger (default: config SKIPTRACE_PRICE_PER_MATCH_USD for batchdata, 0 for csv)')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((opts: SkipTraceCliOptions) =>
      run((o) =>
        withServices(async (services) => {
          const name = (opts.provider ?? services.config.env.SKIPTRACE_PROVIDER) as string;
          if (name !== 'csv' && name !== 'batchdata') throw validationError([{ path: ['provider'], message: 'csv or batchdata' }], 'option');
          const limit = opts.limit === undefined ? undefined : Number(opts.limit);
          if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw validationError([{ path: ['limit'], message: 'must be a positive whole number' }], 'option');
          const price = opts.pricePerMatch === undefined ? (name === 'batchdata' ? services.config.env.SKIPTRACE_PRICE_PER_MATCH_USD : 0) : Number(opts.pricePerMatch);
          if (!Number.isFinite(price) || price < 0 || price > 1000) throw validationError([{ path: ['price-per-match'], message: 'must be a dollar amount from 0 to 1000' }], 'option');
          const locationId = await resolveLocationId(services, opts.location);
          const { provider, upload } = await providerOf(services.config, name, opts.file);
          const report = await runSkipTrace(services, { locationId, provider, pricePerMatchUsd: price, ...(limit ? { limit } : {}), ...(upload ? { upload } : {}) });
          const unknownRows = report.unknownParcelRows ?? [];
          writeResult(o, report, () =>
            [
              `requested ${report.requested}, matched ${report.matched}, with phone ${report.withPhone}, with email ${report.withEmail}, coverage ${(report.coverage * 100).toFixed(1)}%, billed ${report.billedUnits} ($${report.costUsd.toFixed(2)})`,
              ...(report.unsearchable > 0 ? [`${report.unsearchable} properties have no street to search by and were not sent`] : []),
              ...(report.unknownParcels ? [`${report.unknownParcels} rows name parcels Curb does not know (rows ${unknownRows.join(', ')}${report.unknownParcels > unknownRows.length ? ', …' : ''})`] : []),
              ...(report.nothingNew ? [`${report.nothingNew} rows added no new phone or email`] : []),
              ...report.errors.map((e) => `failed: ${e.requests} requests: ${e.code}: ${e.message}`),
            ].join('\n'),
          );
          // Results already received are stored; the failed batches make the run a failure a script can see.
          if (report.failed > 0) process.exitCode = 1;
        }),
      ),
    );
}

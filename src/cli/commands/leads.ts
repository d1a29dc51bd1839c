import { basename } from 'node:path';
import type { Command } from 'commander';
import { createDnsMxChecker } from '../../adapters/enrichment/dns-mx-checker.js';
import { IMPORT_PRESET_NAMES, type ImportPresetName } from '../../domain/leads/import-presets.js';
import type { ColumnMapping } from '../../domain/leads/plan-columns.js';
import { AppError, ErrorCode, validationError } from '../../lib/errors.js';
import { parseMapEntries } from '../../services/leads/import-schemas.js';
import { importLeads, type ImportProgress } from '../../services/leads/import-leads.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

interface ImportLeadsCliOptions {
  preset: string;
  map: string[];
  market?: string;
  dryRun?: boolean;
  location?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const BAR_WIDTH = 24;

/**
 * One progress line, redrawn after each committed batch: a bar and percentage by bytes of the file read, the
 * rows so far, the counts and the rate. `tty` false (a pipe, a log) prints nothing.
 */
export function progressLine(fileName: string, out: { isTTY?: boolean; write(s: string): unknown } = process.stderr, now = () => performance.now()): { update(p: ImportProgress): void; done(): void } {
  const tty = out.isTTY === true;
  const started = now();
  let drawn = false;
  return {
    update(p) {
      if (!tty) return;
      const seconds = (now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(p.rowsRead / seconds) : 0;
      let bar = '';
      if (p.bytesTotal && p.bytesRead !== undefined) {
        const share = Math.min(1, p.bytesRead / p.bytesTotal);
        const filled = Math.round(share * BAR_WIDTH);
        bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  `;
      }
      out.write(`\r${fileName} ${bar}row ${p.rowsRead.toLocaleString('en-US')}  imported ${p.imported}  updated ${p.updated}  ${rate.toLocaleString('en-US')} rows/s\u001b[K`);
      drawn = true;
    },
    done() {
      if (tty && drawn) out.write('\n');
    },
  };
}

export function registerLeads(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const imp = program.command('import').description('Import lead lists');
  imp
    .command('leads <file>')
    .description('Import a CSV (or .csv.gz) lead list; re-running an interrupted import resumes it')
    .option('--preset <name>', `one of ${IMPORT_PRESET_NAMES.join(', ')}`, 'generic')
    .option('--map <column=field>', 'map a file column to a canonical field (repeatable)', collect, [])
    .option('--market <key>', 'market for every row (default: matched by situs county or city)')
    .option('--dry-run', 'read and count, store nothing')
    .option('--location <id>', 'location id (optional when there is one location)')
    .action((file: string, opts: ImportLeadsCliOptions) =>
      run((o) => {
        if (!(IMPORT_PRESET_NAMES as readonly string[]).includes(opts.preset)) {
          throw validationError([{ path: ['preset'], message: `unknown preset "${opts.preset}"; one of ${IMPORT_PRESET_NAMES.join(', ')}` }], 'import');
        }
        const map = parseMapEntries(opts.map);
        if (!map.ok) throw validationError([{ path: ['map'], message: `--map ${map.entry}: ${map.reason}` }], 'import');
        return withServices(async (services) => {
          const locationId = await resolveLocationId(services, opts.location);
          const bar = progressLine(basename(file));
          const r = await importLeads(services, {
            locationId,
            input: file,
            preset: opts.preset as ImportPresetName,
            mapping: map.mapping as ColumnMapping,
            ...(opts.market ? { market: opts.market } : {}),
            dryRun: opts.dryRun === true,
            ...(services.config.env.EMAIL_MX_CHECK ? { mxChecker: createDnsMxChecker({ clock: services.clock }) } : {}),
            onProgress: (p) => bar.update(p),
          });
          bar.done();
          if (!r.ok) {
            const code = r.error.code === 'import_file_unreadable' || r.error.code === 'import_file_invalid' ? ErrorCode.BadRequest : ErrorCode.ValidationFailed;
            throw new AppError(code, r.error.message, r.error.details);
          }
          const { report } = r.value;
          writeResult(o, report, () =>
            [
              `${opts.dryRun ? 'dry run: would import' : 'imported'} ${report.imported}, updated ${report.updated}, skipped ${report.skipped.length}, warnings ${report.warnings.length}` +
                (r.value.resumedAfterRow > 0 ? ` (resumed after row ${r.value.resumedAfterRow})` : ''),
              ...report.skipped.slice(0, 20).map((s) => `  skipped row ${s.row}: ${s.reason}`),
              ...report.warnings.slice(0, 20).map((w) => `  row ${w.row} ${w.field}: ${w.reason}`),
            ].join('\n'),
          );
        });
      }),
    );
}

import type { Command } from 'commander';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { importDncFile } from '../../services/suppressions/import-dnc-file.js';
import { LIST_BY_SHORT_NAME } from '../../services/suppressions/suppression-schemas.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

interface ImportOpts {
  list: string;
  state?: string;
  listDate?: string;
  change?: boolean;
  location?: string;
  phoneColumn?: string;
  actionColumn?: string;
}

const column = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AppError(ErrorCode.ValidationFailed, `${name}: a 0-based column number`, { issues: [{ path: name, message: 'a 0-based column number' }] });
  return n;
};

export function registerDnc(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const dnc = program.command('dnc').description('do-not-call lists (national registry, state, internal, litigator)');
  dnc
    .command('import <file>')
    .description('import a DNC file (National Registry flat text full/change list, plain or zip; CSV for the others)')
    .requiredOption('--list <list>', 'national | state | internal | litigator')
    .option('--state <ST>', 'state lists: the two-letter state')
    .option('--list-date <YYYY-MM-DD>', 'the date of the download (default: a date in the file name, else the file date, never after today)')
    .option('--change', 'a change list: additions and deletions')
    .option('--location <id>', 'internal lists: whose list (optional when there is one location)')
    .option('--phone-column <n>', 'CSV: 0-based column of the phone (default: found automatically)')
    .option('--action-column <n>', 'CSV change lists: 0-based column of the add/delete marker')
    .action((file: string, opts: ImportOpts) =>
      run((o) => {
        const list = LIST_BY_SHORT_NAME[opts.list];
        if (!list) throw new AppError(ErrorCode.ValidationFailed, 'list: one of national, state, internal, litigator', { issues: [{ path: 'list', message: 'one of national, state, internal, litigator' }] });
        const phoneColumn = column('phoneColumn', opts.phoneColumn);
        const actionColumn = column('actionColumn', opts.actionColumn);
        return withServices(async (services) => {
          const locationId = list === 'internal_dnc' ? await resolveLocationId(services, opts.location) : null;
          const report = await importDncFile(services, { list, path: file, state: opts.state, listDate: opts.listDate, change: opts.change, locationId, phoneColumn, actionColumn });
          writeResult(o, report, () =>
            [
              `${report.list}${report.state ? ` ${report.state}` : ''} ${report.kind} list dated ${report.listDate}: ${report.added} added, ${report.removed} removed, ${report.badLineCount} bad line(s) of ${report.lines}`,
              ...report.badLines.map((b) => `  line ${b.line}${b.entry ? ` of ${b.entry}` : ''}: ${b.reason}`),
              ...(report.badLineCount > report.badLines.length ? [`  … and ${report.badLineCount - report.badLines.length} more`] : []),
            ].join('\n'),
          );
        });
      }),
    );
}

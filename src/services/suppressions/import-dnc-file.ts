import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { detectDncSection } from '../../domain/dnc/detect-dnc-section.js';
import type { DncLineResult } from '../../domain/dnc/dnc-line-result.js';
import { parseDncCsvLine } from '../../domain/dnc/parse-dnc-csv-line.js';
import { parseDncLine } from '../../domain/dnc/parse-dnc-line.js';
import { deleteSuppressionsBulk, insertSuppressionsBulk, type SuppressionBatchScope } from '../../db/sql/apply-suppressions-bulk.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { openDncSources } from './open-dnc-sources.js';
import type { DncImportReport, SuppressionList } from './suppression-schemas.js';

export interface ImportDncFileOptions {
  list: SuppressionList;
  path: string;
  /** required for state lists: the two-letter state */
  state?: string | null;
  /** required for internal lists: whose list it is; ignored (shared lists) otherwise */
  locationId?: string | null;
  /** YYYY-MM-DD; default: a date in the file name, else the file's modification day (never after today) */
  listDate?: string | null;
  /** a change list (additions and deletions) rather than a full list */
  change?: boolean;
  /** CSV lists: 0-based columns of the phone and of the add/delete marker */
  phoneColumn?: number;
  actionColumn?: number;
  /** numbers per statement (default 50,000) */
  batchSize?: number;
  /** how many bad lines to list (all are counted; default 100) */
  maxBadLines?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A list changing at least this many numbers is followed by a checkpoint (see the end of importDncFile). */
const CHECKPOINT_AFTER_CHANGES = 100_000;

function validDate(d: string): boolean {
  if (!DATE.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}

/** The list date a file carries in its name (`dnc-2025-06-01.txt`, `407_20250601.zip`), if any. */
function dateInName(name: string): string | null {
  const m = /(20\d{2})-?(\d{2})-?(\d{2})/.exec(name);
  if (!m) return null;
  const d = `${m[1]}-${m[2]}-${m[3]}`;
  return validDate(d) ? d : null;
}

const invalid = (path: string, message: string) => new AppError(ErrorCode.ValidationFailed, `${path}: ${message}`, { issues: [{ path, message }] });

/**
 * Imports one DNC download — the National Registry's flat files (full or change list, plain or zipped) or a
 * CSV export of a state, internal or litigator list — streaming line by line and writing tens of thousands of
 * numbers per statement. Bad lines are reported by line number and everything else is imported; change-list
 * deletions remove numbers. One transaction: the list and its `suppression_lists` row (whose date is the scrub
 * date F3 checks) appear together or not at all. Re-importing the same file changes nothing.
 *
 * @example importDncFile(services, { list: 'national_dnc', path: '407.txt', listDate: '2025-06-01' })
 */
export async function importDncFile(deps: Pick<AppServices, 'database' | 'clock'>, options: ImportDncFileOptions): Promise<DncImportReport> {
  const list = options.list;
  const state = list === 'state_dnc' ? (options.state ?? '').trim().toUpperCase() : '';
  if (list === 'state_dnc' && !/^[A-Z]{2}$/.test(state)) throw invalid('state', 'a two-letter state is required for a state list (--state FL)');
  const locationId = list === 'internal_dnc' ? (options.locationId ?? null) : null;
  if (list === 'internal_dnc' && !locationId) throw invalid('location', 'an internal list belongs to one location (--location ID)');
  let fileInfo;
  try {
    fileInfo = await stat(options.path);
  } catch {
    throw invalid('file', `cannot read ${options.path}`);
  }
  if (!fileInfo.isFile()) throw invalid('file', `${options.path} is not a file`);
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  let listDate = options.listDate ?? null;
  if (listDate !== null && !validDate(listDate)) throw invalid('listDate', 'a date as YYYY-MM-DD');
  if (listDate === null) {
    const modified = fileInfo.mtime.toISOString().slice(0, 10);
    listDate = dateInName(basename(options.path)) ?? (modified < today ? modified : today);
  }
  const kind = options.change ? 'change' : 'full';
  const csv = list !== 'national_dnc';
  const batchSize = options.batchSize ?? 50_000;
  const maxBad = options.maxBadLines ?? 100;
  const scope: SuppressionBatchScope = { list, state, locationId, listDate, source: `import:${basename(options.path)}`, at: now };

  const report: DncImportReport = { list, state: state || null, kind, listDate, lines: 0, added: 0, removed: 0, badLineCount: 0, badLines: [], listId: newId() };

  const imported = await deps.database.transaction(async (tx) => {
    // A full list is all additions: a plain array. A change list may add and delete the same number; within a
    // batch the last action wins (a Map), and the add and delete sets are then disjoint, so their order is moot.
    let adds: string[] = [];
    let changes = new Map<string, 'add' | 'delete'>();
    // One full-list batch is written while the next is being read and parsed: the database and the parser
    // work at the same time. Only one write is ever in flight (one transaction, one connection).
    let inFlight: Promise<void> | null = null;
    // Plain inserts until a number turns out to be on the list already (a re-import), then ON CONFLICT.
    const fullListMode = { onConflict: false };
    const startAdds = async () => {
      const batch = adds;
      adds = [];
      if (inFlight) await inFlight;
      const write = insertSuppressionsBulk(tx, scope, batch, fullListMode).then((n) => {
        report.added += n;
      });
      // Awaited at the next batch or at the end; a failure surfaces there, never as an unhandled rejection.
      write.catch(() => undefined);
      inFlight = write;
    };
    const flush = async () => {
      if (adds.length > 0) await startAdds();
      if (inFlight) {
        await inFlight;
        inFlight = null;
      }
      if (changes.size > 0) {
        const toAdd: string[] = [];
        const toDelete: string[] = [];
        for (const [v, a] of changes) (a === 'add' ? toAdd : toDelete).push(v);
        report.added += await insertSuppressionsBulk(tx, scope, toAdd);
        report.removed += await deleteSuppressionsBulk(tx, scope, toDelete);
        changes = new Map();
      }
    };
    const bad = (line: number, reason: string, entry: string | null) => {
      report.badLineCount++;
      if (report.badLines.length < maxBad) report.badLines.push(entry === null ? { line, reason } : { line, reason, entry });
    };

    for await (const source of openDncSources(options.path)) {
      let lineNumber = 0;
      let section: 'add' | 'delete' = 'add';
      for await (const line of source.lines) {
        lineNumber++;
        report.lines++;
        let r: DncLineResult;
        if (csv) {
          r = parseDncCsvLine(line, lineNumber, { phoneColumn: options.phoneColumn, actionColumn: options.actionColumn });
          // A header row carries no phone; only the first line may be one.
          if (!r.ok && lineNumber === 1 && (r.reason === 'no_phone_in_line' || r.reason.startsWith('not_'))) continue;
        } else {
          r = parseDncLine(line, lineNumber, { defaultAction: section });
          if (!r.ok && options.change) {
            const s = detectDncSection(line);
            if (s !== null) {
              section = s;
              continue;
            }
          }
        }
        if (!r.ok) {
          // A blank line holds no number; anything else unreadable is reported, never skipped silently.
          if (line.trim().length > 0) bad(lineNumber, r.reason, source.entry);
          continue;
        }
        if (options.change) {
          changes.set(r.phone, r.action);
          if (changes.size >= batchSize) await flush();
        } else {
          if (r.action === 'delete') bad(lineNumber, 'deletion_in_full_list: import it with --change', source.entry);
          else {
            adds.push(r.phone);
            if (adds.length >= batchSize) await startAdds();
          }
        }
      }
    }
    await flush();
    await tx.executeSql(
      `insert into suppression_lists (id, list, location_id, state, kind, list_date, file_name, added, removed, bad_lines, created_at)
       values ($1, $2, $3::uuid, $4, $5, $6::date, $7, $8, $9, $10, $11)`,
      [report.listId, list, locationId, state, kind, listDate, basename(options.path), report.added, report.removed, report.badLineCount, now],
    );
    return report;
  });
  // Sets the new rows' hint bits and visibility map in one sequential pass now, rather than one page at a time
  // on the first lookups after the import (each of which would read the heap page and dirty it): send-time
  // lookups are then index-only scans that touch no heap page (`dnc_lookup_p99`). Vacuum skips the pages that
  // are all-visible already, so a small change list costs little. The list is committed either way; should
  // the vacuum fail, autovacuum does the same later.
  await deps.database.executeSql('vacuum (analyze) suppressions').catch(() => undefined);
  // A full list leaves shared buffers full of pages the import and the vacuum dirtied; until the background
  // writer catches up, a lookup that misses the cache first writes one of them out (`written=1`), which is the
  // slow tail of the first lookups after an import. A checkpoint writes them all now. It needs the
  // pg_checkpoint role (PostgreSQL 15) or a superuser; without it the background writer does it in time.
  if (deps.database.kind === 'postgres' && imported.added + imported.removed >= CHECKPOINT_AFTER_CHANGES) {
    await deps.database.executeSql('checkpoint').catch(() => undefined);
  }
  return imported;
}

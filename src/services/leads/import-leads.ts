import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { MxChecker, MxStatus } from '../../adapters/enrichment/interface.js';
import { imports } from '../../db/schema/index.js';
import { copiesInTransactions } from '../../db/sql/leads/run-sql.js';
import type { Db } from '../../db/client.js';
import type { ImportPresetName } from '../../domain/leads/import-presets.js';
import type { ColumnMapping } from '../../domain/leads/plan-columns.js';
import type { MappedRow } from '../../domain/leads/types.js';
import { newId } from '../../lib/ids.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { stableJson } from '../../lib/stable-json.js';
import type { AppServices } from '../app-services.js';
import { ensureMarkets, findMarket } from '../markets/ensure-markets.js';
import { buildScoringContext } from './build-scoring-context.js';
import { importErrorMessage } from './import-error-message.js';
import type { MxStatuses, ScoringContext } from './lead-input.js';
import { parseLeadFile, type ImportReport } from './parse-lead-file.js';
import { prepareLeadBatch, type PreparedLeadBatch } from './prepare-lead-batch.js';
import { storeLeadBatch } from './store-lead-batch.js';

export interface ImportProgress {
  /** Data rows read and stored so far (the last row of the last committed batch). */
  rowsRead: number;
  imported: number;
  updated: number;
  /** Bytes of the file read so far and its size, when the input is a path (a progress bar's measure). */
  bytesRead?: number;
  bytesTotal?: number;
}

export interface ImportLeadsOptions {
  locationId: string;
  /** A path (`.csv`, `.csv.gz`) or a byte stream. Only a path can be resumed by a plain re-run. */
  input: string | Readable;
  preset?: ImportPresetName;
  mapping?: ColumnMapping;
  /** A market key (`orange-fl`, or `orange` when unambiguous) for every row. */
  market?: string;
  /** Read, match and count everything, store nothing. */
  dryRun?: boolean;
  /** The `imports` row to record progress in (the API's job). Without it, a path's fingerprint finds or creates one. */
  importId?: string;
  fileName?: string;
  /** Rows per transaction; default config IMPORT_BATCH_SIZE. */
  batchSize?: number;
  /** Checks each email domain's MX when given (config EMAIL_MX_CHECK). */
  mxChecker?: MxChecker;
  /** Stops before the next batch; committed batches stay, and a re-run resumes after them. */
  signal?: AbortSignal;
  /** Called after each committed batch. A throw stops the import like an abort (tests simulate a crash this way). */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

export interface ImportLeadsResult {
  importId: string | null;
  report: ImportReport;
  /** Data rows in the file. */
  rows: number;
  /** Rows that an earlier, interrupted run had already stored (0 for a fresh import). */
  resumedAfterRow: number;
}

class StopImport extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

class DryRunRollback extends Error {}

/**
 * Imports a lead list into the database: parses it in batches (`parseLeadFile`) and stores each batch in
 * one transaction (`storeLeadBatch`), recording the rows done in the `imports` row in that same
 * transaction. A crash loses at most the batch in flight, and re-running the same file (or the same
 * job) resumes after the last committed batch; since every write is an upsert, rows are never doubled.
 *
 * The report is exactly `{ imported, updated, skipped, warnings }`; re-importing a file gives
 * `imported: 0, updated: 0`.
 */
export async function importLeads(
  deps: Pick<AppServices, 'db' | 'clock' | 'config'>,
  options: ImportLeadsOptions,
): Promise<Result<ImportLeadsResult, AppFailure>> {
  const { locationId } = options;
  const markets = await ensureMarkets(deps, { locationId, configDir: deps.config.configDir });
  const forced = options.market ? findMarket(markets, options.market) : undefined;
  if (options.market && !forced) {
    return failure('market_unknown', `market: no market "${options.market}" (known: ${markets.map((m) => m.market.key).join(', ') || 'none'})`, false, { field: 'market' });
  }
  const scoring = await buildScoringContext({ markets, configDir: deps.config.configDir, ...(forced ? { forced } : {}) });
  const batchSize = options.batchSize ?? deps.config.env.IMPORT_BATCH_SIZE;

  if (options.dryRun) {
    let result: Result<ImportLeadsResult, AppFailure> | undefined;
    // One transaction for the whole file, rolled back: counts are exact (a parcel twice in the file is
    // one import and one update) and nothing is kept.
    try {
      await deps.db.transaction(async (tx) => {
        result = await runParse(tx as unknown as Db, deps, options, scoring, batchSize, null, { rowsRead: 0, imported: 0, updated: 0 }, true);
        throw new DryRunRollback();
      });
    } catch (e) {
      if (!(e instanceof DryRunRollback)) throw e;
    }
    return result!;
  }

  const tracked = await openImportRow(deps, options);
  if (tracked.done) return ok({ importId: tracked.id, report: tracked.done, rows: tracked.rowsRead, resumedAfterRow: tracked.rowsRead });
  const start: ImportProgress = { rowsRead: tracked.rowsRead, imported: tracked.imported, updated: tracked.updated };
  try {
    const r = await runParse(deps.db, deps, options, scoring, batchSize, tracked.id, start, false);
    const now = deps.clock.now();
    if (r.ok) {
      await deps.db.update(imports).set({ status: 'done', rowsRead: r.value.rows, report: r.value.report, error: null, finishedAt: now, updatedAt: now }).where(eq(imports.id, tracked.id));
    } else {
      await deps.db
        .update(imports)
        .set({ status: 'failed', error: r.error.message, finishedAt: now, updatedAt: now })
        .where(eq(imports.id, tracked.id));
    }
    return r;
  } catch (e) {
    const cause = e instanceof StopImport ? e.cause : e;
    const now = deps.clock.now();
    await deps.db
      .update(imports)
      .set({ status: 'interrupted', error: importErrorMessage(cause), updatedAt: now })
      .where(eq(imports.id, tracked.id))
      .catch(() => undefined);
    throw cause;
  }
}

async function runParse(
  db: Db,
  deps: Pick<AppServices, 'clock'>,
  options: ImportLeadsOptions,
  scoring: ScoringContext,
  batchSize: number,
  importId: string | null,
  start: ImportProgress,
  inOneTransaction: boolean,
): Promise<Result<ImportLeadsResult, AppFailure>> {
  const progress: ImportProgress = { rowsRead: start.rowsRead, imported: start.imported, updated: start.updated };
  const resumeAfter = start.rowsRead;
  const bytesTotal = typeof options.input === 'string' ? await stat(options.input).then((s) => s.size, () => undefined) : undefined;
  let bytesRead = 0;
  let stop: unknown;
  // One batch is stored while the parser reads the next and prepares it: the database and the client's work
  // overlap, and batches still commit strictly in order (batch N+1's writes start after batch N's commit).
  let pending: Promise<void> = Promise.resolve();
  const copyLines = copiesInTransactions(db);
  const store = async (rows: MappedRow[], prepared: PreparedLeadBatch, mx: MxStatuses | undefined): Promise<void> => {
    const last = rows[rows.length - 1]!.row;
    const { now } = prepared;
    let counts = { imported: 0, updated: 0 };
    const write = async (tx: Db): Promise<void> => {
      // Each batch records its own progress, so durability of the last few commits can be traded for
      // speed: after a crash, the resume point and the stored rows always agree.
      if (!inOneTransaction) await tx.execute(sql`set local synchronous_commit = off`);
      const r = await storeLeadBatch(tx, { locationId: options.locationId, now, inputs: rows, scoring, prepared, ...(mx ? { mx } : {}) });
      counts = { imported: r.imported, updated: r.updated };
      if (importId) {
        await tx
          .update(imports)
          .set({ rowsRead: last, report: { imported: progress.imported + r.imported, updated: progress.updated + r.updated, skipped: [], warnings: [] }, updatedAt: now })
          .where(eq(imports.id, importId));
      }
    };
    if (inOneTransaction) await write(db);
    else await db.transaction(async (tx) => write(tx as unknown as Db));
    progress.imported += counts.imported;
    progress.updated += counts.updated;
    progress.rowsRead = last;
    await options.onProgress?.({ ...progress, ...(bytesTotal === undefined ? {} : { bytesRead: Math.min(bytesRead, bytesTotal), bytesTotal }) });
  };
  const onRow = async (batch: MappedRow[]): Promise<void> => {
    try {
      const rows = resumeAfter > 0 ? batch.filter((r) => r.row > resumeAfter) : batch;
      // What needs no database (records, scores, COPY lines) is made while the previous batch is being
      // written; MX answers too, since they take the network rather than the database.
      let ahead: Promise<{ prepared: PreparedLeadBatch; mx: MxStatuses | undefined }> | undefined;
      if (rows.length > 0) {
        const now = deps.clock.now();
        ahead = (async () => {
          const mx = options.mxChecker ? await checkDomains(options.mxChecker, rows) : undefined;
          const prepared = await prepareLeadBatch({ locationId: options.locationId, now, inputs: rows, scoring, copyLines });
          return { prepared, mx };
        })();
        // Observed below, after the previous batch; a failure meanwhile must not go unhandled.
        ahead.catch(() => undefined);
      }
      await pending;
      options.signal?.throwIfAborted();
      if (!ahead) return;
      const { prepared, mx } = await ahead;
      const next = store(rows, prepared, mx);
      // Failures surface at the next batch or at the end; never as an unhandled rejection.
      next.catch(() => undefined);
      pending = next;
    } catch (e) {
      stop = e;
      throw e;
    }
  };
  const parsed = await parseLeadFile({
    input: options.input,
    ...(options.preset ? { preset: options.preset } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    batchSize,
    onRow,
    onBytes: (n) => {
      bytesRead = n;
    },
  });
  if (stop === undefined) {
    try {
      await pending;
    } catch (e) {
      stop = e;
    }
  }
  if (stop !== undefined) throw new StopImport(stop);
  if (!parsed.ok) return parsed;
  const { report, rows } = parsed.value;
  return ok({
    importId,
    report: { imported: progress.imported, updated: progress.updated, skipped: report.skipped, warnings: report.warnings },
    rows,
    resumedAfterRow: resumeAfter,
  });
}

async function checkDomains(checker: MxChecker, rows: readonly MappedRow[]): Promise<Map<string, MxStatus>> {
  const domains = new Set<string>();
  for (const r of rows) for (const c of r.contacts) if (c.email) domains.add(c.email.slice(c.email.lastIndexOf('@') + 1).toLowerCase());
  const out = new Map<string, MxStatus>();
  await Promise.all([...domains].map(async (d) => out.set(d, (await checker.check(d)).status)));
  return out;
}

interface TrackedImport {
  id: string;
  rowsRead: number;
  imported: number;
  updated: number;
  done: ImportReport | null;
}

const UNFINISHED = ['queued', 'running', 'interrupted'];

/** The `imports` row to record progress in: the given one, an unfinished one for the same file, or a new one. */
async function openImportRow(deps: Pick<AppServices, 'db' | 'clock'>, options: ImportLeadsOptions): Promise<TrackedImport> {
  const now = deps.clock.now();
  let row: typeof imports.$inferSelect | undefined;
  if (options.importId) {
    [row] = await deps.db.select().from(imports).where(and(eq(imports.id, options.importId), eq(imports.locationId, options.locationId))).limit(1);
    if (!row) throw new Error(`import ${options.importId} not found in this location`);
  }
  const fingerprint = !row && typeof options.input === 'string' ? await fingerprintOf(options.input) : null;
  const runOptions = { mapping: options.mapping ?? {}, ...(options.market ? { market: options.market } : {}) };
  const preset = options.preset ?? 'generic';
  if (!row && fingerprint) {
    [row] = await deps.db
      .select()
      .from(imports)
      .where(and(eq(imports.locationId, options.locationId), eq(imports.fingerprint, fingerprint), inArray(imports.status, UNFINISHED)))
      .orderBy(desc(imports.createdAt))
      .limit(1);
    // Resumed only with the options it was started with: the stored rows were read with those (a changed
    // --map or --preset would leave them mapped the old way). Otherwise a new import reads the whole file.
    if (row && (row.preset !== preset || stableJson(row.options) !== stableJson(runOptions))) row = undefined;
  }
  if (!row) {
    [row] = await deps.db
      .insert(imports)
      .values({
        id: newId(),
        locationId: options.locationId,
        kind: 'leads',
        fileName: options.fileName ?? (typeof options.input === 'string' ? basename(options.input) : null),
        filePath: typeof options.input === 'string' ? options.input : null,
        fingerprint,
        preset,
        options: runOptions,
        status: 'running',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
  }
  if (row!.status === 'done' && row!.report) return { id: row!.id, rowsRead: row!.rowsRead, imported: 0, updated: 0, done: row!.report as ImportReport };
  const partial = (row!.report ?? {}) as Partial<ImportReport>;
  await deps.db.update(imports).set({ status: 'running', error: null, updatedAt: now }).where(eq(imports.id, row!.id));
  return { id: row!.id, rowsRead: row!.rowsRead, imported: partial.imported ?? 0, updated: partial.updated ?? 0, done: null };
}

/** Size and SHA-256 of a file: the same file re-run resumes its unfinished import. */
async function fingerprintOf(path: string): Promise<string | null> {
  try {
    const { size } = await stat(path);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return `${size}:${hash.digest('hex')}`;
  } catch {
    // Unreadable: parseLeadFile reports it properly.
    return null;
  }
}

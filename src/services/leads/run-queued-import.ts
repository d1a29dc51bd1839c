import { rm } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { createDnsMxChecker } from '../../adapters/enrichment/dns-mx-checker.js';
import { imports } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { importErrorMessage } from './import-error-message.js';
import { ImportOptionsSchema } from './import-schemas.js';
import { importLeads } from './import-leads.js';

export interface RunQueuedImportOptions {
  locationId: string;
  importId: string;
  signal?: AbortSignal;
  /**
   * The job's attempt as the queue counts it (pg-boss's `retryCount` of `retryLimit`). When a failure leaves no
   * retry, nothing will resume the import: it ends `failed` and its upload is deleted. Without it every failure
   * is taken as retryable (the import stays `interrupted`, its upload kept for the resume).
   */
  attempt?: { retryCount: number; retryLimit: number };
}

/**
 * The `leads.import` job's work: runs a queued import from its stored file. A retry after a crash resumes
 * after the last committed batch; a finished import is not run again. The upload is deleted once done, and
 * once the job's last attempt has failed.
 */
export async function runQueuedImport(deps: Pick<AppServices, 'db' | 'clock' | 'config' | 'logger'>, options: RunQueuedImportOptions): Promise<{ status: string }> {
  const [row] = await deps.db.select().from(imports).where(and(eq(imports.id, options.importId), eq(imports.locationId, options.locationId))).limit(1);
  if (!row) throw notFound('import', options.importId);
  if (row.status === 'done' || row.status === 'failed') return { status: row.status };
  let r: Awaited<ReturnType<typeof importLeads>>;
  let opts: ReturnType<typeof ImportOptionsSchema.parse>;
  try {
    opts = ImportOptionsSchema.parse({ ...(row.options ?? {}), preset: row.preset ?? 'generic' });
    r = await importLeads(deps, {
      locationId: options.locationId,
      importId: row.id,
      input: row.filePath!,
      preset: opts.preset,
      mapping: opts.mapping as never,
      dryRun: opts.dryRun,
      ...(opts.market ? { market: opts.market } : {}),
      ...(deps.config.env.EMAIL_MX_CHECK ? { mxChecker: createDnsMxChecker({ clock: deps.clock }) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    // importLeads has left the import `interrupted` (or it never started); the queue retries the job, which
    // resumes after the last committed batch. On the last attempt there is no such retry.
    const attempt = options.attempt;
    if (attempt && attempt.retryCount >= attempt.retryLimit) await giveUp(deps, row, attempt, e);
    throw e;
  }
  if (!r.ok) deps.logger.info({ importId: row.id, code: r.error.code }, 'import failed on bad input');
  const now = deps.clock.now();
  if (opts.dryRun) {
    // A dry run stores nothing but its report, which the import row carries like any other.
    await deps.db
      .update(imports)
      .set(r.ok ? { status: 'done', rowsRead: r.value.rows, report: r.value.report, finishedAt: now, updatedAt: now } : { status: 'failed', error: r.error.message, finishedAt: now, updatedAt: now })
      .where(eq(imports.id, row.id));
  }
  if (row.filePath) await rm(row.filePath, { force: true });
  return { status: r.ok ? 'done' : 'failed' };
}

/**
 * The job's last attempt failed: the import ends `failed` with the error, and its upload is deleted — but only
 * once that is recorded, so an import whose status could not be written still has its file.
 */
async function giveUp(
  deps: Pick<AppServices, 'db' | 'clock' | 'logger'>,
  row: Pick<typeof imports.$inferSelect, 'id' | 'filePath'>,
  attempt: { retryCount: number; retryLimit: number },
  cause: unknown,
): Promise<void> {
  const message = importErrorMessage(cause);
  const attempts = attempt.retryCount + 1;
  const now = deps.clock.now();
  try {
    await deps.db
      .update(imports)
      .set({ status: 'failed', error: `${message} (attempt ${attempts} of ${attempt.retryLimit + 1}; no retry left)`, finishedAt: now, updatedAt: now })
      .where(eq(imports.id, row.id));
  } catch (e) {
    deps.logger.error({ err: e, importId: row.id }, 'could not record the failure of an import on its last attempt; its upload is kept');
    return;
  }
  if (row.filePath) await rm(row.filePath, { force: true }).catch((e: unknown) => deps.logger.warn({ err: e, importId: row.id }, 'could not delete the upload of a failed import'));
}

import { rm } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import { createDnsMxChecker } from '../../adapters/enrichment/dns-mx-checker.js';
import { imports } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { ImportOptionsSchema } from './import-schemas.js';
import { importLeads } from './import-leads.js';

export interface RunQueuedImportOptions {
  locationId: string;
  importId: string;
  signal?: AbortSignal;
}

/**
 * The `leads.import` job's work: runs a queued import from its stored file. A retry after a crash resumes
 * after the last committed batch; a finished import is not run again. The upload is deleted once done.
 */
export async function runQueuedImport(deps: Pick<AppServices, 'db' | 'clock' | 'config' | 'logger'>, options: RunQueuedImportOptions): Promise<{ status: string }> {
  const [row] = await deps.db.select().from(imports).where(and(eq(imports.id, options.importId), eq(imports.locationId, options.locationId))).limit(1);
  if (!row) throw notFound('import', options.importId);
  if (row.status === 'done' || row.status === 'failed') return { status: row.status };
  const opts = ImportOptionsSchema.parse({ ...(row.options ?? {}), preset: row.preset ?? 'generic' });
  const r = await importLeads(deps, {
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

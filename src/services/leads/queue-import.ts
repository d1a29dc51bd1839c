import { imports } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { ImportOptions, ImportView } from './import-schemas.js';
import { toImport } from './to-import.js';

export interface QueueImportOptions {
  locationId: string;
  fileName: string;
  /** Where the uploaded file was stored; the job reads it from there. */
  filePath: string;
  options: ImportOptions;
}

/** Records an uploaded list as a queued import; the `leads.import` job does the work. */
export async function queueImport(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: QueueImportOptions): Promise<ImportView> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(imports)
    .values({
      id: newId(),
      locationId: options.locationId,
      kind: 'leads',
      fileName: options.fileName,
      filePath: options.filePath,
      preset: options.options.preset,
      options: { mapping: options.options.mapping, dryRun: options.options.dryRun, ...(options.options.market ? { market: options.options.market } : {}) },
      status: 'queued',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return toImport(row!);
}

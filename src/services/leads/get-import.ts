import { and, eq } from 'drizzle-orm';
import { imports } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { ImportView } from './import-schemas.js';
import { toImport } from './to-import.js';

/** An import of this location (status, rows read, report when done); another location's is not found. */
export async function getImport(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; importId: string }): Promise<ImportView> {
  if (!/^[0-9a-f-]{36}$/i.test(options.importId)) throw notFound('import', options.importId);
  const [row] = await deps.db.select().from(imports).where(and(eq(imports.id, options.importId), eq(imports.locationId, options.locationId))).limit(1);
  if (!row) throw notFound('import', options.importId);
  return toImport(row);
}

import { and, eq } from 'drizzle-orm';
import { suppressions } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { Suppression } from './suppression-schemas.js';
import { toSuppression } from './to-suppression.js';

/**
 * Removes one entry of this location's internal DNC list. Shared lists (national, state, litigator) change
 * only by importing their files, and another location's entries are not found.
 */
export async function deleteSuppression(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; id: number }): Promise<Suppression> {
  const [row] = await deps.db
    .delete(suppressions)
    .where(and(eq(suppressions.id, options.id), eq(suppressions.list, 'internal_dnc'), eq(suppressions.locationId, options.locationId)))
    .returning();
  if (!row) throw notFound('internal suppression', String(options.id));
  return toSuppression(row);
}

import { and, eq, isNull, or } from 'drizzle-orm';
import { suppressions } from '../../db/schema/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import { normalizeSuppressionValue } from './normalize-suppression-value.js';
import type { Suppression } from './suppression-schemas.js';
import { toSuppression } from './to-suppression.js';

/** Every list entry for one value that applies to this location: the shared lists and its own internal list. */
export async function listSuppressions(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; value: string }): Promise<Suppression[]> {
  const value = normalizeSuppressionValue(options.value);
  if (value === null) {
    throw new AppError(ErrorCode.ValidationFailed, 'invalid query: value: a US phone number or an email address', { issues: [{ path: 'value', message: 'a US phone number or an email address' }] });
  }
  const rows = await deps.db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.value, value), or(isNull(suppressions.locationId), eq(suppressions.locationId, options.locationId))))
    .orderBy(suppressions.list, suppressions.id);
  return rows.map(toSuppression);
}

import { and, eq } from 'drizzle-orm';
import { suppressions } from '../../db/schema/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import { normalizeSuppressionValue } from './normalize-suppression-value.js';
import type { Suppression, SuppressionInput } from './suppression-schemas.js';
import { toSuppression } from './to-suppression.js';

/**
 * Adds a phone or email to this location's internal DNC list (F4: honored immediately). Idempotent: adding a
 * value already there returns the existing entry.
 */
export async function addSuppression(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: { locationId: string; input: SuppressionInput }): Promise<Suppression> {
  const value = normalizeSuppressionValue(options.input.value);
  if (value === null) {
    throw new AppError(ErrorCode.ValidationFailed, 'invalid suppression: value: a US phone number or an email address', { issues: [{ path: 'value', message: 'a US phone number or an email address' }] });
  }
  const now = deps.clock.now();
  await deps.db
    .insert(suppressions)
    .values({ list: 'internal_dnc', locationId: options.locationId, state: '', value, reason: options.input.reason ?? null, source: options.input.source, createdAt: now })
    .onConflictDoNothing();
  const [row] = await deps.db
    .select()
    .from(suppressions)
    .where(and(eq(suppressions.value, value), eq(suppressions.list, 'internal_dnc'), eq(suppressions.state, ''), eq(suppressions.locationId, options.locationId)));
  return toSuppression(row!);
}

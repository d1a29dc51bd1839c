import { and, desc, eq, or } from 'drizzle-orm';
import { complianceDecisions } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { ComplianceDecision } from './compliance-schemas.js';
import { toComplianceDecision } from './to-compliance-decision.js';

/**
 * One decision of this location, by its own id or by the touch it was made for (the newest one for that touch).
 * Another location's decision is not found.
 */
export async function getDecision(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; id: string }): Promise<ComplianceDecision> {
  if (!/^[0-9a-f-]{36}$/i.test(options.id)) throw notFound('decision or touch', options.id);
  const [row] = await deps.db
    .select()
    .from(complianceDecisions)
    .where(and(eq(complianceDecisions.locationId, options.locationId), or(eq(complianceDecisions.id, options.id), eq(complianceDecisions.touchId, options.id))))
    // The decision's own id first, then the touch's newest decision.
    .orderBy(desc(eq(complianceDecisions.id, options.id)), desc(complianceDecisions.decidedAt))
    .limit(1);
  if (!row) throw notFound('decision or touch', options.id);
  return toComplianceDecision(row);
}

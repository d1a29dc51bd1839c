import { and, desc, eq, gte, lt, or } from 'drizzle-orm';
import { complianceDecisions } from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { parseBound as bound } from '../analytics/resolve-filter.js';
import type { ServiceDeps } from '../app-services.js';
import { getContact } from '../contacts/get-contact.js';
import type { DecisionListQuery, DecisionPage } from './compliance-schemas.js';
import { toComplianceDecision } from './to-compliance-decision.js';


/** This location's compliance decisions, newest first, optionally for one contact or touch and a range, with a cursor. */
export async function listDecisions(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; query: DecisionListQuery }): Promise<DecisionPage> {
  const q = options.query;
  if (q.contact) await getContact(deps, { locationId: options.locationId, contactId: q.contact });
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await deps.db
    .select()
    .from(complianceDecisions)
    .where(
      and(
        eq(complianceDecisions.locationId, options.locationId),
        q.contact ? eq(complianceDecisions.contactId, q.contact) : undefined,
        q.touch ? eq(complianceDecisions.touchId, q.touch) : undefined,
        q.from ? gte(complianceDecisions.decidedAt, bound(q.from, false)) : undefined,
        q.to ? lt(complianceDecisions.decidedAt, bound(q.to, true)) : undefined,
        after
          ? or(lt(complianceDecisions.decidedAt, after.at), and(eq(complianceDecisions.decidedAt, after.at), lt(complianceDecisions.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(complianceDecisions.decidedAt), desc(complianceDecisions.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { data: page.map(toComplianceDecision), nextCursor: rows.length > q.limit && last ? encodeCursor(last.decidedAt, last.id) : null };
}

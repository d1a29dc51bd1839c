import type { Reason } from '../../domain/compliance/decision.js';
import type { complianceDecisions } from '../../db/schema/index.js';
import type { ComplianceDecision } from './compliance-schemas.js';

export function toComplianceDecision(row: typeof complianceDecisions.$inferSelect): ComplianceDecision {
  return {
    id: row.id,
    contactId: row.contactId,
    touchId: row.touchId,
    enrollmentId: row.enrollmentId,
    channel: row.channel,
    purpose: row.purpose,
    to: row.toAddress,
    decision: row.decision,
    notBefore: row.notBefore?.toISOString() ?? null,
    rules: row.rules,
    reasons: row.reasons as Reason[],
    inputs: row.inputs,
    decidedAt: row.decidedAt.toISOString(),
  };
}

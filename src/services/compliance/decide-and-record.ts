import { and, eq } from 'drizzle-orm';
import { decide } from '../../domain/compliance/decide.js';
import type { Decision } from '../../domain/compliance/decision.js';
import type { Situation } from '../../domain/compliance/situation.js';
import { complianceDecisions, touches } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { type BuildSituationOptions, buildSituation } from './build-situation.js';
import type { DecisionInputs } from './compliance-schemas.js';

export interface DecideAndRecordOptions extends BuildSituationOptions {
  /** the touch this decision is for (the scheduler's attempt); the touch then points at its decision */
  touchId?: string | null;
  enrollmentId?: string | null;
}

export interface RecordedDecision {
  decisionId: string;
  decision: Decision;
}

/**
 * The one door before every real send: builds the situation from stored state, asks the engine, and stores the
 * decision with its rule ids and a summary of the inputs (zones, states, lists, consent, scrub date, history
 * count) — never the message body. The caller sends only on `allow`, reschedules a `defer` to `notBefore`, and
 * records a `block`. Nothing is sent without a stored `allow` (ARCHITECTURE: scheduler).
 *
 * @example const { decision, decisionId } = await decideAndRecord(services, { locationId, contactId, channel: 'sms', touchId })
 */
export async function decideAndRecord(deps: Pick<AppServices, 'db' | 'database' | 'clock'>, options: DecideAndRecordOptions): Promise<RecordedDecision> {
  // A touch decided again (the dispatcher's re-check) must not count itself toward the caps.
  const situation = await buildSituation(deps, { ...options, excludeTouchId: options.excludeTouchId ?? options.touchId ?? null });
  const decision = decide(situation);
  return recordDecision(deps, options, situation, decision);
}

/**
 * Stores a decision the caller made from `situation` (the scheduler also asks what a person's click would
 * get, to route cold contacts to the approval queue). The decision must be `decide(situation)`.
 */
export async function recordDecision(deps: Pick<AppServices, 'db'>, options: DecideAndRecordOptions, situation: Situation, decision: Decision): Promise<RecordedDecision> {
  const row = decisionRow(options, situation, decision);
  await deps.db.transaction(async (tx) => {
    await tx.insert(complianceDecisions).values(row);
    if (options.touchId) {
      await tx.update(touches).set({ complianceDecisionId: row.id }).where(and(eq(touches.id, options.touchId), eq(touches.locationId, options.locationId)));
    }
  });
  return { decisionId: row.id, decision };
}

/** The stored form of a decision: rule ids and a summary of the inputs, never the message body. */
export function decisionRow(options: DecideAndRecordOptions, situation: Situation, decision: Decision): typeof complianceDecisions.$inferInsert & { id: string } {
  const rules = [...new Set(decision.reasons.map((r) => r.rule))];
  const account = situation.account ?? {};
  const contact = situation.contact ?? {};
  const inputs: DecisionInputs = {
    zones: decision.zones,
    states: decision.states,
    recipientStates: situation.recipientStates ?? [],
    lists: contact.lists ?? [],
    optedOutAt: contact.optedOutAt ?? null,
    consentKind: contact.consent?.kind ?? null,
    consentAt: contact.consent?.at ?? null,
    ebrKind: contact.ebr?.kind ?? null,
    ebrAt: contact.ebr?.at ?? null,
    lastNationalDncScrubAt: account.lastNationalDncScrubAt ?? null,
    historyCount: situation.history?.length ?? 0,
    initiation: situation.initiation ?? 'automated',
    offerToBuyExemption: account.offerToBuyExemption ?? false,
    automatedColdOutreachApproved: account.automatedColdOutreachApproved ?? false,
    maxMessagesPerContactPerDay: account.maxMessagesPerContactPerDay ?? 1,
    rules,
  };
  return {
    id: newId(),
    locationId: options.locationId,
    contactId: options.contactId,
    touchId: options.touchId ?? null,
    enrollmentId: options.enrollmentId ?? null,
    channel: situation.channel,
    purpose: situation.purpose ?? 'marketing',
    toAddress: situation.to,
    decision: decision.decision,
    notBefore: decision.notBefore ? new Date(decision.notBefore) : null,
    rules,
    reasons: decision.reasons,
    inputs,
    decidedAt: new Date(situation.at),
  };
}

/**
 * Seed 003's QualificationGate on the whole conversation: facts with their evidence, FRS and PCS, the gate
 * (thresholds from config/sdr.yaml `qualification`), lead type and handoff target — stored in
 * `qualification` (one row per contact, replaced at each inbound message) and mirrored on the contact's
 * `prospects` row when it has one.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { properties, propertyContacts, prospects, qualifications } from '../../db/schema/index.js';
import { extractFacts } from '../../domain/qualify/facts-extract.js';
import { computeFrs } from '../../domain/qualify/frs-score.js';
import { evaluateGate, type GateDecision } from '../../domain/qualify/gate-evaluate.js';
import { computePcs } from '../../domain/qualify/pcs-score.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { loadSdrConfig } from '../outreach/load-sdr-config.js';
import type { ConversationLine } from './load-conversation.js';


let thresholdsCache: Promise<{ frs: number; confidence: number }> | undefined;

/** config/sdr.yaml `qualification` (read once per process); the seed's defaults when the file is unreadable. */
export function gateThresholds(): Promise<{ frs: number; confidence: number }> {
  thresholdsCache ??= loadSdrConfig().then((r) =>
    r.ok ? { frs: r.value.qualification.frsThreshold, confidence: r.value.qualification.confidenceThreshold } : { frs: 60, confidence: 0.7 },
  );
  return thresholdsCache;
}

/** Facts, FRS, PCS and the gate for a conversation (reads the property's value only when a price was named). */
export async function computeQualification(
  deps: Pick<ServiceDeps, 'db'>,
  o: { contactId: string; conversation: readonly ConversationLine[] },
): Promise<ComputedQualification> {
  const conversation = o.conversation.map((m) => ({ direction: m.direction, body: m.body, at: m.at }));
  const facts = extractFacts({ conversation });
  let estimatedValue: number | undefined;
  if (facts.askingPrice) {
    const [prop] = await deps.db
      .select({ value: properties.estimatedValue })
      .from(propertyContacts)
      .innerJoin(properties, eq(properties.id, propertyContacts.propertyId))
      .where(and(eq(propertyContacts.contactId, o.contactId), isNotNull(properties.estimatedValue)))
      .limit(1);
    estimatedValue = prop?.value ? Number(prop.value) : undefined;
  }
  const frs = computeFrs({ facts, ...(estimatedValue ? { estimatedValue } : {}) });
  const pcs = computePcs({ conversation });
  const gate = evaluateGate({ facts, frs: frs.score, pcs: pcs.score, conversation, thresholds: await gateThresholds() });
  return { gate, facts: { ...facts, frsComponents: frs.components, pcsComponents: pcs.components } as Record<string, unknown> };
}

export interface ComputedQualification {
  gate: GateDecision;
  /** The facts with their evidence, and the FRS/PCS components. */
  facts: Record<string, unknown>;
}

/** Stores a computed qualification (one row per contact) and mirrors it on the prospect row. */
export async function storeQualification(deps: Pick<ServiceDeps, 'db' | 'clock'>, o: { locationId: string; contactId: string; q: ComputedQualification }): Promise<void> {
  const { gate } = o.q;
  const values = {
    frsScore: gate.frsScore,
    pcsScore: gate.pcsScore,
    confidence: gate.confidence,
    leadType: gate.leadType,
    facts: o.q.facts,
    gatePassed: gate.passed,
    handoffTarget: gate.handoffTarget,
    disqualifyReason: gate.disqualifyReason,
    evaluatedAt: deps.clock.now(),
  };
  await deps.db
    .insert(qualifications)
    .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, ...values })
    .onConflictDoUpdate({ target: qualifications.contactId, set: values });
  await deps.db.update(prospects).set({ leadType: gate.leadType, frsScore: gate.frsScore, pcsScore: gate.pcsScore }).where(eq(prospects.contactId, o.contactId));
}

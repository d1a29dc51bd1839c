/**
 * Seed 003's QualificationGate on the whole conversation: facts with their evidence, FRS and PCS, the gate
 * (thresholds from config/sdr.yaml `qualification`), lead type and handoff target — stored in
 * `qualification` (one row per contact, replaced at each inbound message) and mirrored on the contact's
 * `prospects` row when it has one.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { properties, propertyContacts, prospects, qualifications } from '../../db/schema/index.js';
import { extractFacts } from '../../domain/qualify/facts-extract.js';
import type { Facts } from '../../domain/qualify/facts.js';
import { computeFrs } from '../../domain/qualify/frs-score.js';
import { evaluateGate, type GateDecision } from '../../domain/qualify/gate-evaluate.js';
import { computePcs } from '../../domain/qualify/pcs-score.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { loadSdrConfig } from '../outreach/load-sdr-config.js';
import type { ConversationLine } from './load-conversation.js';

export interface QualificationResult {
  gate: GateDecision;
  facts: Facts;
}

let thresholdsCache: Promise<{ frs: number; confidence: number }> | undefined;

/** config/sdr.yaml `qualification` (read once per process); the seed's defaults when the file is unreadable. */
export function gateThresholds(): Promise<{ frs: number; confidence: number }> {
  thresholdsCache ??= loadSdrConfig().then((r) =>
    r.ok ? { frs: r.value.qualification.frsThreshold, confidence: r.value.qualification.confidenceThreshold } : { frs: 60, confidence: 0.7 },
  );
  return thresholdsCache;
}

export async function qualifyConversation(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  o: { locationId: string; contactId: string; conversation: readonly ConversationLine[] },
): Promise<QualificationResult> {
  const conversation = o.conversation.map((m) => ({ direction: m.direction, body: m.body, at: m.at }));
  const facts = extractFacts({ conversation });
  const [prop] = await deps.db
    .select({ value: properties.estimatedValue })
    .from(propertyContacts)
    .innerJoin(properties, eq(properties.id, propertyContacts.propertyId))
    .where(and(eq(propertyContacts.contactId, o.contactId), isNotNull(properties.estimatedValue)))
    .limit(1);
  const estimatedValue = prop?.value ? Number(prop.value) : undefined;
  const frs = computeFrs({ facts, ...(estimatedValue ? { estimatedValue } : {}) });
  const pcs = computePcs({ conversation });
  const gate = evaluateGate({ facts, frs: frs.score, pcs: pcs.score, conversation, thresholds: await gateThresholds() });
  const now = deps.clock.now();
  const values = {
    frsScore: gate.frsScore,
    pcsScore: gate.pcsScore,
    confidence: gate.confidence,
    leadType: gate.leadType,
    facts: { ...facts, frsComponents: frs.components, pcsComponents: pcs.components } as Record<string, unknown>,
    gatePassed: gate.passed,
    handoffTarget: gate.handoffTarget,
    disqualifyReason: gate.disqualifyReason,
    evaluatedAt: now,
  };
  await deps.db
    .insert(qualifications)
    .values({ id: newId(), locationId: o.locationId, contactId: o.contactId, ...values })
    .onConflictDoUpdate({ target: qualifications.contactId, set: values });
  await deps.db.update(prospects).set({ leadType: gate.leadType, frsScore: gate.frsScore, pcsScore: gate.pcsScore }).where(eq(prospects.contactId, o.contactId));
  return { gate, facts };
}

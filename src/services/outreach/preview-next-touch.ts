/**
 * What the scheduler would do next for one contact in one campaign, without doing it: the step, when it
 * is due, the message it would write, and the compliance decision if it were sent now (not recorded).
 */
import { and, eq } from 'drizzle-orm';
import { enrollments, locations } from '../../db/schema/index.js';
import { decide } from '../../domain/compliance/decide.js';
import type { Decision } from '../../domain/compliance/decision.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { loadPlans, nextStepOf } from '../campaigns/campaign-plan.js';
import { buildSituation } from '../compliance/build-situation.js';
import { composeMessage } from '../messages/compose-message.js';
import { getContact } from '../contacts/get-contact.js';
import { unsubscribeUrlFor } from './deliver-touch.js';
import { pickVariant } from './schedule-touches.js';

export interface TouchPreview {
  contactId: string;
  campaignId: string;
  enrolled: boolean;
  enrollmentStatus: string | null;
  /** null when the cadence has no touch left. */
  step: { position: number; name: string; channel: string; templateKey: string | null } | null;
  dueAt: string | null;
  message: { text: string; subject: string | null; segments: number | null; variant: string | null; templateKey: string; source: string } | null;
  /** Why no message could be written (a missing template variable, no address…). */
  messageError: string | null;
  /** The decision if the message were sent now, by the automated sender; and by a person's click. */
  decision: Decision | null;
  manualDecision: Decision | null;
}

export async function previewNextTouch(services: AppServices, o: { locationId: string; campaignId: string; contactId: string }): Promise<TouchPreview> {
  await getContact(services, { locationId: o.locationId, contactId: o.contactId });
  const plan = (await loadPlans(services.db, [o.campaignId])).get(o.campaignId);
  if (!plan || plan.campaign.locationId !== o.locationId) throw notFound('campaign', o.campaignId);
  const [e] = await services.db.select().from(enrollments).where(and(eq(enrollments.campaignId, o.campaignId), eq(enrollments.contactId, o.contactId))).limit(1);
  const [loc] = await services.db.select({ timeZone: locations.timeZone }).from(locations).where(eq(locations.id, o.locationId)).limit(1);
  const now = services.clock.now();
  const currentStep = e?.currentStep ?? 0;
  const next = nextStepOf(plan, { currentStep, enrolledAt: e?.enrolledAt ?? now, lastTouchAt: e?.lastTouchAt ?? null, zone: loc?.timeZone ?? 'America/New_York' });
  const base: TouchPreview = {
    contactId: o.contactId,
    campaignId: o.campaignId,
    enrolled: e !== undefined,
    enrollmentStatus: e?.status ?? null,
    step: null,
    dueAt: null,
    message: null,
    messageError: null,
    decision: null,
    manualDecision: null,
  };
  if (!next.step) return { ...base, dueAt: e?.status === 'active' ? next.dueAt.toISOString() : null };
  const step = next.step;
  const variant = pickVariant(step.variantWeights, `${o.contactId}:${step.id}`);
  const composed = await composeMessage(services, {
    locationId: o.locationId,
    contactId: o.contactId,
    channel: step.channel,
    ...(step.templateKey ? { templateKey: step.templateKey } : {}),
    touch: currentStep + 1,
    ...(variant ? { variant } : {}),
    campaignId: o.campaignId,
    ...(step.channel === 'email' ? { unsubscribeUrl: unsubscribeUrlFor(services, o.contactId) } : {}),
  });
  const out: TouchPreview = {
    ...base,
    step: { position: step.position, name: step.name, channel: step.channel, templateKey: step.templateKey },
    dueAt: (e?.nextTouchAt ?? next.dueAt).toISOString(),
  };
  if (!composed.ok) return { ...out, messageError: composed.error.message };
  const m = composed.value;
  out.message = { text: m.text, subject: m.subject ?? null, segments: step.channel === 'sms' ? m.segments.segments : null, variant: m.variant ?? null, templateKey: m.templateKey, source: m.source };
  try {
    const situation = await buildSituation(services, {
      locationId: o.locationId,
      contactId: o.contactId,
      channel: step.channel === 'voicemail' ? 'voice' : step.channel,
      purpose: 'marketing',
      initiation: 'automated',
      body: m.text,
      at: now,
      hasUnsubscribeLink: step.channel === 'email',
    });
    out.decision = decide(situation);
    out.manualDecision = decide({ ...situation, initiation: 'manual' });
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.ValidationFailed) out.messageError = err.message;
    else throw err;
  }
  return out;
}

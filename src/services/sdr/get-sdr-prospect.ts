/**
 * Seed 003's prospect profile and sequence record for one contact: the contact, its `prospects` row,
 * its qualification (FRS, PCS, gate), the conversation's booking, and each SDR enrollment with its
 * touches (oldest first). Location-scoped: another location's contact is not found.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, conversationStates, enrollments, prospects, qualifications, touches } from '../../db/schema/index.js';
import { decryptNullable } from '../../lib/crypto.js';
import type { AppServices } from '../app-services.js';
import { ContactSchema } from '../contacts/contact-schemas.js';
import { getContact } from '../contacts/get-contact.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const SdrTouchSchema = z.object({
  id: z.string(),
  step: z.number().int().nullable(),
  stepName: z.string().nullable(),
  channel: z.string(),
  status: z.string(),
  to: z.string(),
  body: z.string().nullable(),
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const SdrSequenceSchema = z.object({
  enrollmentId: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  sequenceVariant: z.string().nullable(),
  /** seed 003 current_step: ENROLLED, SMS_1 … NURTURE_PAUSE, QUALIFIED, BOOKED, DISQUALIFIED, OPTED_OUT */
  currentStep: z.string(),
  status: z.string(),
  touchesSent: z.number().int(),
  abVariant: z.string().nullable(),
  sendTimeArm: z.string().nullable(),
  nextTouchAt: z.string().nullable(),
  lastTouchAt: z.string().nullable(),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
  touches: z.array(SdrTouchSchema),
});
export type SdrSequence = z.infer<typeof SdrSequenceSchema>;

export const SdrProspectSchema = z.object({
  contact: ContactSchema,
  prospect: z.object({ id: z.string(), source: z.string(), leadType: z.string().nullable(), frsScore: z.number().nullable(), pcsScore: z.number().nullable(), enrolledAt: z.string().nullable(), createdAt: z.string() }).nullable(),
  qualification: z
    .object({
      frsScore: z.number().nullable(),
      pcsScore: z.number().nullable(),
      confidence: z.number().nullable(),
      leadType: z.string().nullable(),
      gatePassed: z.boolean(),
      handoffTarget: z.string().nullable(),
      disqualifyReason: z.string().nullable(),
      evaluatedAt: z.string(),
    })
    .nullable(),
  conversation: z.object({ state: z.string(), humanTakeover: z.boolean(), booking: z.record(z.string(), z.unknown()).nullable() }).nullable(),
  sequences: z.array(SdrSequenceSchema.omit({ touches: true })),
});
export type SdrProspect = z.infer<typeof SdrProspectSchema>;

/** The contact's SDR enrollments (campaigns of type sdr; with `all`, every campaign) with their touches. */
export async function getSdrSequences(services: Pick<AppServices, 'db' | 'keyRing'>, o: { locationId: string; contactId: string; all?: boolean; withTouches?: boolean }): Promise<SdrSequence[]> {
  await getContact(services, o);
  const rows = await services.db
    .select({ e: enrollments, name: campaigns.name, type: campaigns.type, scheduleConfig: campaigns.scheduleConfig })
    .from(enrollments)
    .innerJoin(campaigns, eq(campaigns.id, enrollments.campaignId))
    .where(and(eq(enrollments.locationId, o.locationId), eq(enrollments.contactId, o.contactId), ...(o.all ? [] : [eq(campaigns.type, 'sdr')])))
    .orderBy(desc(enrollments.enrolledAt));
  const ids = rows.map((r) => r.e.id);
  const list = o.withTouches === false || ids.length === 0 ? [] : await services.db.select().from(touches).where(and(eq(touches.locationId, o.locationId), inArray(touches.enrollmentId, ids))).orderBy(asc(touches.createdAt));
  return rows.map(({ e, name, scheduleConfig }) => ({
    enrollmentId: e.id,
    campaignId: e.campaignId,
    campaignName: name,
    sequenceVariant: typeof scheduleConfig.sdrSequence === 'string' ? scheduleConfig.sdrSequence : null,
    currentStep: e.state,
    status: e.status,
    touchesSent: e.currentStep,
    abVariant: e.abVariant,
    sendTimeArm: e.sendTimeArm,
    nextTouchAt: iso(e.nextTouchAt),
    lastTouchAt: iso(e.lastTouchAt),
    enrolledAt: e.enrolledAt.toISOString(),
    completedAt: iso(e.completedAt),
    touches: list
      .filter((t) => t.enrollmentId === e.id)
      .map((t) => ({
        id: t.id,
        step: t.step,
        stepName: t.stepName,
        channel: t.channel,
        status: t.status,
        to: t.toAddress,
        body: decryptNullable(services.keyRing, t.bodyEnc),
        provider: t.provider,
        providerMessageId: t.providerMessageId,
        errorCode: t.errorCode,
        createdAt: t.createdAt.toISOString(),
        sentAt: iso(t.sentAt),
      })),
  }));
}

export async function getSdrProspect(services: Pick<AppServices, 'db' | 'keyRing'>, o: { locationId: string; contactId: string }): Promise<SdrProspect> {
  const contact = await getContact(services, o);
  const [[p], [q], [c], sequences] = await Promise.all([
    services.db.select().from(prospects).where(and(eq(prospects.locationId, o.locationId), eq(prospects.contactId, o.contactId))).limit(1),
    services.db.select().from(qualifications).where(and(eq(qualifications.locationId, o.locationId), eq(qualifications.contactId, o.contactId))).limit(1),
    services.db.select().from(conversationStates).where(and(eq(conversationStates.locationId, o.locationId), eq(conversationStates.contactId, o.contactId))).limit(1),
    getSdrSequences(services, { ...o, withTouches: false }),
  ]);
  return {
    contact,
    prospect: p ? { id: p.id, source: p.source, leadType: p.leadType, frsScore: p.frsScore, pcsScore: p.pcsScore, enrolledAt: iso(p.enrolledAt), createdAt: p.createdAt.toISOString() } : null,
    qualification: q
      ? { frsScore: q.frsScore, pcsScore: q.pcsScore, confidence: q.confidence, leadType: q.leadType, gatePassed: q.gatePassed, handoffTarget: q.handoffTarget, disqualifyReason: q.disqualifyReason, evaluatedAt: q.evaluatedAt.toISOString() }
      : null,
    conversation: c ? { state: c.currentState, humanTakeover: c.humanTakeover, booking: c.booking ?? null } : null,
    sequences: sequences.map(({ touches: _t, ...s }) => s),
  };
}

/**
 * The approval queue (COMPLIANCE.md, Curb's defaults): touches to cold contacts without written consent
 * wait here and go out only by a person's click — one click, one send, decided again as a manual send at
 * the moment of the click. A person may edit the text first, or skip the touch; either way the contact's
 * cadence moves on from there.
 */
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, complianceDecisions, contacts, enrollments, locations, touches } from '../../db/schema/index.js';
import type { Reason } from '../../domain/compliance/decision.js';
import { decrypt, encrypt } from '../../lib/crypto.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { loadPlans, nextStepOf } from '../campaigns/campaign-plan.js';
import { decideAndRecord } from '../compliance/decide-and-record.js';
import { channelsFor } from './channels.js';
import { deliverTouch } from './deliver-touch.js';

export const ApprovalItemSchema = z.object({
  touchId: z.string(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  step: z.number().int().nullable(),
  stepName: z.string().nullable(),
  channel: z.string(),
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  reasons: z.array(z.object({ rule: z.string(), code: z.string(), detail: z.string() })),
  createdAt: z.string(),
});
export type ApprovalItem = z.infer<typeof ApprovalItemSchema>;

export const ApproveInputSchema = z.object({
  /** The text as the person edited it; default the queued text. */
  body: z.string().trim().min(1).max(1600).optional(),
  subject: z.string().trim().min(1).max(250).optional(),
}).strict();

export async function listApprovals(services: Pick<AppServices, 'db' | 'keyRing'>, o: { locationId: string; limit?: number; cursor?: string }): Promise<{ items: ApprovalItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 200);
  const after = o.cursor ? decodeCursor(o.cursor) : null;
  const rows = await services.db
    .select({ t: touches, contactName: contacts.ownerName, campaignName: campaigns.name, reasons: complianceDecisions.reasons })
    .from(touches)
    .innerJoin(contacts, eq(contacts.id, touches.contactId))
    .leftJoin(campaigns, eq(campaigns.id, touches.campaignId))
    .leftJoin(complianceDecisions, eq(complianceDecisions.id, touches.complianceDecisionId))
    .where(
      and(
        eq(touches.locationId, o.locationId),
        eq(touches.status, 'awaiting_approval'),
        ...(after ? [or(gt(touches.createdAt, after.at), and(eq(touches.createdAt, after.at), gt(touches.id, after.id)))!] : []),
      ),
    )
    .orderBy(asc(touches.createdAt), asc(touches.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      touchId: r.t.id,
      contactId: r.t.contactId,
      contactName: r.contactName,
      campaignId: r.t.campaignId,
      campaignName: r.campaignName,
      step: r.t.step,
      stepName: r.t.stepName,
      channel: r.t.channel,
      to: r.t.toAddress,
      subject: r.t.subject,
      body: r.t.bodyEnc ? decrypt(services.keyRing, r.t.bodyEnc) : '',
      reasons: ((r.reasons ?? []) as Reason[]).filter((x) => x.effect === 'block').map((x) => ({ rule: x.rule, code: x.code, detail: x.detail })),
      createdAt: r.t.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.t.createdAt, last.t.id) : null,
  };
}

async function loadQueued(services: Pick<AppServices, 'db'>, locationId: string, touchId: string) {
  const [t] = await services.db.select().from(touches).where(and(eq(touches.id, touchId), eq(touches.locationId, locationId))).limit(1);
  if (!t) throw notFound('touch', touchId);
  if (t.status !== 'awaiting_approval') throw new AppError(ErrorCode.Conflict, `touch ${touchId} is ${t.status}, not awaiting approval`);
  return t;
}

/** Moves the enrollment on after its queued touch was sent, blocked or skipped. */
async function moveOn(services: Pick<AppServices, 'db' | 'clock'>, t: typeof touches.$inferSelect, sent: boolean): Promise<void> {
  if (!t.enrollmentId || !t.campaignId || t.step === null) return;
  const now = services.clock.now();
  const [e] = await services.db.select().from(enrollments).where(eq(enrollments.id, t.enrollmentId)).limit(1);
  if (!e || e.awaitingTouchId !== t.id) return;
  const plan = (await loadPlans(services.db, [t.campaignId])).get(t.campaignId);
  const [loc] = await services.db.select({ timeZone: locations.timeZone }).from(locations).where(eq(locations.id, t.locationId)).limit(1);
  if (!plan) return;
  const lastTouchAt = sent ? now : (e.lastTouchAt ?? now);
  const next = nextStepOf(plan, { currentStep: t.step, enrolledAt: e.enrolledAt, lastTouchAt, zone: loc?.timeZone ?? 'America/New_York' });
  await services.db
    .update(enrollments)
    .set({ currentStep: t.step, state: t.stepName ?? e.state, lastTouchAt, awaitingTouchId: null, nextTouchAt: e.status === 'active' ? next.dueAt : null, updatedAt: now })
    .where(eq(enrollments.id, e.id));
}

export interface ApproveResult {
  touchId: string;
  status: 'sent' | 'queued' | 'sending' | 'failed' | 'blocked';
  decision: 'allow' | 'defer' | 'block';
  notBefore: string | null;
  reasons: Array<{ rule: string; code: string; detail: string }>;
  providerMessageId?: string;
}

/** A person's click: decided again as a manual send now; sent on allow. A defer answers 409 with the time. */
export async function approveTouch(services: AppServices, o: { locationId: string; touchId: string; actor: string; input?: z.input<typeof ApproveInputSchema> }): Promise<ApproveResult> {
  const input = ApproveInputSchema.parse(o.input ?? {});
  const t = await loadQueued(services, o.locationId, o.touchId);
  const body = input.body ?? (t.bodyEnc ? decrypt(services.keyRing, t.bodyEnc) : '');
  const now = services.clock.now();
  const { decision, decisionId } = await decideAndRecord(services, {
    locationId: t.locationId,
    contactId: t.contactId,
    channel: t.channel === 'voicemail' ? 'voice' : t.channel,
    purpose: 'marketing',
    initiation: 'manual',
    to: t.toAddress,
    body,
    at: now,
    touchId: t.id,
    enrollmentId: t.enrollmentId,
    hasUnsubscribeLink: t.channel === 'email',
  });
  const reasons = decision.reasons.filter((r) => r.effect !== 'info').map((r) => ({ rule: r.rule, code: r.code, detail: r.detail }));
  if (decision.decision === 'defer') {
    throw new AppError(ErrorCode.Conflict, `not now: the first allowed instant is ${decision.notBefore} (${reasons.map((r) => r.rule).join(', ')}); the message stays in the queue`, { notBefore: decision.notBefore, reasons });
  }
  if (decision.decision === 'block') {
    await services.db.update(touches).set({ status: 'blocked', errorCode: 'compliance_blocked', errorMessage: reasons.map((r) => `${r.rule}: ${r.detail}`).join('; '), updatedAt: now }).where(eq(touches.id, t.id));
    await moveOn(services, t, false);
    return { touchId: t.id, status: 'blocked', decision: 'block', notBefore: null, reasons };
  }
  // Claim the touch for this click: only one click sends, however many arrive.
  const claimed = await services.db
    .update(touches)
    .set({
      status: 'sending',
      initiation: 'manual',
      approvedBy: o.actor,
      approvedAt: now,
      bodyEnc: encrypt(services.keyRing, body),
      ...(input.subject ? { subject: input.subject } : {}),
      ...(input.body ? { author: 'human' } : {}),
      attempts: t.attempts + 1,
      leaseUntil: new Date(now.getTime() + 120_000),
      scheduledFor: now,
      complianceDecisionId: decisionId,
      updatedAt: now,
    })
    .where(and(eq(touches.id, t.id), eq(touches.status, 'awaiting_approval')))
    .returning();
  const row = claimed[0];
  if (!row) throw new AppError(ErrorCode.Conflict, `touch ${t.id} was already handled`);
  const [location] = await services.db.select().from(locations).where(eq(locations.id, t.locationId)).limit(1);
  const outcome = await deliverTouch(services, channelsFor(services), row, location!);
  await moveOn(services, t, outcome.status === 'sent');
  return { touchId: t.id, status: outcome.status, decision: 'allow', notBefore: null, reasons, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) };
}

export async function skipTouch(services: Pick<AppServices, 'db' | 'clock'>, o: { locationId: string; touchId: string; actor: string }): Promise<{ touchId: string; status: 'skipped' }> {
  const t = await loadQueued(services, o.locationId, o.touchId);
  const now = services.clock.now();
  const r = await services.db
    .update(touches)
    .set({ status: 'skipped', errorCode: 'skipped_by_person', errorMessage: `skipped by ${o.actor}`, updatedAt: now })
    .where(and(eq(touches.id, t.id), inArray(touches.status, ['awaiting_approval'])))
    .returning({ id: touches.id });
  if (!r[0]) throw new AppError(ErrorCode.Conflict, `touch ${t.id} was already handled`);
  await moveOn(services, t, false);
  return { touchId: t.id, status: 'skipped' };
}

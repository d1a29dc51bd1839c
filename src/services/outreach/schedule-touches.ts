/**
 * The scheduler (ARCHITECTURE flow 4): claims due enrollments, writes the step's message, asks the
 * compliance engine, then
 * - allow → writes the touch (idempotency key contact + step + local date) for the dispatcher, and moves
 *   the enrollment to its next step;
 * - defer → next_touch_at = notBefore (the decision is recorded);
 * - block → a cold contact a person may still text goes to the approval queue (the cadence waits for the
 *   click); anything else is recorded as a blocked touch and the step is skipped — or the enrollment ends
 *   when the owner opted out.
 * Caps: the engine's per-contact cap (re-checked under a per-contact lock so two workers cannot both use
 * today's message), the location's and the campaign's daily SMS caps (an alert when reached).
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import type { Db } from '../../db/client.js';
import { claimDueEnrollments, type ClaimedEnrollment } from '../../db/sql/outreach/claim-enrollments.js';
import { communications, enrollments, locations, touches } from '../../db/schema/index.js';
import { decide } from '../../domain/compliance/decide.js';
import type { Decision, Reason } from '../../domain/compliance/decision.js';
import type { Situation } from '../../domain/compliance/situation.js';
import { DAY_MS, HOUR_MS, fromLocalEpochMs, localEpochMs } from '../../domain/compliance/time/local-time.js';
import { computeNextTouchTime, type SendTimeVariant } from '../../domain/sequence/compute-next-touch-time.js';
import { encrypt } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { type CampaignPlan, type CampaignStepRow, loadPlans, nextStepOf } from '../campaigns/campaign-plan.js';
import { buildSituation } from '../compliance/build-situation.js';
import { recordDecision } from '../compliance/decide-and-record.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import { composeMessage } from '../messages/compose-message.js';
import { unsubscribeUrlFor } from './deliver-touch.js';

type LocationRow = typeof locations.$inferSelect;

export interface ScheduleOptions {
  /** Enrollments claimed per pass (config/sdr.yaml cadence.batch_size). */
  limit?: number;
  /** Enrollments worked on at once (one contact's enrollments always one after another). */
  concurrency?: number;
  leaseMs?: number;
  /** Only this location's / contact's enrollments (the /v1/sdr process-batch endpoint). */
  locationId?: string;
  contactId?: string;
}

export type StepOutcome = 'queued' | 'awaiting_approval' | 'deferred' | 'capped' | 'blocked' | 'skipped' | 'completed' | 'waiting' | 'opted_out' | 'paused' | 'error';

export interface ScheduleReport {
  claimed: number;
  outcomes: Record<StepOutcome, number>;
}

/** A Curb rule added to the engine's answer: the daily SMS caps (COMPLIANCE.md, Curb's defaults). */
const CAP_RULE = 'CURB-CAP';
const SMART_WINDOW = { startHour: 9, endHour: 20 };

const emptyOutcomes = (): Record<StepOutcome, number> => ({ queued: 0, awaiting_approval: 0, deferred: 0, capped: 0, blocked: 0, skipped: 0, completed: 0, waiting: 0, opted_out: 0, paused: 0, error: 0 });

/** The A/B variant of a step for a contact: stable, weighted (FNV-1a of contact + step). */
export function pickVariant(weights: Record<string, number>, seed: string): string | undefined {
  const entries = Object.entries(weights).filter(([, w]) => w > 0).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return undefined;
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let h = 0x811c9dc5;
  for (const ch of seed) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let x = (h / 0x1_0000_0000) * total;
  for (const [k, w] of entries) {
    if (x < w) return k;
    x -= w;
  }
  return entries[entries.length - 1]![0];
}

/** YYYY-MM-DD in `zone`. */
export function localDate(zone: string, at: Date): string {
  return new Date(localEpochMs(zone, at.getTime())).toISOString().slice(0, 10);
}

/** The next local day's `hour`:00 in `zone`. */
function nextLocalDayAt(zone: string, at: Date, hour: number): Date {
  const day = Math.floor(localEpochMs(zone, at.getTime()) / DAY_MS) + 1;
  return new Date(fromLocalEpochMs(zone, day * DAY_MS + hour * HOUR_MS));
}

function startOfLocalDay(zone: string, at: Date): Date {
  const day = Math.floor(localEpochMs(zone, at.getTime()) / DAY_MS);
  return new Date(fromLocalEpochMs(zone, day * DAY_MS));
}

const blockReasons = (d: Decision): Reason[] => d.reasons.filter((r) => r.effect === 'block');
const describe = (rs: Reason[]): string => rs.map((r) => `${r.rule}: ${r.detail}`).join('; ');

interface PassContext {
  plans: Map<string, CampaignPlan>;
  locations: Map<string, LocationRow>;
  /** Send-time engagement: reply hours per contact and the location's reply histogram by local hour. */
  replyHours: Map<string, number[]>;
  cohort: Map<string, number[]>;
}

async function loadEngagement(db: Db, rows: ClaimedEnrollment[], locs: Map<string, LocationRow>): Promise<Pick<PassContext, 'replyHours' | 'cohort'>> {
  const replyHours = new Map<string, number[]>();
  const cohort = new Map<string, number[]>();
  const smart = rows.filter((e) => e.sendTimeArm === 'smart');
  if (smart.length === 0) return { replyHours, cohort };
  const contactIds = [...new Set(smart.map((e) => e.contactId))];
  const inbound = await db
    .select({ contactId: communications.contactId, locationId: communications.locationId, at: communications.occurredAt })
    .from(communications)
    .where(and(inArray(communications.contactId, contactIds), eq(communications.direction, 'inbound')));
  for (const r of inbound) {
    const zone = locs.get(r.locationId)?.timeZone ?? 'America/New_York';
    const h = Math.floor((localEpochMs(zone, r.at.getTime()) % DAY_MS) / HOUR_MS);
    replyHours.set(r.contactId, [...(replyHours.get(r.contactId) ?? []), h]);
  }
  for (const locationId of new Set(smart.map((e) => e.locationId))) {
    const zone = locs.get(locationId)?.timeZone ?? 'America/New_York';
    const hist = await db
      .select({ hour: sql<number>`extract(hour from ${communications.occurredAt} at time zone ${zone})::int`, n: sql<number>`count(*)::int` })
      .from(communications)
      .where(and(eq(communications.locationId, locationId), eq(communications.direction, 'inbound')))
      .groupBy(sql`1`);
    const weights = new Array<number>(24).fill(0);
    for (const h of hist) weights[h.hour] = h.n;
    cohort.set(locationId, weights);
  }
  return { replyHours, cohort };
}

/** When the step after `currentStep` is due, timed by the send-time arm of the enrollment. */
function dueOfNext(ctx: PassContext, plan: CampaignPlan, e: ClaimedEnrollment, currentStep: number, lastTouchAt: Date, zone: string): { step: CampaignStepRow | null; dueAt: Date } {
  const next = nextStepOf(plan, { currentStep, enrolledAt: e.enrolledAt, lastTouchAt, zone });
  if (!next.step || e.sendTimeArm !== 'smart') return next;
  const timed = computeNextTouchTime({
    baseDue: next.dueAt,
    engagement: { replyHoursLocal: ctx.replyHours.get(e.contactId) ?? [], cohortReplyHistogram: ctx.cohort.get(e.locationId) ?? [] },
    zone,
    allowedWindow: SMART_WINDOW,
    variant: 'smart' as SendTimeVariant,
  });
  return { step: next.step, dueAt: timed.at };
}

/** Count of today's (location-local) SMS touches of a location or campaign that count toward a cap. */
async function smsToday(tx: Db, o: { locationId: string; campaignId?: string; since: Date }): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(touches)
    .where(
      and(
        eq(touches.locationId, o.locationId),
        inArray(touches.status, ['queued', 'sending', 'sent', 'delivered']),
        gte(touches.createdAt, o.since),
        eq(touches.channel, 'sms'),
        eq(touches.purpose, 'marketing'),
        ...(o.campaignId ? [eq(touches.campaignId, o.campaignId)] : []),
      ),
    );
  return row?.n ?? 0;
}

/** Marketing touches to this contact allowed or sent in the rolling 24 h before `at`. */
async function contactToday(tx: Db, contactId: string, at: Date): Promise<{ n: number; oldest: Date | null }> {
  const since = new Date(at.getTime() - DAY_MS);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(coalesce(${touches.sentAt}, ${touches.scheduledFor}))`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))) })
    .from(touches)
    .where(
      and(
        eq(touches.contactId, contactId),
        inArray(touches.status, ['queued', 'sending', 'sent', 'delivered']),
        eq(touches.purpose, 'marketing'),
        sql`coalesce(${touches.sentAt}, ${touches.scheduledFor}) > ${since.toISOString()}::timestamptz`,
      ),
    );
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}

async function lockKey(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

async function processEnrollment(services: AppServices, ctx: PassContext, e: ClaimedEnrollment): Promise<StepOutcome> {
  const now = services.clock.now();
  const plan = ctx.plans.get(e.campaignId);
  const location = ctx.locations.get(e.locationId);
  if (!plan || !location) return 'error';
  const zone = location.timeZone;
  const setEnrollment = (patch: Partial<typeof enrollments.$inferInsert>) =>
    services.db.update(enrollments).set({ ...patch, updatedAt: now }).where(and(eq(enrollments.id, e.id), eq(enrollments.status, 'active')));

  if (plan.campaign.status !== 'active') {
    await setEnrollment({ status: 'paused', nextTouchAt: null });
    return 'paused';
  }
  if (e.awaitingTouchId) {
    // The cadence waits for a person's click on the queued touch.
    await setEnrollment({ nextTouchAt: null });
    return 'waiting';
  }
  const next = nextStepOf(plan, { currentStep: e.currentStep, enrolledAt: e.enrolledAt, lastTouchAt: e.lastTouchAt, zone });
  if (!next.step) {
    if (next.dueAt.getTime() <= now.getTime()) {
      await setEnrollment({ status: 'completed', state: 'NURTURE_PAUSE', nextTouchAt: null, completedAt: now });
      return 'completed';
    }
    await setEnrollment({ nextTouchAt: next.dueAt });
    return 'waiting';
  }
  const step = next.step;
  const touchNo = e.currentStep + 1;
  const touchId = newId();
  const advance = (lastTouchAt: Date, stateName = step.name) => {
    const after = dueOfNext(ctx, plan, e, touchNo, lastTouchAt, zone);
    return { currentStep: touchNo, state: stateName, lastTouchAt, nextTouchAt: after.step ? after.dueAt : after.dueAt };
  };

  // 1. The message. A missing template or address skips the step, recorded, so the cadence goes on.
  const variant = pickVariant(step.variantWeights, `${e.contactId}:${step.id}`) ?? e.abVariant ?? undefined;
  const composed = await composeMessage(services, {
    locationId: e.locationId,
    contactId: e.contactId,
    channel: step.channel,
    ...(step.templateKey ? { templateKey: step.templateKey } : {}),
    touch: touchNo,
    ...(variant ? { variant } : {}),
    campaignId: e.campaignId,
    touchId,
    ...(step.channel === 'email' ? { unsubscribeUrl: unsubscribeUrlFor(services, e.contactId) } : {}),
  });
  if (!composed.ok) {
    services.logger.warn({ enrollmentId: e.id, step: step.name, code: composed.error.code }, `step skipped: ${composed.error.message}`);
    // Told once per campaign step and day, with how many owners it cost, so a template gap is fixed fast.
    await raiseAlert(services, {
      locationId: e.locationId,
      kind: 'send_failed',
      message: `campaign "${plan.campaign.name}" step ${step.name} skipped: ${composed.error.message}`,
      dedupeKey: `step_skipped:${step.id}:${composed.error.code}:${localDate(zone, now)}`,
      details: { campaignId: plan.campaign.id, step: step.name, code: composed.error.code },
    });
    await setEnrollment(advance(e.lastTouchAt ?? now));
    return 'skipped';
  }
  const message = composed.value;

  // 2. The decision, on stored state.
  let situation: Situation;
  try {
    situation = await buildSituation(services, {
      locationId: e.locationId,
      contactId: e.contactId,
      channel: step.channel === 'voicemail' ? 'voice' : step.channel,
      purpose: 'marketing',
      initiation: 'automated',
      body: message.text,
      at: now,
      hasUnsubscribeLink: step.channel === 'email',
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed') {
      // No phone (or email) for this channel: nothing to send on this step.
      await setEnrollment(advance(e.lastTouchAt ?? now));
      return 'skipped';
    }
    throw err;
  }
  let decision = decide(situation);
  const decisionOptions = { locationId: e.locationId, contactId: e.contactId, channel: situation.channel, enrollmentId: e.id };

  if (decision.decision === 'block') {
    const manual = decide({ ...situation, initiation: 'manual' });
    const optedOut = blockReasons(decision).some((r) => r.rule === 'F8' || r.rule === 'F9' || r.code.includes('opted_out'));
    const approvable = manual.decision !== 'block' && !optedOut;
    const status = approvable ? 'awaiting_approval' : 'blocked';
    const recorded = await recordDecision(services, { ...decisionOptions }, situation, decision);
    await services.db.transaction(async (tx) => {
      await tx
        .insert(touches)
        .values({
          id: touchId,
          locationId: e.locationId,
          enrollmentId: e.id,
          campaignId: e.campaignId,
          contactId: e.contactId,
          step: touchNo,
          stepName: step.name,
          channel: step.channel,
          idempotencyKey: `${e.contactId}:${step.id}:${localDate(zone, now)}`,
          status,
          toAddress: situation.to,
          subject: message.subject ?? null,
          bodyEnc: encrypt(services.keyRing, message.text),
          templateKey: message.templateKey,
          variant: message.variant ?? variant ?? null,
          author: message.source === 'model' ? 'model' : 'template',
          purpose: 'marketing',
          initiation: 'automated',
          complianceDecisionId: recorded.decisionId,
          errorCode: approvable ? 'needs_manual_approval' : 'compliance_blocked',
          errorMessage: describe(blockReasons(decision)),
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: touches.idempotencyKey });
      const patch = approvable
        ? { awaitingTouchId: touchId, nextTouchAt: null }
        : optedOut
          ? { status: 'opted_out', state: 'OPTED_OUT', nextTouchAt: null, completedAt: now }
          : advance(e.lastTouchAt ?? now);
      await tx.update(enrollments).set({ ...patch, updatedAt: now }).where(eq(enrollments.id, e.id));
    });
    return approvable ? 'awaiting_approval' : optedOut ? 'opted_out' : 'blocked';
  }

  if (decision.decision === 'defer') {
    await recordDecision(services, decisionOptions, situation, decision);
    await setEnrollment({ nextTouchAt: new Date(decision.notBefore!) });
    return 'deferred';
  }

  // 3. Allowed: write the touch under the contact's lock, re-checking the caps other workers may have used.
  const maxPerContact = situation.account?.maxMessagesPerContactPerDay ?? 1;
  const campaignCap = typeof plan.campaign.caps.dailySmsCap === 'number' ? plan.campaign.caps.dailySmsCap : null;
  const outcome = await services.db.transaction(async (tx) => {
    await lockKey(tx, `contact:${e.contactId}`);
    const cap = await contactToday(tx, e.contactId, now);
    let capReason: Reason | null = null;
    let notBefore: Date | null = null;
    if (cap.n >= maxPerContact) {
      notBefore = new Date((cap.oldest ?? now).getTime() + DAY_MS);
      capReason = { rule: 'CURB-FREQ', code: 'daily_cap_reached', detail: `already ${cap.n} marketing message(s) to this contact in the last 24 h`, effect: 'defer' };
    } else if (step.channel === 'sms') {
      const since = startOfLocalDay(zone, now);
      let used = await smsToday(tx, { locationId: e.locationId, since });
      if (used >= location.dailySmsCap - 50) {
        // Near the cap: serialise this location's SMS scheduling so the cap is exact across workers.
        await lockKey(tx, `sms-cap:${e.locationId}`);
        used = await smsToday(tx, { locationId: e.locationId, since });
      }
      const campaignUsed = campaignCap === null ? 0 : await smsToday(tx, { locationId: e.locationId, campaignId: e.campaignId, since });
      if (used >= location.dailySmsCap || (campaignCap !== null && campaignUsed >= campaignCap)) {
        notBefore = nextLocalDayAt(zone, now, 9);
        const which = used >= location.dailySmsCap ? `the location's daily SMS cap (${location.dailySmsCap})` : `the campaign's daily SMS cap (${campaignCap})`;
        capReason = { rule: CAP_RULE, code: 'daily_sms_cap_reached', detail: `${which} is reached for ${localDate(zone, now)}`, effect: 'defer' };
      }
    }
    if (capReason && notBefore) {
      decision = { ...decision, decision: 'defer', notBefore: notBefore.toISOString(), reasons: [...decision.reasons, capReason] };
      return { capped: true as const, capReason, notBefore };
    }
    const recorded = await recordDecision({ db: tx }, { ...decisionOptions, touchId: null }, situation, decision);
    const inserted = await tx
      .insert(touches)
      .values({
        id: touchId,
        locationId: e.locationId,
        enrollmentId: e.id,
        campaignId: e.campaignId,
        contactId: e.contactId,
        step: touchNo,
        stepName: step.name,
        channel: step.channel,
        idempotencyKey: `${e.contactId}:${step.id}:${localDate(zone, now)}`,
        status: 'queued',
        toAddress: situation.to,
        subject: message.subject ?? null,
        bodyEnc: encrypt(services.keyRing, message.text),
        templateKey: message.templateKey,
        variant: message.variant ?? variant ?? null,
        segments: step.channel === 'sms' ? message.segments.segments : null,
        author: message.source === 'model' ? 'model' : 'template',
        purpose: 'marketing',
        initiation: 'automated',
        complianceDecisionId: recorded.decisionId,
        scheduledFor: now,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
      // The same step on the same day again (a pause and resume cancelled it): the cancelled touch is revived.
      .onConflictDoUpdate({
        target: touches.idempotencyKey,
        set: { status: 'queued', bodyEnc: encrypt(services.keyRing, message.text), complianceDecisionId: recorded.decisionId, scheduledFor: now, nextAttemptAt: now, errorCode: null, errorMessage: null, updatedAt: now },
        setWhere: eq(touches.status, 'cancelled'),
      })
      .returning({ id: touches.id });
    if (inserted[0]) await tx.execute(sql`update compliance_decisions set touch_id = ${inserted[0].id} where id = ${recorded.decisionId}`);
    await tx.update(enrollments).set({ ...advance(now), updatedAt: now }).where(eq(enrollments.id, e.id));
    return { capped: false as const };
  });
  if (outcome.capped) {
    await recordDecision(services, decisionOptions, situation, decision);
    await setEnrollment({ nextTouchAt: outcome.notBefore });
    if (outcome.capReason.rule === CAP_RULE) {
      await raiseAlert(services, {
        locationId: e.locationId,
        kind: 'cap_exhausted',
        message: outcome.capReason.detail,
        dedupeKey: `cap_exhausted:${e.locationId}:${localDate(zone, now)}`,
        details: { notBefore: outcome.notBefore.toISOString() },
      });
    }
    return 'capped';
  }
  return 'queued';
}

/** One scheduler pass: claims up to `limit` due enrollments and works each one. */
export async function scheduleTouches(services: AppServices, options: ScheduleOptions = {}): Promise<ScheduleReport> {
  const claimed = await claimDueEnrollments(services.db, {
    now: services.clock.now(),
    leaseMs: options.leaseMs ?? 5 * 60_000,
    limit: options.limit ?? 100,
    ...(options.locationId ? { locationId: options.locationId } : {}),
    ...(options.contactId ? { contactId: options.contactId } : {}),
  });
  const report: ScheduleReport = { claimed: claimed.length, outcomes: emptyOutcomes() };
  if (claimed.length === 0) return report;
  const [plans, locRows] = await Promise.all([
    loadPlans(services.db, claimed.map((e) => e.campaignId)),
    services.db.select().from(locations).where(inArray(locations.id, [...new Set(claimed.map((e) => e.locationId))])),
  ]);
  const locs = new Map(locRows.map((l) => [l.id, l]));
  const ctx: PassContext = { plans, locations: locs, ...(await loadEngagement(services.db, claimed, locs)) };

  // One contact's enrollments run one after another (caps); different contacts run side by side.
  const byContact = new Map<string, ClaimedEnrollment[]>();
  for (const e of claimed) byContact.set(e.contactId, [...(byContact.get(e.contactId) ?? []), e]);
  const run = pLimit(options.concurrency ?? 8);
  await Promise.all(
    [...byContact.values()].map((list) =>
      run(async () => {
        for (const e of list) {
          let outcome: StepOutcome;
          try {
            outcome = await processEnrollment(services, ctx, e);
          } catch (err) {
            // The lease brings the enrollment back later; one bad row never stops the pass.
            services.logger.error({ err, enrollmentId: e.id }, 'scheduling an enrollment failed');
            outcome = 'error';
          }
          report.outcomes[outcome]++;
        }
      }),
    ),
  );
  return report;
}

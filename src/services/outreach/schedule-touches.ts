/**
 * The scheduler (ARCHITECTURE flow 4): claims due enrollments, writes the step's message, asks the
 * compliance engine, then
 * - allow → writes the touch (idempotency key contact + step + local date) for the dispatcher, and moves
 *   the enrollment to its next step;
 * - defer → next_touch_at = notBefore (the decision is recorded);
 * - block → a cold contact a person may still text goes to the approval queue (the cadence waits for the
 *   click; the decision is recorded as `review`, not as a block); anything else is recorded as a blocked touch and the step is skipped — or the enrollment ends
 *   when the owner opted out.
 * Caps: the engine's per-contact cap (re-checked under a per-contact lock so two workers cannot both use
 * today's message), the location's and the campaign's daily SMS caps (an alert when reached).
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { claimDueEnrollments, type ClaimedEnrollment } from '../../db/sql/outreach/claim-enrollments.js';
import { communications, locations, touches } from '../../db/schema/index.js';
import { anyOf } from '../../db/sql/any-of.js';
import { insertJsonRows, type JsonColumn } from '../../db/sql/insert-json-rows.js';
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
import { buildSituations } from '../compliance/build-situation.js';
import { decisionRow } from '../compliance/decide-and-record.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import type { ComposedMessage } from '../messages/compose-message.js';
import { composeMessages } from '../messages/compose-messages.js';
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

/** Today's (location-local) SMS touches that count toward the caps: per location, and per campaign. */
async function smsCounts(tx: Db, o: { locationId: string; since: Date }): Promise<{ total: number; byCampaign: Map<string, number> }> {
  const rows = await tx
    .select({ campaignId: touches.campaignId, n: sql<number>`count(*)::int` })
    .from(touches)
    .where(
      and(
        eq(touches.locationId, o.locationId),
        inArray(touches.status, ['queued', 'sending', 'sent', 'delivered']),
        gte(touches.createdAt, o.since),
        eq(touches.channel, 'sms'),
        eq(touches.purpose, 'marketing'),
      ),
    )
    .groupBy(touches.campaignId);
  const byCampaign = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    total += r.n;
    if (r.campaignId) byCampaign.set(r.campaignId, r.n);
  }
  return { total, byCampaign };
}

/** Marketing touches per contact allowed or sent in the rolling 24 h before `at`, with the oldest one. */
async function contactCounts(tx: Db, contactIds: string[], at: Date): Promise<Map<string, { n: number; oldest: Date }>> {
  const out = new Map<string, { n: number; oldest: Date }>();
  if (contactIds.length === 0) return out;
  const since = new Date(at.getTime() - DAY_MS);
  const rows = await tx
    .select({
      contactId: touches.contactId,
      n: sql<number>`count(*)::int`,
      oldest: sql<string>`min(coalesce(${touches.sentAt}, ${touches.scheduledFor}))`,
    })
    .from(touches)
    .where(
      and(
        anyOf(touches.contactId, contactIds, 'uuid'),
        inArray(touches.status, ['queued', 'sending', 'sent', 'delivered']),
        eq(touches.purpose, 'marketing'),
        sql`coalesce(${touches.sentAt}, ${touches.scheduledFor}) > ${since.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(touches.contactId);
  for (const r of rows) out.set(r.contactId, { n: r.n, oldest: new Date(r.oldest) });
  return out;
}

/** Takes transaction-scoped advisory locks on these keys, in a fixed order (no deadlock between workers). */
async function lockKeys(tx: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...new Set(keys)].sort();
  await tx.execute(sql`select count(pg_advisory_xact_lock(hashtext(k))) from jsonb_array_elements_text(${JSON.stringify(sorted)}::jsonb) as k`);
}

interface EnrollmentPatch {
  id: string;
  currentStep?: number;
  state?: string;
  lastTouchAt?: Date | null;
  nextTouchAt: Date | null;
  status?: string;
  awaitingTouchId?: string | null;
  completedAt?: Date | null;
}

/** One statement for the whole batch: each enrollment's new step, state, times and status (active ones only). */
async function updateEnrollments(tx: Db, patches: EnrollmentPatch[], now: Date): Promise<void> {
  if (patches.length === 0) return;
  const rows = patches.map((p) => ({
    id: p.id,
    current_step: p.currentStep ?? null,
    state: p.state ?? null,
    last_touch_at: p.lastTouchAt?.toISOString() ?? null,
    set_last: p.lastTouchAt !== undefined,
    next_touch_at: p.nextTouchAt?.toISOString() ?? null,
    status: p.status ?? null,
    awaiting: p.awaitingTouchId ?? null,
    set_awaiting: p.awaitingTouchId !== undefined,
    completed_at: p.completedAt?.toISOString() ?? null,
  }));
  await tx.execute(sql`
    update enrollments e set
      current_step = coalesce(u.current_step, e.current_step),
      state = coalesce(u.state, e.state),
      last_touch_at = case when u.set_last then u.last_touch_at else e.last_touch_at end,
      next_touch_at = u.next_touch_at,
      status = coalesce(u.status, e.status),
      awaiting_touch_id = case when u.set_awaiting then u.awaiting else e.awaiting_touch_id end,
      completed_at = coalesce(u.completed_at, e.completed_at),
      updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as u(id uuid, current_step int, state text, last_touch_at timestamptz, set_last boolean,
      next_touch_at timestamptz, status text, awaiting uuid, set_awaiting boolean, completed_at timestamptz)
    where e.id = u.id and e.status = 'active'`);
}

const DECISION_COLUMNS: readonly JsonColumn[] = [
  ['id', 'uuid'], ['location_id', 'uuid'], ['contact_id', 'uuid'], ['touch_id', 'uuid'], ['enrollment_id', 'uuid'], ['channel', 'text'], ['purpose', 'text'],
  ['to_address', 'text'], ['decision', 'text'], ['not_before', 'timestamptz'], ['rules', 'text[]'], ['reasons', 'jsonb'], ['inputs', 'jsonb'], ['decided_at', 'timestamptz'],
];
const TOUCH_COLUMNS: readonly JsonColumn[] = [
  ['id', 'uuid'], ['location_id', 'uuid'], ['enrollment_id', 'uuid'], ['campaign_id', 'uuid'], ['contact_id', 'uuid'], ['step', 'int'], ['step_name', 'text'],
  ['channel', 'text'], ['idempotency_key', 'text'], ['status', 'text'], ['to_address', 'text'], ['subject', 'text'], ['body_enc', 'text'], ['template_key', 'text'],
  ['variant', 'text'], ['segments', 'int'], ['author', 'text'], ['purpose', 'text'], ['initiation', 'text'], ['compliance_decision_id', 'uuid'], ['error_code', 'text'],
  ['error_message', 'text'], ['scheduled_for', 'timestamptz'], ['next_attempt_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];

/** A step that needs a message and a decision. */
interface StepWork {
  e: ClaimedEnrollment;
  plan: CampaignPlan;
  location: LocationRow;
  step: CampaignStepRow;
  touchNo: number;
  touchId: string;
  variant: string | undefined;
  message?: ComposedMessage;
  situation?: Situation;
}

/**
 * One scheduler pass: claims up to `limit` due enrollments and works them as one batch — the messages,
 * the situations and the decisions in a fixed number of queries, then every write in one transaction
 * under per-contact locks that re-check the caps other workers may have used meanwhile.
 */
export async function scheduleTouches(services: AppServices, options: ScheduleOptions = {}): Promise<ScheduleReport> {
  const now = services.clock.now();
  const claimed = await claimDueEnrollments(services.database, {
    now,
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

  const patches: EnrollmentPatch[] = [];
  const alertsToRaise: Array<Parameters<typeof raiseAlert>[1]> = [];
  const advanceFrom = (w: StepWork, lastTouchAt: Date): EnrollmentPatch => {
    const after = dueOfNext(ctx, w.plan, w.e, w.touchNo, lastTouchAt, w.location.timeZone);
    return { id: w.e.id, currentStep: w.touchNo, state: w.step.name, lastTouchAt, nextTouchAt: after.dueAt };
  };

  // 1. What each enrollment needs: nothing (paused, waiting, the end of the cadence) or its next step.
  // One contact is worked once per pass: a second enrollment of the same contact waits for the next pass,
  // so the caps see the first one's touch.
  const work: StepWork[] = [];
  const busy = new Set<string>();
  for (const e of claimed) {
    const plan = ctx.plans.get(e.campaignId);
    const location = ctx.locations.get(e.locationId);
    if (!plan || !location) {
      report.outcomes.error++;
      continue;
    }
    if (plan.campaign.status !== 'active') {
      patches.push({ id: e.id, status: 'paused', nextTouchAt: null });
      report.outcomes.paused++;
      continue;
    }
    if (e.awaitingTouchId) {
      patches.push({ id: e.id, nextTouchAt: null });
      report.outcomes.waiting++;
      continue;
    }
    const next = nextStepOf(plan, { currentStep: e.currentStep, enrolledAt: e.enrolledAt, lastTouchAt: e.lastTouchAt, zone: location.timeZone });
    if (!next.step) {
      if (next.dueAt.getTime() <= now.getTime()) {
        patches.push({ id: e.id, status: 'completed', state: 'NURTURE_PAUSE', nextTouchAt: null, completedAt: now });
        report.outcomes.completed++;
      } else {
        patches.push({ id: e.id, nextTouchAt: next.dueAt });
        report.outcomes.waiting++;
      }
      continue;
    }
    if (busy.has(e.contactId)) {
      patches.push({ id: e.id, nextTouchAt: now });
      report.outcomes.waiting++;
      continue;
    }
    busy.add(e.contactId);
    const variant = pickVariant(next.step.variantWeights, `${e.contactId}:${next.step.id}`) ?? e.abVariant ?? undefined;
    work.push({ e, plan, location, step: next.step, touchNo: e.currentStep + 1, touchId: newId(), variant });
  }

  // 2. The messages, per location, in bulk. A missing template or variable skips the step, with an alert.
  for (const locationId of new Set(work.map((w) => w.e.locationId))) {
    const mine = work.filter((w) => w.e.locationId === locationId);
    const composed = await composeMessages(services, {
      locationId,
      items: mine.map((w) => ({
        contactId: w.e.contactId,
        channel: w.step.channel,
        templateKey: w.step.templateKey,
        touch: w.touchNo,
        ...(w.variant ? { variant: w.variant } : {}),
        campaignId: w.e.campaignId,
        touchId: w.touchId,
        ...(w.step.channel === 'email' ? { unsubscribeUrl: unsubscribeUrlFor(services, w.e.contactId) } : {}),
      })),
    });
    mine.forEach((w, i) => {
      const r = composed[i]!;
      if (r.ok) {
        w.message = r.value;
        return;
      }
      services.logger.warn({ enrollmentId: w.e.id, step: w.step.name, code: r.error.code }, `step skipped: ${r.error.message}`);
      alertsToRaise.push({
        locationId: w.e.locationId,
        kind: 'send_failed',
        message: `campaign "${w.plan.campaign.name}" step ${w.step.name} skipped: ${r.error.message}`,
        dedupeKey: `step_skipped:${w.step.id}:${r.error.code}:${localDate(w.location.timeZone, now)}`,
        details: { campaignId: w.plan.campaign.id, step: w.step.name, code: r.error.code },
      });
      patches.push(advanceFrom(w, w.e.lastTouchAt ?? now));
      report.outcomes.skipped++;
    });
  }

  // 3. The situations, in bulk; no address for the channel skips the step.
  const composedWork = work.filter((w) => w.message);
  const situations = await buildSituations(
    services,
    composedWork.map((w) => ({
      locationId: w.e.locationId,
      contactId: w.e.contactId,
      channel: w.step.channel === 'voicemail' ? ('voice' as const) : w.step.channel,
      purpose: 'marketing' as const,
      initiation: 'automated' as const,
      body: w.message!.text,
      at: now,
      hasUnsubscribeLink: w.step.channel === 'email',
    })),
  );
  const decided: Array<{ w: StepWork; decision: Decision; manual: Decision | null }> = [];
  composedWork.forEach((w, i) => {
    const s = situations[i]!;
    if (s instanceof AppError) {
      patches.push(advanceFrom(w, w.e.lastTouchAt ?? now));
      report.outcomes.skipped++;
      return;
    }
    w.situation = s;
    const decision = decide(s);
    decided.push({ w, decision, manual: decision.decision === 'block' ? decide({ ...s, initiation: 'manual' }) : null });
  });

  // 4. Every write in one transaction, under the locks of the contacts about to get a touch.
  await services.db.transaction(async (tx) => {
    const allowed = decided.filter((d) => d.decision.decision === 'allow');
    await lockKeys(tx, allowed.map((d) => `contact:${d.w.e.contactId}`));
    const perContact = await contactCounts(tx, allowed.map((d) => d.w.e.contactId), now);
    const sms = new Map<string, { total: number; byCampaign: Map<string, number> }>();
    for (const locationId of new Set(allowed.filter((d) => d.w.step.channel === 'sms').map((d) => d.w.e.locationId))) {
      const zone = locs.get(locationId)!.timeZone;
      sms.set(locationId, await smsCounts(tx, { locationId, since: startOfLocalDay(zone, now) }));
    }

    const decisionRows: Array<ReturnType<typeof decisionRow>> = [];
    const touchRows: Array<typeof touches.$inferInsert> = [];
    for (const d of decided) {
      const { w } = d;
      const zone = w.location.timeZone;
      const s = w.situation!;
      let decision = d.decision;
      const base = {
        id: w.touchId,
        locationId: w.e.locationId,
        enrollmentId: w.e.id,
        campaignId: w.e.campaignId,
        contactId: w.e.contactId,
        step: w.touchNo,
        stepName: w.step.name,
        channel: w.step.channel,
        idempotencyKey: `${w.e.contactId}:${w.step.id}:${localDate(zone, now)}`,
        toAddress: s.to,
        subject: w.message!.subject ?? null,
        bodyEnc: encrypt(services.keyRing, w.message!.text),
        templateKey: w.message!.templateKey,
        variant: w.message!.variant ?? w.variant ?? null,
        author: w.message!.source === 'model' ? 'model' : 'template',
        purpose: 'marketing',
        initiation: 'automated',
        createdAt: now,
        updatedAt: now,
      };
      const options = { locationId: w.e.locationId, contactId: w.e.contactId, channel: s.channel, enrollmentId: w.e.id };

      if (decision.decision === 'allow') {
        // The caps, with what this batch already took.
        const maxPerContact = s.account?.maxMessagesPerContactPerDay ?? 1;
        const used = perContact.get(w.e.contactId);
        let capReason: Reason | null = null;
        let notBefore: Date | null = null;
        if (used && used.n >= maxPerContact) {
          notBefore = new Date(used.oldest.getTime() + DAY_MS);
          capReason = { rule: 'CURB-FREQ', code: 'daily_cap_reached', detail: `already ${used.n} marketing message(s) to this contact in the last 24 h`, effect: 'defer' };
        } else if (w.step.channel === 'sms') {
          const counts = sms.get(w.e.locationId)!;
          const campaignCap = typeof w.plan.campaign.caps.dailySmsCap === 'number' ? w.plan.campaign.caps.dailySmsCap : null;
          const campaignUsed = counts.byCampaign.get(w.e.campaignId) ?? 0;
          if (counts.total >= w.location.dailySmsCap || (campaignCap !== null && campaignUsed >= campaignCap)) {
            notBefore = nextLocalDayAt(zone, now, 9);
            const which = counts.total >= w.location.dailySmsCap ? `the location's daily SMS cap (${w.location.dailySmsCap})` : `the campaign's daily SMS cap (${campaignCap})`;
            capReason = { rule: CAP_RULE, code: 'daily_sms_cap_reached', detail: `${which} is reached for ${localDate(zone, now)}`, effect: 'defer' };
            alertsToRaise.push({
              locationId: w.e.locationId,
              kind: 'cap_exhausted',
              message: capReason.detail,
              dedupeKey: `cap_exhausted:${w.e.locationId}:${localDate(zone, now)}`,
              details: { notBefore: notBefore.toISOString(), campaignId: w.e.campaignId },
            });
          } else {
            counts.total++;
            counts.byCampaign.set(w.e.campaignId, campaignUsed + 1);
          }
        }
        if (capReason && notBefore) {
          decision = { ...decision, decision: 'defer', notBefore: notBefore.toISOString(), reasons: [...decision.reasons, capReason] };
          decisionRows.push(decisionRow(options, s, decision));
          patches.push({ id: w.e.id, nextTouchAt: notBefore });
          report.outcomes.capped++;
          continue;
        }
        perContact.set(w.e.contactId, { n: (used?.n ?? 0) + 1, oldest: used?.oldest ?? now });
        const row = decisionRow({ ...options, touchId: w.touchId }, s, decision);
        decisionRows.push(row);
        touchRows.push({ ...base, status: 'queued', segments: w.step.channel === 'sms' ? w.message!.segments.segments : null, complianceDecisionId: row.id, scheduledFor: now, nextAttemptAt: now });
        patches.push(advanceFrom(w, now));
        report.outcomes.queued++;
        continue;
      }

      if (decision.decision === 'defer') {
        decisionRows.push(decisionRow(options, s, decision));
        patches.push({ id: w.e.id, nextTouchAt: new Date(decision.notBefore!) });
        report.outcomes.deferred++;
        continue;
      }

      // Blocked: a person may still send it (the approval queue), or the step is skipped — or, after an
      // opt-out, the enrollment ends.
      const blocks = blockReasons(decision);
      const optedOut = blocks.some((r) => r.rule === 'F8' || r.rule === 'F9' || r.code.includes('opted_out'));
      const approvable = d.manual !== null && d.manual.decision !== 'block' && !optedOut;
      const blockRow = decisionRow({ ...options, touchId: w.touchId }, s, decision);
      // Held for a person is not a compliance block: recorded as `review`, with the engine's reasons (the
      // approval queue shows them), so block counts and block rules count only what nobody may send.
      const row = approvable ? { ...blockRow, decision: 'review' as const } : blockRow;
      decisionRows.push(row);
      touchRows.push({
        ...base,
        status: approvable ? 'awaiting_approval' : 'blocked',
        complianceDecisionId: row.id,
        errorCode: approvable ? 'needs_manual_approval' : 'compliance_blocked',
        errorMessage: describe(blocks),
      });
      if (approvable) {
        patches.push({ id: w.e.id, awaitingTouchId: w.touchId, nextTouchAt: null });
        report.outcomes.awaiting_approval++;
      } else if (optedOut) {
        patches.push({ id: w.e.id, status: 'opted_out', state: 'OPTED_OUT', nextTouchAt: null, completedAt: now });
        report.outcomes.opted_out++;
      } else {
        patches.push(advanceFrom(w, w.e.lastTouchAt ?? now));
        report.outcomes.blocked++;
      }
    }

    await insertJsonRows(
      tx,
      'compliance_decisions',
      DECISION_COLUMNS,
      decisionRows.map((d) => ({
        id: d.id,
        location_id: d.locationId,
        contact_id: d.contactId,
        touch_id: d.touchId,
        enrollment_id: d.enrollmentId,
        channel: d.channel,
        purpose: d.purpose,
        to_address: d.toAddress,
        decision: d.decision,
        not_before: d.notBefore,
        rules: d.rules,
        reasons: d.reasons,
        inputs: d.inputs,
        decided_at: d.decidedAt,
      })),
    );
    await insertJsonRows(
      tx,
      'touches',
      TOUCH_COLUMNS,
      touchRows.map((t) => ({
        id: t.id,
        location_id: t.locationId,
        enrollment_id: t.enrollmentId,
        campaign_id: t.campaignId,
        contact_id: t.contactId,
        step: t.step,
        step_name: t.stepName,
        channel: t.channel,
        idempotency_key: t.idempotencyKey,
        status: t.status,
        to_address: t.toAddress,
        subject: t.subject,
        body_enc: t.bodyEnc,
        template_key: t.templateKey,
        variant: t.variant,
        segments: t.segments ?? null,
        author: t.author,
        purpose: t.purpose,
        initiation: t.initiation,
        compliance_decision_id: t.complianceDecisionId,
        error_code: t.errorCode ?? null,
        error_message: t.errorMessage ?? null,
        scheduled_for: t.scheduledFor ?? null,
        next_attempt_at: t.nextAttemptAt ?? null,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      })),
      // The same step on the same day again (a pause and resume cancelled it): the cancelled touch is revived.
      sql`on conflict (idempotency_key) do update set status = excluded.status, body_enc = excluded.body_enc,
        compliance_decision_id = excluded.compliance_decision_id, scheduled_for = excluded.scheduled_for,
        next_attempt_at = excluded.next_attempt_at, error_code = excluded.error_code, error_message = excluded.error_message,
        updated_at = excluded.updated_at
        where touches.status = 'cancelled'`,
    );
    await updateEnrollments(tx, patches, now);
  });
  for (const a of alertsToRaise) await raiseAlert(services, a);
  return report;
}

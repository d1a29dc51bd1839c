/**
 * A campaign's timing plan: its steps in order with their day offsets from enrollment (the sum of the
 * step delays), and the end of the cadence (NURTURE_PAUSE) `nurtureAfterMinutes` after the last touch.
 * The scheduler and the preview read the same plan, so a preview shows what the scheduler will do.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaigns, campaignSteps } from '../../db/schema/index.js';
import { nextTouch, type StepTiming } from '../../domain/sequence/next-touch.js';

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignStepRow = typeof campaignSteps.$inferSelect;

/** The end of the cadence, as a step name in the plan. */
export const END_STEP = 'NURTURE_PAUSE';

export interface CampaignPlan {
  campaign: CampaignRow;
  steps: CampaignStepRow[];
  /** Step positions as strings, then END_STEP. */
  timings: StepTiming<string>[];
}

const DAY_MINUTES = 24 * 60;

export function nurtureAfterMinutes(c: CampaignRow): number {
  const v = c.scheduleConfig.nurtureAfterMinutes;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}

export function buildPlan(campaign: CampaignRow, stepRows: CampaignStepRow[]): CampaignPlan {
  const steps = [...stepRows].sort((a, b) => a.position - b.position);
  let minutes = 0;
  const timings: StepTiming<string>[] = steps.map((s) => {
    minutes += s.delayMinutes;
    return { step: String(s.position), day: minutes / DAY_MINUTES };
  });
  timings.push({ step: END_STEP, day: (minutes + nurtureAfterMinutes(campaign)) / DAY_MINUTES });
  return { campaign, steps, timings };
}

/** Plans of the given campaigns, by id. */
export async function loadPlans(db: Db, campaignIds: readonly string[]): Promise<Map<string, CampaignPlan>> {
  const ids = [...new Set(campaignIds)];
  if (ids.length === 0) return new Map();
  const [rows, steps] = await Promise.all([
    db.select().from(campaigns).where(inArray(campaigns.id, ids)),
    db.select().from(campaignSteps).where(inArray(campaignSteps.campaignId, ids)),
  ]);
  return new Map(rows.map((c) => [c.id, buildPlan(c, steps.filter((s) => s.campaignId === c.id))]));
}

/**
 * The step after `currentStep` (0 = none sent yet) and when it is due; `step` null means the cadence
 * ends (NURTURE_PAUSE) at `dueAt`.
 */
export function nextStepOf(
  plan: CampaignPlan,
  o: { currentStep: number; enrolledAt: Date; lastTouchAt: Date | null; zone: string },
): { step: CampaignStepRow | null; dueAt: Date } {
  const current = o.currentStep === 0 ? 'ENROLLED' : String(plan.steps[o.currentStep - 1]?.position ?? o.currentStep);
  const next = nextTouch<string>({ steps: plan.timings, currentStep: current, enrolledAt: o.enrolledAt, ...(o.lastTouchAt ? { lastTouchAt: o.lastTouchAt } : {}), zone: o.zone });
  if (!next) return { step: null, dueAt: o.lastTouchAt ?? o.enrolledAt };
  if (next.step === END_STEP) return { step: null, dueAt: next.dueAt };
  return { step: plan.steps[o.currentStep] ?? null, dueAt: next.dueAt };
}

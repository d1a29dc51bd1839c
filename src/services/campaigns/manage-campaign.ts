/**
 * A campaign's life after creation: read it with its metrics, change it, pause and resume it. Pausing
 * stops the cadence at once — every active enrollment pauses and queued touches not yet sent are
 * cancelled — and resuming picks each enrollment up where it stood (a missed step is due now).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { campaigns, campaignSteps, enrollments, touches } from '../../db/schema/index.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AppServices } from '../app-services.js';
import { CampaignSchema, CampaignStepInputSchema, type Campaign } from './campaign-schemas.js';
import { listCampaigns } from './list-campaigns.js';
import { toCampaign } from './to-campaign.js';

export const CampaignMetricsSchema = z.object({
  enrolled: z.number().int(),
  active: z.number().int(),
  paused: z.number().int(),
  completed: z.number().int(),
  stopped: z.number().int(),
  optedOut: z.number().int(),
  touchesQueued: z.number().int(),
  awaitingApproval: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  blocked: z.number().int(),
  replied: z.number().int(),
  costUsd: z.number(),
});
export type CampaignMetrics = z.infer<typeof CampaignMetricsSchema>;

export const CampaignWithMetricsSchema = CampaignSchema.extend({ metrics: CampaignMetricsSchema });
export type CampaignWithMetrics = z.infer<typeof CampaignWithMetricsSchema>;

export const CampaignPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    targetTiers: z.array(z.enum(['A', 'B+', 'B', 'C', 'D'])).max(5).optional(),
    targetMarkets: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
    scheduleConfig: z.record(z.string(), z.unknown()).optional(),
    caps: z
      .object({ maxTouchesPerContactPerDay: z.number().int().min(0).max(3).optional(), dailySmsCap: z.number().int().min(0).max(100_000).optional() })
      .strict()
      .optional(),
    /** Replaces the steps. Refused once any contact received a touch of this campaign (start a new one). */
    steps: z.array(CampaignStepInputSchema).max(20).optional(),
  })
  .strict();
export type CampaignPatch = z.input<typeof CampaignPatchSchema>;

async function loadCampaign(services: Pick<AppServices, 'db'>, locationId: string, campaignId: string) {
  const [row] = await services.db.select().from(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.locationId, locationId))).limit(1);
  if (!row) throw notFound('campaign', campaignId);
  return row;
}

/** Metrics of campaigns by id: enrollment states, touch outcomes, replies and cost. */
export async function campaignMetrics(services: Pick<AppServices, 'db'>, campaignIds: string[]): Promise<Map<string, CampaignMetrics>> {
  const out = new Map<string, CampaignMetrics>();
  for (const id of campaignIds) {
    out.set(id, { enrolled: 0, active: 0, paused: 0, completed: 0, stopped: 0, optedOut: 0, touchesQueued: 0, awaitingApproval: 0, sent: 0, delivered: 0, failed: 0, blocked: 0, replied: 0, costUsd: 0 });
  }
  if (campaignIds.length === 0) return out;
  const [enr, tch, replies] = await Promise.all([
    services.db
      .select({ campaignId: enrollments.campaignId, status: enrollments.status, n: sql<number>`count(*)::int` })
      .from(enrollments)
      .where(inArray(enrollments.campaignId, campaignIds))
      .groupBy(enrollments.campaignId, enrollments.status),
    services.db
      .select({ campaignId: touches.campaignId, status: touches.status, n: sql<number>`count(*)::int`, cost: sql<number>`coalesce(sum(${touches.costUsd}), 0)::float8` })
      .from(touches)
      .where(inArray(touches.campaignId, campaignIds))
      .groupBy(touches.campaignId, touches.status),
    services.db.execute<{ campaign_id: string; n: number }>(sql`
      select e.campaign_id, count(distinct e.contact_id)::int as n
      from enrollments e
      where e.campaign_id in (${sql.join(campaignIds.map((id) => sql`${id}::uuid`), sql`, `)})
        and exists (select 1 from communications c where c.contact_id = e.contact_id and c.direction = 'inbound' and c.occurred_at >= e.enrolled_at)
      group by e.campaign_id`),
  ]);
  for (const r of enr) {
    const m = out.get(r.campaignId)!;
    m.enrolled += r.n;
    if (r.status === 'active') m.active += r.n;
    else if (r.status === 'paused') m.paused += r.n;
    else if (r.status === 'completed') m.completed += r.n;
    else if (r.status === 'opted_out') m.optedOut += r.n;
    else m.stopped += r.n;
  }
  for (const r of tch) {
    if (!r.campaignId) continue;
    const m = out.get(r.campaignId)!;
    m.costUsd += r.cost;
    if (r.status === 'queued' || r.status === 'sending') m.touchesQueued += r.n;
    else if (r.status === 'awaiting_approval') m.awaitingApproval += r.n;
    else if (r.status === 'sent') m.sent += r.n;
    else if (r.status === 'delivered') {
      m.sent += r.n;
      m.delivered += r.n;
    } else if (r.status === 'failed') m.failed += r.n;
    else if (r.status === 'blocked') m.blocked += r.n;
  }
  const replyRows = (replies as unknown as { rows: Array<{ campaign_id: string; n: number }> }).rows;
  for (const r of replyRows) out.get(r.campaign_id)!.replied = Number(r.n);
  for (const m of out.values()) m.costUsd = Math.round(m.costUsd * 1e5) / 1e5;
  return out;
}

export async function listCampaignsWithMetrics(services: Pick<AppServices, 'db'>, o: { locationId: string; status?: string }): Promise<CampaignWithMetrics[]> {
  const list = await listCampaigns(services, o);
  const metrics = await campaignMetrics(services, list.map((c) => c.id));
  return list.map((c) => ({ ...c, metrics: metrics.get(c.id)! }));
}

export async function getCampaign(services: Pick<AppServices, 'db'>, o: { locationId: string; campaignId: string }): Promise<CampaignWithMetrics> {
  const row = await loadCampaign(services, o.locationId, o.campaignId);
  const [steps, metrics] = await Promise.all([services.db.select().from(campaignSteps).where(eq(campaignSteps.campaignId, row.id)), campaignMetrics(services, [row.id])]);
  return { ...toCampaign(row, steps), metrics: metrics.get(row.id)! };
}

export async function updateCampaign(services: Pick<AppServices, 'db' | 'clock'>, o: { locationId: string; campaignId: string; patch: CampaignPatch }): Promise<Campaign> {
  const patch = CampaignPatchSchema.parse(o.patch);
  const row = await loadCampaign(services, o.locationId, o.campaignId);
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.targetTiers !== undefined ? { targetTiers: patch.targetTiers } : {}),
        ...(patch.targetMarkets !== undefined ? { targetMarkets: patch.targetMarkets } : {}),
        ...(patch.scheduleConfig !== undefined ? { scheduleConfig: patch.scheduleConfig } : {}),
        ...(patch.caps !== undefined ? { caps: patch.caps } : {}),
        updatedAt: now,
      })
      .where(eq(campaigns.id, row.id));
    if (patch.steps) {
      const [used] = await tx.select({ n: sql<number>`count(*)::int` }).from(touches).where(eq(touches.campaignId, row.id));
      if ((used?.n ?? 0) > 0) {
        throw new AppError(ErrorCode.Conflict, 'steps: this campaign has already sent touches; its steps can no longer change (create a new campaign)', { issues: [{ path: 'steps', message: 'campaign already started' }] });
      }
      await tx.delete(campaignSteps).where(eq(campaignSteps.campaignId, row.id));
      if (patch.steps.length > 0) {
        await tx.insert(campaignSteps).values(
          patch.steps.map((s, i) => ({
            id: newId(),
            campaignId: row.id,
            position: i + 1,
            name: s.name ?? `${s.channel.toUpperCase()}_${i + 1}`,
            channel: s.channel,
            delayMinutes: s.delayMinutes,
            templateKey: s.templateKey ?? null,
            variantWeights: s.variantWeights ?? {},
            createdAt: now,
          })),
        );
      }
    }
  });
  return getCampaign(services, o);
}

/**
 * Pause: active enrollments pause and their queued touches are cancelled. Resume (or activate a draft):
 * paused enrollments become active again, due now at the earliest.
 */
export async function setCampaignStatus(services: Pick<AppServices, 'db' | 'clock'>, o: { locationId: string; campaignId: string; status: 'active' | 'paused' | 'completed' }): Promise<CampaignWithMetrics> {
  const row = await loadCampaign(services, o.locationId, o.campaignId);
  if (row.status === 'completed' && o.status !== 'completed') throw new AppError(ErrorCode.Conflict, `campaign ${row.id} is completed and cannot be ${o.status === 'active' ? 'resumed' : 'paused'}`);
  const now = services.clock.now();
  await services.db.transaction(async (tx) => {
    await tx.update(campaigns).set({ status: o.status, updatedAt: now }).where(eq(campaigns.id, row.id));
    if (o.status === 'active') {
      await tx
        .update(enrollments)
        .set({ status: 'active', nextTouchAt: sql`greatest(coalesce(${enrollments.nextTouchAt}, ${now.toISOString()}::timestamptz), ${now.toISOString()}::timestamptz)`, updatedAt: now })
        .where(and(eq(enrollments.campaignId, row.id), eq(enrollments.status, 'paused')));
    } else {
      await tx
        .update(enrollments)
        .set({ status: o.status === 'paused' ? 'paused' : 'completed', ...(o.status === 'completed' ? { completedAt: now, nextTouchAt: null } : {}), updatedAt: now })
        .where(and(eq(enrollments.campaignId, row.id), eq(enrollments.status, 'active')));
      // A paused enrollment waiting on a queued touch gets it again (same step) when resumed.
      const cancelled = await tx
        .update(touches)
        .set({ status: 'cancelled', errorCode: `campaign_${o.status}`, updatedAt: now })
        .where(and(eq(touches.campaignId, row.id), inArray(touches.status, ['queued'])))
        .returning({ enrollmentId: touches.enrollmentId, step: touches.step });
      for (const t of cancelled) {
        if (!t.enrollmentId || t.step === null) continue;
        await tx
          .update(enrollments)
          .set({ currentStep: t.step - 1, nextTouchAt: now, updatedAt: now })
          .where(and(eq(enrollments.id, t.enrollmentId), eq(enrollments.currentStep, t.step)));
      }
    }
  });
  return getCampaign(services, o);
}

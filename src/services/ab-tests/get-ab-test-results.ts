import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { and, desc, eq } from 'drizzle-orm';
import { abTests, campaignSteps } from '../../db/schema/index.js';
import { selectVariantResults } from '../../db/sql/analytics/select-variant-results.js';
import { compareProportions } from '../../domain/analytics/compare-proportions.js';
import { notFound } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { money, ratio } from '../analytics/resolve-filter.js';
import type { AbTest, AbTestResults } from './ab-test-schemas.js';
import { toAbTest } from './to-ab-test.js';

/** Below this many leads per arm no winner is suggested, however small the p-value. */
export const MIN_LEADS_PER_VARIANT = 20;

export async function listAbTests(deps: Pick<AppServices, 'db'>, options: { locationId: string; campaignId?: string | undefined }): Promise<AbTest[]> {
  const rows = await deps.db
    .select()
    .from(abTests)
    .where(and(eq(abTests.locationId, options.locationId), options.campaignId ? eq(abTests.campaignId, options.campaignId) : undefined))
    .orderBy(desc(abTests.createdAt), desc(abTests.id));
  return rows.map(toAbTest);
}

/**
 * Per-variant reply, interest and opt-out rates and cost, and a suggested winner: the leader on the test's
 * metric, when it beats every other variant at the test's alpha (Bonferroni-corrected for the number of
 * comparisons) — Fisher's exact test for small counts, the two-proportion z-test otherwise.
 */
export async function getAbTestResults(deps: Pick<AppServices, 'db' | 'database'>, options: { locationId: string; testId: string }): Promise<AbTestResults> {
  const [row] = await deps.db.select().from(abTests).where(and(eq(abTests.id, options.testId), eq(abTests.locationId, options.locationId)));
  if (!row) throw notFound('A/B test', options.testId);
  const test = toAbTest(row);
  const [step] = await deps.db.select().from(campaignSteps).where(and(eq(campaignSteps.campaignId, test.campaignId), eq(campaignSteps.position, test.step)));
  const weights = step?.variantWeights ?? {};
  const totalWeight = Object.values(weights).reduce((a, b) => a + b, 0);
  const sqlRows = await selectVariantResults(analyticsExecutor(deps.database), { locationId: options.locationId, campaignId: test.campaignId, step: test.step });
  const byVariant = new Map(sqlRows.map((r) => [r.variant, r]));
  const successes = (r: { replied: number; interested: number }) => (test.metric === 'interest' ? r.interested : r.replied);

  const base = test.variants.map((v) => {
    const r = byVariant.get(v) ?? { variant: v, leads: 0, sent: 0, replied: 0, interested: 0, opted_out: 0, cost_usd: 0 };
    const cost = money(Number(r.cost_usd));
    return {
      variant: v,
      weight: v in weights && totalWeight > 0 ? ratio(weights[v]!, totalWeight) : v in weights ? 0 : null,
      leads: r.leads,
      sent: r.sent,
      replied: r.replied,
      interested: r.interested,
      optedOut: r.opted_out,
      replyRate: ratio(r.replied, r.leads),
      interestRate: ratio(r.interested, r.leads),
      optOutRate: ratio(r.opted_out, r.leads),
      costUsd: cost,
      costPerReply: r.replied > 0 ? money(cost / r.replied) : null,
    };
  });
  const rate = (b: (typeof base)[number]) => (b.leads > 0 ? successes(b) / b.leads : -1);
  const leaderRow = [...base].sort((a, b) => rate(b) - rate(a) || b.leads - a.leads)[0];
  const leader = leaderRow && leaderRow.leads > 0 ? leaderRow : null;
  const corrected = test.alpha / Math.max(1, base.length - 1);
  const results = base.map((b) => ({
    ...b,
    vsLeader: leader && b.variant !== leader.variant ? compareProportions(successes(leader), leader.leads, successes(b), b.leads) : null,
  }));
  const others = results.filter((r) => leader && r.variant !== leader.variant);
  const enough = results.every((r) => r.leads >= MIN_LEADS_PER_VARIANT);
  const beatsAll = leader !== null && others.length > 0 && others.every((o) => o.vsLeader !== null && o.vsLeader.pValue < corrected && rate(leader) > rate(o));
  let reason: string;
  if (!leader) reason = 'no variant has been sent yet';
  else if (!enough) reason = `needs at least ${MIN_LEADS_PER_VARIANT} leads per variant`;
  else if (!beatsAll) reason = `${leader.variant} leads but the difference is not significant at alpha ${test.alpha} (Bonferroni: ${Math.round(corrected * 1e4) / 1e4} per comparison)`;
  else reason = `${leader.variant} beats every other variant on ${test.metric} rate at alpha ${test.alpha}`;
  const significant = Boolean(leader && enough && beatsAll);
  return { ...test, results, leader: leader?.variant ?? null, suggestedWinner: significant ? leader!.variant : null, significant, reason };
}

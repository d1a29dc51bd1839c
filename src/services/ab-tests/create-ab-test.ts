import { and, eq } from 'drizzle-orm';
import { abTests, campaigns, campaignSteps } from '../../db/schema/index.js';
import { AppError, ErrorCode, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { type AbTest, type AbTestInput, AbTestInputSchema } from './ab-test-schemas.js';
import { toAbTest } from './to-ab-test.js';

/**
 * Starts an A/B test on a campaign step. Without `variants`, the step's variant weights name them; with
 * them, missing variants are added to the step with an equal share so the test actually runs.
 */
export async function createAbTest(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: { locationId: string; input: AbTestInput }): Promise<AbTest> {
  const input = AbTestInputSchema.parse(options.input);
  const [campaign] = await deps.db.select().from(campaigns).where(and(eq(campaigns.id, input.campaignId), eq(campaigns.locationId, options.locationId)));
  if (!campaign) throw notFound('campaign', input.campaignId);
  const [step] = await deps.db.select().from(campaignSteps).where(and(eq(campaignSteps.campaignId, campaign.id), eq(campaignSteps.position, input.step)));
  if (!step) throw notFound(`step ${input.step} of campaign`, campaign.id);
  const variants = input.variants ?? Object.keys(step.variantWeights);
  if (new Set(variants).size < 2) {
    throw new AppError(ErrorCode.ValidationFailed, 'invalid input: variants: a test needs at least two distinct variants (give them, or set the step’s variantWeights)', {
      issues: [{ path: 'variants', message: 'at least two distinct variants' }],
    });
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (variants.some((v) => !(v in step.variantWeights))) {
      const equal = Object.fromEntries(variants.map((v) => [v, 1]));
      await tx.update(campaignSteps).set({ variantWeights: equal }).where(eq(campaignSteps.id, step.id));
    }
    const [row] = await tx
      .insert(abTests)
      .values({
        id: newId(),
        locationId: options.locationId,
        campaignId: campaign.id,
        step: input.step,
        name: input.name ?? `${campaign.name} — step ${input.step}`,
        variants: [...new Set(variants)],
        metric: input.metric,
        alpha: input.alpha,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return toAbTest(row!);
  });
}

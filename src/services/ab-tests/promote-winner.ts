import { and, eq } from 'drizzle-orm';
import { abTests, campaignSteps } from '../../db/schema/index.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import type { AbTestResults } from './ab-test-schemas.js';
import { getAbTestResults } from './get-ab-test-results.js';

/**
 * Gives one variant 100 % of the step (the others 0, kept so their history still reads) and closes the
 * test. Without `variant` the suggested winner is promoted; with no significant winner that is a conflict.
 */
export async function promoteWinner(deps: Pick<AppServices, 'db' | 'database' | 'clock'>, options: { locationId: string; testId: string; variant?: string | undefined }): Promise<AbTestResults> {
  const before = await getAbTestResults(deps, options);
  if (before.status !== 'running') throw new AppError(ErrorCode.Conflict, `this test is already ${before.status}`);
  const variant = options.variant ?? before.suggestedWinner;
  if (!variant) throw new AppError(ErrorCode.Conflict, `no winner to promote: ${before.reason}; name the variant to promote it anyway`);
  if (!before.variants.includes(variant)) {
    throw new AppError(ErrorCode.ValidationFailed, `invalid input: variant: ${variant} is not in this test`, { issues: [{ path: 'variant', message: `one of ${before.variants.join(', ')}` }] });
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [step] = await tx.select().from(campaignSteps).where(and(eq(campaignSteps.campaignId, before.campaignId), eq(campaignSteps.position, before.step)));
    if (step) {
      const weights = Object.fromEntries([...new Set([...Object.keys(step.variantWeights), ...before.variants])].map((v) => [v, v === variant ? 100 : 0]));
      await tx.update(campaignSteps).set({ variantWeights: weights }).where(eq(campaignSteps.id, step.id));
    }
    await tx.update(abTests).set({ status: 'promoted', winner: variant, promotedAt: now, updatedAt: now }).where(eq(abTests.id, before.id));
  });
  return getAbTestResults(deps, options);
}

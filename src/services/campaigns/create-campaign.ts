import { campaigns, campaignSteps } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import { type Campaign, type CampaignInput, CampaignInputSchema } from './campaign-schemas.js';
import { toCampaign } from './to-campaign.js';

export async function createCampaign(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: { locationId: string; input: CampaignInput }): Promise<Campaign> {
  const input = CampaignInputSchema.parse(options.input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const id = newId();
    const [row] = await tx
      .insert(campaigns)
      .values({
        id,
        locationId: options.locationId,
        name: input.name,
        type: input.type,
        targetTiers: input.targetTiers,
        targetMarkets: input.targetMarkets,
        scheduleConfig: input.scheduleConfig,
        caps: input.caps,
        status: input.active ? 'active' : 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const steps =
      input.steps.length === 0
        ? []
        : await tx
            .insert(campaignSteps)
            .values(
              input.steps.map((s, i) => ({
                id: newId(),
                campaignId: id,
                position: i + 1,
                name: s.name ?? `${s.channel.toUpperCase()}_${i + 1}`,
                channel: s.channel,
                delayMinutes: s.delayMinutes,
                templateKey: s.templateKey ?? null,
                variantWeights: s.variantWeights ?? {},
                createdAt: now,
              })),
            )
            .returning();
    return toCampaign(row!, steps);
  });
}

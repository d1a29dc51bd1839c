import type { campaigns, campaignSteps } from '../../db/schema/index.js';
import type { Campaign } from './campaign-schemas.js';

export function toCampaign(row: typeof campaigns.$inferSelect, steps: Array<typeof campaignSteps.$inferSelect>): Campaign {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    targetTiers: row.targetTiers,
    targetMarkets: row.targetMarkets,
    scheduleConfig: row.scheduleConfig,
    caps: row.caps,
    status: row.status,
    active: row.status === 'active',
    steps: [...steps]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ id: s.id, position: s.position, name: s.name, channel: s.channel, delayMinutes: s.delayMinutes, templateKey: s.templateKey, variantWeights: s.variantWeights })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

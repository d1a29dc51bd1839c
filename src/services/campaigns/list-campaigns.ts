import { desc, eq, inArray } from 'drizzle-orm';
import { campaigns, campaignSteps } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import type { Campaign } from './campaign-schemas.js';
import { toCampaign } from './to-campaign.js';

export async function listCampaigns(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string }): Promise<Campaign[]> {
  const rows = await deps.db.select().from(campaigns).where(eq(campaigns.locationId, options.locationId)).orderBy(desc(campaigns.createdAt), desc(campaigns.id));
  if (rows.length === 0) return [];
  const steps = await deps.db.select().from(campaignSteps).where(inArray(campaignSteps.campaignId, rows.map((r) => r.id)));
  return rows.map((r) => toCampaign(r, steps.filter((s) => s.campaignId === r.id)));
}

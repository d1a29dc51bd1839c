import { and, desc, eq, inArray } from 'drizzle-orm';
import { campaigns, campaignSteps } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import type { Campaign } from './campaign-schemas.js';
import { toCampaign } from './to-campaign.js';

/** The location's campaigns with their steps, newest first (`status`: only those in it). */
export async function listCampaigns(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; status?: string }): Promise<Campaign[]> {
  const rows = await deps.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.locationId, options.locationId), ...(options.status ? [eq(campaigns.status, options.status)] : [])))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id));
  if (rows.length === 0) return [];
  const steps = await deps.db.select().from(campaignSteps).where(inArray(campaignSteps.campaignId, rows.map((r) => r.id)));
  return rows.map((r) => toCampaign(r, steps.filter((s) => s.campaignId === r.id)));
}

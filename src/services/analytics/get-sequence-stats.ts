import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { z } from 'zod';
import { selectEnrollmentCounts } from '../../db/sql/analytics/select-enrollment-counts.js';
import type { AppServices } from '../app-services.js';
import type { AnalyticsFilter } from './analytics-schemas.js';
import { getBreakdown } from './get-breakdown.js';
import { money, rangeOf, ratio } from './resolve-filter.js';

export const SequenceStatsSchema = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  sequences: z.array(
    z.object({
      campaignId: z.string(),
      name: z.string(),
      status: z.string(),
      enrolled: z.number().int(),
      active: z.number().int(),
      completed: z.number().int(),
      optedOut: z.number().int(),
      handedOff: z.number().int(),
      completionRate: z.number(),
      sent: z.number().int(),
      contacted: z.number().int(),
      responded: z.number().int(),
      interested: z.number().int(),
      deals: z.number().int().describe('leads with a deal closed after their first touch of the campaign'),
      responseRate: z.number(),
      conversionRate: z.number().describe('deals / contacted (seed 000, as the overview)'),
      costUsd: z.number(),
    }),
  ),
});
export type SequenceStats = z.infer<typeof SequenceStatsSchema>;

/** Per-sequence (campaign) conversion, seed 003 `/sdr/stats/sequences`: enrollments and their outcome with the funnel figures. */
export async function getSequenceStats(deps: Pick<AppServices, 'database' | 'db'>, options: { locationId: string; filter: AnalyticsFilter }): Promise<SequenceStats> {
  const [counts, breakdown] = await Promise.all([
    selectEnrollmentCounts(analyticsExecutor(deps.database), { locationId: options.locationId, filter: options.filter }),
    getBreakdown(deps, { ...options, by: 'campaign' }),
  ]);
  const byCampaign = new Map(breakdown.rows.map((r) => [r.key, r]));
  return {
    range: rangeOf(options.filter),
    sequences: counts
      .filter((c) => !options.filter.campaign || c.campaign_id === options.filter.campaign)
      .map((c) => {
        const b = byCampaign.get(c.campaign_id);
        return {
          campaignId: c.campaign_id,
          name: c.name,
          status: c.campaign_status,
          enrolled: c.enrolled,
          active: c.active,
          completed: c.completed,
          optedOut: c.opted_out,
          handedOff: c.handed_off,
          completionRate: ratio(c.completed, c.enrolled),
          sent: b?.sent ?? 0,
          contacted: b?.contacted ?? 0,
          responded: b?.responded ?? 0,
          interested: b?.interested ?? 0,
          deals: b?.deals ?? 0,
          responseRate: b?.responseRate ?? 0,
          conversionRate: b?.conversionRate ?? 0,
          costUsd: money(b?.costUsd ?? 0),
        };
      }),
  };
}

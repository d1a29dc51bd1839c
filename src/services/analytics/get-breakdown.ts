import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { and, eq, inArray } from 'drizzle-orm';
import { campaigns, campaignSteps } from '../../db/schema/index.js';
import { selectBreakdown } from '../../db/sql/analytics/select-breakdown.js';
import type { AppServices } from '../app-services.js';
import type { AnalyticsFilter, Breakdown, BreakdownDimension } from './analytics-schemas.js';
import { money, rangeOf, ratio } from './resolve-filter.js';

export interface GetBreakdownOptions {
  locationId: string;
  filter: AnalyticsFilter;
  by: BreakdownDimension;
}

/**
 * The same metrics split by channel (channel comparison), campaign, step (touch-level), template, variant,
 * market or tier.
 */
export async function getBreakdown(deps: Pick<AppServices, 'database' | 'db'>, options: GetBreakdownOptions): Promise<Breakdown> {
  const rows = await selectBreakdown(analyticsExecutor(deps.database), options);
  const labels = await labelsFor(deps, options, rows.map((r) => r.key).filter((k): k is string => k !== null));
  return {
    range: rangeOf(options.filter),
    by: options.by,
    rows: rows.map((r) => ({
      key: r.key,
      label: r.key === null ? '(none)' : (labels.get(r.key) ?? r.key),
      sent: r.sent,
      contacted: r.contacted,
      responded: r.responded,
      interested: r.interested,
      optedOut: r.opted_out,
      deals: r.deals,
      touchReplies: r.touch_replies,
      responseRate: ratio(r.responded, r.contacted),
      touchReplyRate: ratio(r.touch_replies, r.sent),
      interestRate: ratio(r.interested, r.responded),
      conversionRate: ratio(r.deals, r.contacted),
      optOutRate: ratio(r.opted_out, r.contacted),
      costUsd: money(Number(r.cost_usd)),
    })),
  };
}

async function labelsFor(deps: Pick<AppServices, 'db'>, options: GetBreakdownOptions, keys: string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (keys.length === 0) return labels;
  if (options.by === 'campaign') {
    const rows = await deps.db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(and(eq(campaigns.locationId, options.locationId), inArray(campaigns.id, keys)));
    for (const r of rows) labels.set(r.id, r.name);
  } else if (options.by === 'step' && options.filter.campaign) {
    const rows = await deps.db.select().from(campaignSteps).where(eq(campaignSteps.campaignId, options.filter.campaign));
    for (const r of rows) labels.set(String(r.position), `${r.position}. ${r.name}`);
  } else if (options.by === 'step') {
    for (const k of keys) labels.set(k, `Step ${k}`);
  }
  return labels;
}

import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { selectComplianceSummary } from '../../db/sql/analytics/select-compliance-summary.js';
import type { AppServices } from '../app-services.js';
import type { AnalyticsFilter, ComplianceSummary } from './analytics-schemas.js';
import { rangeOf } from './resolve-filter.js';

const DAY_MS = 86_400_000;

/** The compliance page's summary: decisions by outcome, the rules behind blocks, DNC list dates and their age, opt-outs. */
export async function getComplianceSummary(deps: Pick<AppServices, 'database' | 'clock'>, options: { locationId: string; filter: AnalyticsFilter }): Promise<ComplianceSummary> {
  const s = await selectComplianceSummary(analyticsExecutor(deps.database), { locationId: options.locationId, from: options.filter.from, to: options.filter.to });
  const decisions = { allow: 0, defer: 0, block: 0, review: 0 };
  for (const d of s.decisions) decisions[d.decision] = d.n;
  const now = deps.clock.now().getTime();
  return {
    range: rangeOf(options.filter),
    decisions,
    topBlockRules: s.rules.map((r) => ({ rule: r.rule, count: r.n })),
    lists: s.lists.map((l) => ({
      list: l.list,
      state: l.state,
      listDate: l.list_date,
      entries: l.added,
      ageDays: Math.floor((now - new Date(`${l.list_date}T00:00:00Z`).getTime()) / DAY_MS),
    })),
    optOuts: {
      total: s.optOuts.total,
      inRange: s.optOuts.in_range,
      recent: s.recent.map((r) => ({ contactId: r.id, name: r.owner_name, optedOutAt: new Date(r.opted_out_at).toISOString() })),
    },
  };
}

import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { selectObjections } from '../../db/sql/analytics/select-objections.js';
import type { AppServices } from '../app-services.js';
import type { AnalyticsFilter, ObjectionStats } from './analytics-schemas.js';
import { rangeOf, ratio } from './resolve-filter.js';

/** Objection analytics (seed 003 /sdr/stats/objections): how often each objection comes up, what was answered, how it ended. */
export async function getObjectionStats(deps: Pick<AppServices, 'database'>, options: { locationId: string; filter: AnalyticsFilter }): Promise<ObjectionStats> {
  const rows = await selectObjections(analyticsExecutor(deps.database), options);
  const byType = new Map<string, { count: number; outcomes: Record<string, number>; rebuttals: Map<string, number> }>();
  let total = 0;
  for (const r of rows) {
    total += r.n;
    const t = byType.get(r.type) ?? { count: 0, outcomes: {}, rebuttals: new Map<string, number>() };
    t.count += r.n;
    const outcome = r.outcome ?? 'unknown';
    t.outcomes[outcome] = (t.outcomes[outcome] ?? 0) + r.n;
    if (r.rebuttal) t.rebuttals.set(r.rebuttal, (t.rebuttals.get(r.rebuttal) ?? 0) + r.n);
    byType.set(r.type, t);
  }
  return {
    range: rangeOf(options.filter),
    total,
    types: [...byType.entries()]
      .map(([type, t]) => ({
        type,
        count: t.count,
        share: ratio(t.count, total),
        outcomes: t.outcomes,
        rebuttals: [...t.rebuttals.entries()].map(([rebuttal, count]) => ({ rebuttal, count })).sort((a, b) => b.count - a.count),
      }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
  };
}

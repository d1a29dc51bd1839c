import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { selectRolling, type RollingFilter } from '../../db/sql/analytics/select-rolling.js';
import type { AppServices } from '../app-services.js';
import type { Rolling } from './analytics-schemas.js';
import { ratio } from './resolve-filter.js';

const SPAN_MS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;

/** Seed 003 SDRMetricWindow: rolling 1 h / 24 h / 7 d windows ending now. */
export async function getRollingWindows(deps: Pick<AppServices, 'database' | 'clock'>, options: { locationId: string; filter?: RollingFilter }): Promise<Rolling> {
  const at = deps.clock.now();
  const rows = await selectRolling(analyticsExecutor(deps.database), { locationId: options.locationId, at, ...(options.filter ? { filter: options.filter } : {}) });
  return {
    at: at.toISOString(),
    windows: rows.map((r) => ({
      window: r.window,
      from: new Date(at.getTime() - SPAN_MS[r.window]).toISOString(),
      to: at.toISOString(),
      sent: r.sent,
      delivered: r.delivered,
      failed: r.failed,
      replies: r.replies,
      interested: r.interested,
      optOuts: r.opt_outs,
      handoffs: r.handoffs,
      blocked: r.blocked,
      responseRate: ratio(r.replies, r.sent),
    })),
  };
}

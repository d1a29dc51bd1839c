import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { selectPipeline } from '../../db/sql/analytics/select-pipeline.js';
import { leadStatusValues } from '../../db/schema/index.js';
import type { AppServices } from '../app-services.js';
import type { Pipeline } from './analytics-schemas.js';

/** Leads by pipeline status (every status listed, zeros included), with the tier and market split. */
export async function getPipeline(deps: Pick<AppServices, 'database'>, options: { locationId: string; market?: string | undefined; tier?: string | undefined }): Promise<Pipeline> {
  const rows = await selectPipeline(analyticsExecutor(deps.database), options);
  const statuses = new Map<string, number>(leadStatusValues.map((s) => [s, 0]));
  const tiers = new Map<string | null, number>();
  const markets = new Map<string | null, number>();
  let total = 0;
  for (const r of rows) {
    total += r.n;
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + r.n);
    tiers.set(r.tier, (tiers.get(r.tier) ?? 0) + r.n);
    markets.set(r.market, (markets.get(r.market) ?? 0) + r.n);
  }
  const byCount = <K>(m: Map<K, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    total,
    statuses: [...statuses.entries()].map(([status, count]) => ({ status, count })),
    tiers: byCount(tiers).map(([tier, count]) => ({ tier, count })),
    markets: byCount(markets).map(([market, count]) => ({ market, count })),
  };
}

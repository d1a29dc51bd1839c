import { analyticsExecutor } from '../../db/sql/analytics/analytics-executor.js';
import { selectRoi } from '../../db/sql/analytics/select-roi.js';
import type { AppServices } from '../app-services.js';
import type { AnalyticsFilter } from '../analytics/analytics-schemas.js';
import { money, rangeOf } from '../analytics/resolve-filter.js';
import type { Roi } from './deal-schemas.js';

const round1 = (n: number) => Math.round(n * 10) / 10;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * ROI for the range (seed 000 ROI dashboard): cost (SMS, email, voice, model compute, skip tracing — the
 * `costs` ledger), cost per contacted lead and per deal, profit, ROI = (profit − cost) / cost, break-even,
 * and time from first contact to close; split by campaign, list source and distress signal.
 */
export async function getRoi(deps: Pick<AppServices, 'database'>, options: { locationId: string; filter: AnalyticsFilter }): Promise<Roi> {
  const s = await selectRoi(analyticsExecutor(deps.database), options);
  const costByKind: Record<string, number> = {};
  const costByCampaign = new Map<string | null, number>();
  let cost = 0;
  for (const c of s.costs) {
    const a = Number(c.amount);
    cost += a;
    costByKind[c.kind] = money((costByKind[c.kind] ?? 0) + a);
    costByCampaign.set(c.campaign_id, (costByCampaign.get(c.campaign_id) ?? 0) + a);
  }
  cost = money(cost);
  const profit = money(s.deals.reduce((t, d) => t + Number(d.profit ?? 0), 0));
  const revenue = money(s.deals.reduce((t, d) => t + Number(d.price ?? 0), 0));
  const n = s.deals.length;
  const avgProfit = n > 0 ? money(profit / n) : null;
  const days = s.deals.map((d) => d.days).filter((d): d is number => d !== null).map(Number);

  const group = (keyOf: (d: RoiDeal) => string | null, labelOf: (d: RoiDeal) => string | null, withCost: boolean) => {
    const m = new Map<string | null, { label: string; deals: number; profit: number }>();
    for (const d of s.deals) {
      const k = keyOf(d);
      const g = m.get(k) ?? { label: labelOf(d) ?? k ?? '(unattributed)', deals: 0, profit: 0 };
      g.deals++;
      g.profit += Number(d.profit ?? 0);
      m.set(k, g);
    }
    if (withCost) for (const k of costByCampaign.keys()) if (!m.has(k)) m.set(k, { label: k ?? '(no campaign)', deals: 0, profit: 0 });
    return [...m.entries()]
      .map(([key, g]) => {
        const c = withCost ? money(costByCampaign.get(key) ?? 0) : null;
        return { key, label: g.label, deals: g.deals, profitUsd: money(g.profit), costUsd: c, roi: c && c > 0 ? Math.round(((g.profit - c) / c) * 10_000) / 10_000 : null };
      })
      .sort((a, b) => b.profitUsd - a.profitUsd || b.deals - a.deals);
  };

  return {
    range: rangeOf(options.filter),
    costUsd: cost,
    costByKind,
    contacted: s.contacted,
    deals: n,
    revenueUsd: revenue,
    profitUsd: profit,
    averageProfitUsd: avgProfit,
    costPerContactedLead: s.contacted > 0 ? money(cost / s.contacted) : null,
    costPerDeal: n > 0 ? money(cost / n) : null,
    roi: cost > 0 ? Math.round(((profit - cost) / cost) * 10_000) / 10_000 : null,
    breakEven: { reached: profit >= cost, dealsNeeded: avgProfit && avgProfit > 0 ? Math.round((cost / avgProfit) * 100) / 100 : null, profitGapUsd: money(Math.max(0, cost - profit)) },
    daysToClose: { average: days.length ? round1(days.reduce((a, b) => a + b, 0) / days.length) : null, median: days.length ? round1(median(days)!) : null },
    byCampaign: group((d) => d.campaign_id, (d) => d.campaign_name, true),
    byListSource: group((d) => d.list_source, () => null, false),
    byDistressSignal: group((d) => d.distress_signal, () => null, false),
  };
}

type RoiDeal = Awaited<ReturnType<typeof selectRoi>>['deals'][number];

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { listOf, qs } from '../api';
import { type Column, DataTable } from '../components/DataTable';
import { Filters, filterQuery, type FilterState } from '../components/Filters';
import { Card, Kpi, LoadError } from '../components/ui';
import { num, pct, usd, when } from '../format';
import { useApi } from '../hooks';

interface Group {
  key: string | null;
  label: string;
  deals: number;
  profitUsd: number;
  costUsd: number | null;
  roi: number | null;
}
interface Roi {
  costUsd: number;
  costByKind: Record<string, number>;
  contacted: number;
  deals: number;
  revenueUsd: number;
  profitUsd: number;
  averageProfitUsd: number | null;
  costPerContactedLead: number | null;
  costPerDeal: number | null;
  roi: number | null;
  breakEven: { reached: boolean; dealsNeeded: number | null; profitGapUsd: number };
  daysToClose: { average: number | null; median: number | null };
  byCampaign: Group[];
  byListSource: Group[];
  byDistressSignal: Group[];
}
interface Deal {
  id: string;
  contactName: string | null;
  campaignName: string | null;
  price: number | null;
  profit: number | null;
  kind: string;
  listSource: string | null;
  distressSignal: string | null;
  closedAt: string;
  daysToClose: number | null;
}

const groupCols: Column<Group>[] = [
  { key: 'label', label: 'Group' },
  { key: 'deals', label: 'Deals', align: 'right' },
  { key: 'profitUsd', label: 'Profit', align: 'right', render: (g) => usd(g.profitUsd, 0) },
  { key: 'costUsd', label: 'Cost', align: 'right', render: (g) => usd(g.costUsd) },
  { key: 'roi', label: 'ROI', align: 'right', render: (g) => (g.roi === null ? '—' : `${(g.roi * 100).toFixed(0)}%`) },
];

/** Whole deals: 0.0002 of a deal is "one deal covers the cost", never "0 deals". */
function dealsNeededHint(needed: number): string {
  const deals = Math.max(1, Math.ceil(needed));
  return `${deals} ${deals === 1 ? 'deal' : 'deals'} at the average profit ${deals === 1 ? 'covers' : 'cover'} the cost`;
}

export function Roi(props: { filters: FilterState; setFilters: (f: FilterState) => void }) {
  const q = qs(filterQuery(props.filters, ['from', 'to', 'campaign', 'market', 'tier']));
  const roi = useApi<Roi>(`/v1/analytics/roi${q}`);
  const deals = useApi<unknown>(`/v1/deals${qs(filterQuery(props.filters, ['from', 'to', 'campaign', 'market', 'tier']))}`);
  const r = roi.data;
  const dealCols: Column<Deal>[] = [
    { key: 'closedAt', label: 'Closed', render: (d) => when(d.closedAt) },
    { key: 'contactName', label: 'Lead' },
    { key: 'campaignName', label: 'Campaign' },
    { key: 'kind', label: 'Kind' },
    { key: 'price', label: 'Price', align: 'right', render: (d) => usd(d.price, 0) },
    { key: 'profit', label: 'Profit', align: 'right', render: (d) => usd(d.profit, 0) },
    { key: 'listSource', label: 'List' },
    { key: 'distressSignal', label: 'Signal' },
    { key: 'daysToClose', label: 'Days to close', align: 'right', render: (d) => num(d.daysToClose) },
  ];
  return (
    <>
      <h2>ROI</h2>
      <Filters value={props.filters} onChange={props.setFilters} show={['campaign', 'market', 'tier']} />
      <LoadError error={roi.error} what="ROI" />
      <div className="kpis" data-testid="roi-kpis">
        <Kpi label="Spent" value={usd(r?.costUsd)} hint={r ? Object.entries(r.costByKind).map(([k, v]) => `${k} ${usd(v)}`).join(' · ') : undefined} />
        <Kpi label="Profit" value={usd(r?.profitUsd, 0)} hint={r ? `${num(r.deals)} deals · avg ${usd(r.averageProfitUsd, 0)}` : undefined} testId="roi-profit" />
        <Kpi label="ROI" value={r?.roi == null ? '—' : `${(r.roi * 100).toFixed(0)}%`} hint="(profit − cost) / cost" />
        <Kpi label="Cost per lead" value={usd(r?.costPerContactedLead, 3)} hint={r ? `${num(r.contacted)} leads contacted` : undefined} />
        <Kpi label="Cost per deal" value={usd(r?.costPerDeal)} />
        <Kpi label="Break-even" value={r ? (r.breakEven.reached ? 'reached' : `${usd(r.breakEven.profitGapUsd)} to go`) : '—'} hint={r?.breakEven.dealsNeeded != null ? dealsNeededHint(r.breakEven.dealsNeeded) : undefined} />
        <Kpi label="Days to close" value={r?.daysToClose.median == null ? '—' : `${r.daysToClose.median}`} hint={r?.daysToClose.average != null ? `median · average ${r.daysToClose.average}` : 'first contact → close'} />
        <Kpi label="Conversion" value={r ? pct(r.contacted ? r.deals / r.contacted : 0) : '—'} hint="deals / leads contacted" />
      </div>
      <Card title="Profit by campaign">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={r?.byCampaign ?? []}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" />
            <YAxis />
            <Tooltip />
            <Bar dataKey="profitUsd" name="profit" fill="#16a34a" isAnimationActive={false} />
            <Bar dataKey="costUsd" name="cost" fill="#dc2626" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Card>
      <div className="grid3">
        <DataTable title="By campaign" csvName="roi-campaigns" columns={groupCols} rows={r?.byCampaign ?? []} />
        <DataTable title="By list source" csvName="roi-lists" columns={groupCols} rows={r?.byListSource ?? []} />
        <DataTable title="By distress signal" csvName="roi-signals" columns={groupCols} rows={r?.byDistressSignal ?? []} />
      </div>
      <DataTable title="Deals" csvName="deals" columns={dealCols} rows={listOf<Deal>(deals.data)} empty="No deals recorded in this range (POST /v1/deals)." />
    </>
  );
}

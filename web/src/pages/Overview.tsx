import { lazy, Suspense, useState } from 'react';
import { qs } from '../api';
import { type Column, DataTable } from '../components/DataTable';
import { Filters, filterQuery, type FilterState } from '../components/Filters';
import { Card, Kpi, LoadError } from '../components/ui';
import { num, pct, usd } from '../format';
import { useApi } from '../hooks';
import type { Breakdown, BreakdownRow, Overview as OverviewData, Timeseries } from '../types';

// The chart library loads with the charts, after the first screen: the KPI cards and the funnel need none of it.
const charts = () => import('./OverviewCharts');
const ChannelsChart = lazy(() => charts().then((m) => ({ default: m.ChannelsChart })));
const SeriesChart = lazy(() => charts().then((m) => ({ default: m.SeriesChart })));

export const breakdownColumns: Column<BreakdownRow>[] = [
  { key: 'label', label: 'Group' },
  { key: 'sent', label: 'Sent', align: 'right', render: (r) => num(r.sent) },
  { key: 'contacted', label: 'Leads', align: 'right', render: (r) => num(r.contacted) },
  { key: 'responded', label: 'Replied', align: 'right', render: (r) => num(r.responded) },
  { key: 'responseRate', label: 'Response', align: 'right', render: (r) => pct(r.responseRate) },
  { key: 'touchReplyRate', label: 'Touch reply', align: 'right', render: (r) => pct(r.touchReplyRate) },
  { key: 'interested', label: 'Interested', align: 'right', render: (r) => num(r.interested) },
  { key: 'optOutRate', label: 'Opt-out', align: 'right', render: (r) => pct(r.optOutRate) },
  { key: 'deals', label: 'Deals', align: 'right', render: (r) => num(r.deals) },
  { key: 'costUsd', label: 'Cost', align: 'right', render: (r) => usd(r.costUsd) },
];

export function Overview(props: { filters: FilterState; setFilters: (f: FilterState) => void }) {
  const q = qs(filterQuery(props.filters));
  const [by, setBy] = useState('campaign');
  const overview = useApi<OverviewData>(`/v1/analytics/overview${q}`);
  // The KPI cards and the funnel first: the charts and tables below ask once the overview has answered, so
  // their statements do not share the database's CPU with the one the first screen waits for.
  const after = (path: string) => (overview.loading ? null : path);
  const channels = useApi<Breakdown>(after(`/v1/analytics/breakdown${q}${q ? '&' : '?'}by=channel`));
  const series = useApi<Timeseries>(after(`/v1/analytics/timeseries${q}`));
  const breakdown = useApi<Breakdown>(after(`/v1/analytics/breakdown${q}${q ? '&' : '?'}by=${by}`));
  const o = overview.data;
  const funnel = o
    ? [
        { stage: 'Contacted', leads: o.funnel.contacted },
        { stage: 'Responded', leads: o.funnel.responded },
        { stage: 'Interested', leads: o.funnel.interested },
        { stage: 'Deal', leads: o.funnel.deals },
      ]
    : [];
  return (
    <>
      <h2>Overview</h2>
      <Filters value={props.filters} onChange={props.setFilters} />
      <LoadError error={overview.error} what="Analytics" />
      <div className="kpis" data-testid="kpis">
        <Kpi testId="kpi-sent" label="Messages sent" value={num(o?.messagesSent)} hint={o ? `${num(o.funnel.contacted)} leads contacted` : undefined} />
        <Kpi testId="kpi-response" label="Response rate" value={pct(o?.responseRate)} hint={o ? `${num(o.repliesReceived)} replies · ${pct(o.leadResponseRate)} of leads` : undefined} />
        <Kpi testId="kpi-interest" label="Interest rate" value={pct(o?.interestRate)} hint={o ? `${num(o.interestedReplies)} interested replies` : undefined} />
        <Kpi testId="kpi-deals" label="Deals closed" value={num(o?.dealsClosed)} hint={o ? `conversion ${pct(o.conversionRate)} · ${usd(o.profitUsd, 0)} profit` : undefined} />
        <Kpi label="Time to response" value={o?.timeToResponseHours.median === null || !o ? '—' : `${o.timeToResponseHours.median} h`} hint={o?.timeToResponseHours.average != null ? `median · average ${o.timeToResponseHours.average} h` : 'median'} />
        <Kpi label="Cost per lead" value={usd(o?.costPerContactedLead, 3)} hint={o ? `${usd(o.costUsd)} spent · completion ${pct(o.campaignCompletion.rate)}` : undefined} />
      </div>
      <div className="grid2">
        <Card title="Funnel" testId="funnel">
          <FunnelBars stages={funnel} />
        </Card>
        <Card title="Channels" testId="channels">
          <Suspense fallback={<div style={{ height: 240 }} />}>
            <ChannelsChart rows={channels.data?.rows ?? []} />
          </Suspense>
        </Card>
      </div>
      <Card title="Per day" testId="timeseries">
        <Suspense fallback={<div style={{ height: 220 }} />}>
          <SeriesChart points={series.data?.points ?? []} />
        </Suspense>
      </Card>
      <div className="row">
        <label>
          Break down by{' '}
          <select value={by} onChange={(e) => setBy(e.target.value)} name="by">
            {['campaign', 'channel', 'step', 'template', 'variant', 'market', 'tier'].map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
      </div>
      <DataTable title={`By ${by}`} csvName={`breakdown-${by}`} columns={breakdownColumns} rows={breakdown.data?.rows ?? []} />
    </>
  );
}

/** Contacted → responded → interested → deal as horizontal bars, each with its share of the contacted leads. */
function FunnelBars(props: { stages: Array<{ stage: string; leads: number }> }) {
  const contacted = props.stages[0]?.leads ?? 0;
  return (
    <ol className="funnel">
      {props.stages.map((s) => (
        <li key={s.stage} className="funnel-row">
          <span className="funnel-stage">{s.stage}</span>
          <span className="funnel-track">
            <span className="funnel-bar" style={{ width: `${contacted > 0 ? (s.leads / contacted) * 100 : 0}%` }} />
          </span>
          <span className="funnel-value">
            {num(s.leads)}
            {contacted > 0 && s !== props.stages[0] ? <small> · {pct(s.leads / contacted)}</small> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

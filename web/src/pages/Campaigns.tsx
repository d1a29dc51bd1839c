import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, listOf, qs } from '../api';
import { type Column, DataTable } from '../components/DataTable';
import { Filters, filterQuery, type FilterState } from '../components/Filters';
import { Card, Label, LoadError } from '../components/ui';
import { num, pct, usd } from '../format';
import { useApi } from '../hooks';
import type { AbTest, AbTestResults, Breakdown, Campaign, SequenceStats } from '../types';
import { breakdownColumns } from './Overview';

type Row = SequenceStats['sequences'][number] & { campaign: Campaign | undefined };

const columns: Column<Row>[] = [
  { key: 'name', label: 'Campaign', render: (r) => <a href={`#/campaigns/${r.campaignId}`}>{r.name}</a>, value: (r) => r.name },
  { key: 'status', label: 'Status', render: (r) => <Label kind="status" value={r.campaign?.status ?? r.status} />, value: (r) => r.campaign?.status ?? r.status },
  { key: 'enrolled', label: 'Enrolled', align: 'right', render: (r) => num(r.enrolled) },
  { key: 'active', label: 'Active', align: 'right', render: (r) => num(r.active) },
  { key: 'sent', label: 'Sent', align: 'right', render: (r) => num(r.sent) },
  { key: 'responseRate', label: 'Response', align: 'right', render: (r) => pct(r.responseRate) },
  { key: 'interested', label: 'Interested', align: 'right', render: (r) => num(r.interested) },
  { key: 'optedOut', label: 'Opted out', align: 'right', render: (r) => num(r.optedOut) },
  { key: 'deals', label: 'Deals', align: 'right', render: (r) => num(r.deals) },
  { key: 'conversionRate', label: 'Conversion', align: 'right', render: (r) => pct(r.conversionRate) },
  { key: 'completionRate', label: 'Completion', align: 'right', render: (r) => pct(r.completionRate) },
  { key: 'costUsd', label: 'Cost', align: 'right', render: (r) => usd(r.costUsd) },
];

export function Campaigns(props: { filters: FilterState; setFilters: (f: FilterState) => void; selected: string | null }) {
  const q = qs(filterQuery(props.filters, ['from', 'to', 'market', 'tier']));
  const campaigns = useApi<unknown>('/v1/campaigns');
  const stats = useApi<SequenceStats>(`/v1/analytics/sequences${q}`);
  const list = listOf<Campaign>(campaigns.data);
  const rows: Row[] = (stats.data?.sequences ?? []).map((s) => ({ ...s, campaign: list.find((c) => c.id === s.campaignId) }));
  const selected = props.selected ? list.find((c) => c.id === props.selected) ?? null : null;
  return (
    <>
      <h2>Campaigns</h2>
      <Filters value={props.filters} onChange={props.setFilters} show={['market', 'tier']} />
      <LoadError error={campaigns.error ?? stats.error} what="Campaigns" />
      <DataTable title="Campaigns" csvName="campaigns" columns={columns} rows={rows} empty="No campaigns yet." />
      {props.selected ? <CampaignDetail id={props.selected} campaign={selected} filters={props.filters} onChanged={campaigns.reload} /> : null}
    </>
  );
}

function CampaignDetail(props: { id: string; campaign: Campaign | null; filters: FilterState; onChanged: () => void }) {
  const q = qs({ ...filterQuery(props.filters, ['from', 'to', 'market', 'tier']), campaign: props.id });
  const steps = useApi<Breakdown>(`/v1/analytics/breakdown${q}&by=step`);
  const variants = useApi<Breakdown>(`/v1/analytics/breakdown${q}&by=variant`);
  const tests = useApi<unknown>(`/v1/sdr/ab-tests?campaign=${props.id}`);
  const [message, setMessage] = useState<string | null>(null);
  const c = props.campaign;
  const act = async (action: 'pause' | 'resume') => {
    try {
      await api(`/v1/campaigns/${props.id}/${action}`, { method: 'POST' });
      setMessage(action === 'pause' ? 'Paused.' : 'Resumed.');
      props.onChanged();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const chart = (steps.data?.rows ?? []).map((r) => ({ step: r.label, sent: r.sent, replies: r.touchReplies, replyPct: Math.round(r.touchReplyRate * 1000) / 10 }));
  return (
    <section data-testid="campaign-detail">
      <h2>
        {c?.name ?? 'Campaign'} {c ? <Label kind="status" value={c.status} testId="campaign-status" /> : null}
      </h2>
      <div className="row">
        {c?.status === 'paused' ? (
          <button type="button" onClick={() => act('resume')}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => act('pause')}>
            Pause
          </button>
        )}
        {message ? <span className="muted" role="status">{message}</span> : null}
      </div>
      {c ? (
        <p className="muted">
          Targets tiers {c.targetTiers.join(', ') || 'any'} in {c.targetMarkets.join(', ') || 'every market'} ·{' '}
          {c.steps.map((s) => `${s.position}. ${s.name} (${s.channel}${Object.keys(s.variantWeights).length ? `, ${Object.entries(s.variantWeights).map(([k, v]) => `${k}:${v}`).join('/')}` : ''})`).join(' → ')}
        </p>
      ) : null}
      <Card title="Touch-level replies" testId="touch-chart">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={chart}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="step" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="sent" fill="#93c5fd" isAnimationActive={false} />
            <Bar dataKey="replies" fill="#2563eb" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Card>
      <DataTable title="By step" csvName="campaign-steps" columns={breakdownColumns} rows={steps.data?.rows ?? []} />
      <DataTable title="By variant" csvName="campaign-variants" columns={breakdownColumns} rows={variants.data?.rows ?? []} />
      {listOf<AbTest>(tests.data).map((t) => (
        <AbTestCard key={t.id} id={t.id} onChanged={() => tests.reload()} />
      ))}
    </section>
  );
}

function AbTestCard(props: { id: string; onChanged: () => void }) {
  const r = useApi<AbTestResults>(`/v1/sdr/ab-tests/${props.id}`);
  const [message, setMessage] = useState<string | null>(null);
  const t = r.data;
  if (!t) return null;
  const promote = async (variant?: string) => {
    try {
      await api(`/v1/sdr/ab-tests/${props.id}/promote`, { method: 'POST', body: variant ? { variant } : {} });
      r.reload();
      props.onChanged();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const cols: Column<AbTestResults['results'][number]>[] = [
    { key: 'variant', label: 'Variant' },
    { key: 'weight', label: 'Share', align: 'right', render: (v) => pct(v.weight) },
    { key: 'leads', label: 'Leads', align: 'right' },
    { key: 'replyRate', label: 'Reply', align: 'right', render: (v) => pct(v.replyRate) },
    { key: 'interestRate', label: 'Interest', align: 'right', render: (v) => pct(v.interestRate) },
    { key: 'optOutRate', label: 'Opt-out', align: 'right', render: (v) => pct(v.optOutRate) },
    { key: 'costUsd', label: 'Cost', align: 'right', render: (v) => usd(v.costUsd) },
    { key: 'p', label: 'p vs leader', align: 'right', render: (v) => (v.vsLeader ? v.vsLeader.pValue.toFixed(4) : '—'), value: (v) => v.vsLeader?.pValue ?? null },
  ];
  return (
    <div data-testid="ab-test">
      <DataTable title={`A/B: ${t.name} (${t.status}${t.winner ? `, winner ${t.winner}` : ''})`} csvName={`ab-${t.id}`} columns={cols} rows={t.results} />
      <p className="muted">{t.reason}</p>
      {t.status === 'running' ? (
        <div className="row">
          {t.suggestedWinner ? (
            <button type="button" onClick={() => promote()}>
              Promote {t.suggestedWinner}
            </button>
          ) : null}
          {t.variants.map((v) => (
            <button type="button" className="ghost" key={v} onClick={() => promote(v)}>
              Give {v} 100 %
            </button>
          ))}
          {message ? <span className="error">{message}</span> : null}
        </div>
      ) : null}
    </div>
  );
}

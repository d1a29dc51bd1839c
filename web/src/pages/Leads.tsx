import { useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { listOf, qs } from '../api';
import { type Column, DataTable } from '../components/DataTable';
import { Card, Label, LoadError } from '../components/ui';
import { num } from '../format';
import { useApi, usePagedApi } from '../hooks';

interface Pipeline {
  total: number;
  statuses: Array<{ status: string; count: number }>;
  tiers: Array<{ tier: string | null; count: number }>;
  markets: Array<{ market: string | null; count: number }>;
}
interface Property {
  id: string;
  parcelIdDisplay: string | null;
  parcelId: string | null;
  market: string | null;
  situs: { address: string | null; city: string | null };
  ownerName: string | null;
  score: number | null;
  tier: string | null;
  source: string;
  contributions: Array<{ signal: string; group: string; points: number; note?: string; evidence?: Record<string, unknown> }>;
}

export function Leads() {
  const [tier, setTier] = useState('');
  const [market, setMarket] = useState('');
  const [open, setOpen] = useState<Property | null>(null);
  const pane = useRef<HTMLDivElement>(null);
  // The explanation opens under the whole list: scrolled to, or a click far up a long list (or any click on a
  // phone, where the list fills the screen) would seem to do nothing. `nearest` moves the page only as far as
  // needed (a short card lands at the bottom, the list still above it); styles.css keeps a tall one's title out
  // from under the phone's sticky nav.
  const openId = open?.id;
  useEffect(() => {
    if (openId) pane.current?.scrollIntoView({ block: 'nearest' });
  }, [openId]);
  const pipeline = useApi<Pipeline>(`/v1/analytics/pipeline${qs({ tier, market })}`);
  const props = usePagedApi<Property>(`/v1/properties${qs({ tier, market, limit: 200 })}`);
  const markets = useApi<unknown>('/v1/markets');
  const rows = props.rows;
  const cols: Column<Property>[] = [
    { key: 'ownerName', label: 'Owner' },
    { key: 'situs', label: 'Property', render: (p) => [p.situs.address, p.situs.city].filter(Boolean).join(', '), value: (p) => [p.situs.address, p.situs.city].filter(Boolean).join(', ') },
    { key: 'market', label: 'Market' },
    { key: 'tier', label: 'Tier', render: (p) => <Label kind="tier" value={p.tier} /> },
    { key: 'score', label: 'Score', align: 'right', render: (p) => (p.score === null ? '—' : p.score.toFixed(0)) },
    { key: 'signals', label: 'Why', render: (p) => topSignals(p), value: (p) => topSignals(p) },
    { key: 'source', label: 'Source' },
  ];
  return (
    <>
      <h2>Leads</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Tier
          <select name="tier" value={tier} onChange={(e) => setTier(e.target.value)}>
            <option value="">All</option>
            {['A', 'B+', 'B', 'C', 'D'].map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Market
          <select name="market" value={market} onChange={(e) => setMarket(e.target.value)}>
            <option value="">All</option>
            {listOf<{ key: string; name: string }>(markets.data).map((m) => (
              <option key={m.key} value={m.key}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      <LoadError error={pipeline.error} what="The pipeline" />
      <Card title={`Pipeline (${num(pipeline.data?.total)} leads)`} testId="pipeline">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={pipeline.data?.statuses ?? []}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="status" interval={0} angle={-30} textAnchor="end" height={60} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" fill="#2563eb" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Card>
      <DataTable title="Pipeline by status" csvName="pipeline" columns={[{ key: 'status', label: 'Status' }, { key: 'count', label: 'Leads', align: 'right' }]} rows={pipeline.data?.statuses ?? []} />
      <DataTable title="Properties (click one to see its score explained)" csvName="leads" columns={cols} rows={rows} more={props} onRowClick={setOpen} empty="No properties match." />
      {open ? (
        <div className="score-pane" ref={pane}>
          <Card title={`Score explained: ${open.ownerName ?? ''} — ${open.score?.toFixed(0) ?? '—'} (tier ${open.tier ?? '—'})`} testId="score-explained" actions={<button className="ghost" onClick={() => setOpen(null)}>Close</button>}>
            <DataTable
              title="Contributions"
              csvName={`score-${open.id}`}
              columns={[
                { key: 'signal', label: 'Signal' },
                { key: 'group', label: 'Group' },
                { key: 'points', label: 'Points', align: 'right' },
                { key: 'note', label: 'Note', render: (c) => c.note ?? (c.evidence ? JSON.stringify(c.evidence) : '') , value: (c) => c.note ?? (c.evidence ? JSON.stringify(c.evidence) : '') },
              ]}
              rows={open.contributions}
            />
          </Card>
        </div>
      ) : null}
    </>
  );
}

function topSignals(p: Property): string {
  return [...p.contributions]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 3)
    .map((c) => `${c.signal} +${c.points}`)
    .join(', ');
}

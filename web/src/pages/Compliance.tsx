import { qs } from '../api';
import { type Column, DataTable } from '../components/DataTable';
import { Filters, filterQuery, type FilterState } from '../components/Filters';
import { Kpi, Label, LoadError } from '../components/ui';
import { num, when } from '../format';
import { useApi, usePagedApi } from '../hooks';

interface Summary {
  decisions: { allow: number; defer: number; block: number; review: number };
  topBlockRules: Array<{ rule: string; count: number }>;
  lists: Array<{ list: string; state: string; listDate: string; entries: number | null; ageDays: number }>;
  optOuts: { total: number; inRange: number; recent: Array<{ contactId: string; name: string | null; optedOutAt: string }> };
}
interface Decision {
  id: string;
  contactId: string | null;
  channel: string;
  purpose: string;
  decision: string;
  rules: string[];
  reasons: Array<{ rule?: string; code?: string; message?: string; detail?: string }>;
  notBefore: string | null;
  decidedAt: string;
}

const decisionCols: Column<Decision>[] = [
  { key: 'decidedAt', label: 'When', render: (d) => when(d.decidedAt) },
  { key: 'decision', label: 'Decision', render: (d) => <Label kind="status" value={d.decision} /> },
  { key: 'channel', label: 'Channel' },
  { key: 'purpose', label: 'Purpose' },
  { key: 'rules', label: 'Rules', value: (d) => d.rules.join(' '), render: (d) => d.rules.join(', ') },
  { key: 'reasons', label: 'Reasons', value: (d) => d.reasons.map((r) => r.message ?? r.detail ?? r.code ?? '').join('; '), render: (d) => d.reasons.map((r) => r.message ?? r.detail ?? r.code ?? '').join('; ') },
  { key: 'notBefore', label: 'Not before', render: (d) => (d.notBefore ? when(d.notBefore) : '') },
];

export function Compliance(props: { filters: FilterState; setFilters: (f: FilterState) => void }) {
  const summary = useApi<Summary>(`/v1/analytics/compliance${qs(filterQuery(props.filters, ['from', 'to']))}`);
  const decisions = usePagedApi<Decision>(`/v1/compliance/decisions${qs({ ...filterQuery(props.filters, ['from', 'to']), limit: 100 })}`);
  const s = summary.data;
  const stale = (s?.lists ?? []).some((l) => l.list === 'national_dnc' && l.ageDays > 31);
  return (
    <>
      <h2>Compliance</h2>
      <Filters value={props.filters} onChange={props.setFilters} show={[]} />
      <LoadError error={summary.error} what="Compliance" />
      <div className="kpis">
        <Kpi label="Allowed" value={num(s?.decisions.allow)} testId="kpi-allow" />
        <Kpi label="Deferred" value={num(s?.decisions.defer)} hint="quiet hours, caps: sent later" />
        <Kpi label="Blocked" value={num(s?.decisions.block)} hint={s?.topBlockRules[0] ? `most: ${s.topBlockRules[0].rule}` : undefined} />
        <Kpi label="For approval" value={num(s?.decisions.review)} hint="held for a person's click, not blocked" />
        <Kpi label="Opt-outs" value={num(s?.optOuts.inRange)} hint={s ? `${num(s.optOuts.total)} in all` : undefined} />
      </div>
      {stale ? <p className="error" role="alert">The national DNC list is older than 31 days: import a fresh one (`curb dnc import --list national`).</p> : null}
      <DataTable
        title="DNC list dates"
        csvName="dnc-lists"
        columns={[
          { key: 'list', label: 'List' },
          { key: 'state', label: 'State' },
          { key: 'listDate', label: 'List date' },
          { key: 'ageDays', label: 'Age (days)', align: 'right' },
          { key: 'entries', label: 'Entries', align: 'right', render: (l) => num(l.entries) },
        ]}
        rows={s?.lists ?? []}
        empty="No DNC list imported yet."
      />
      <DataTable title="Rules behind blocks" csvName="block-rules" columns={[{ key: 'rule', label: 'Rule' }, { key: 'count', label: 'Blocks', align: 'right' }]} rows={s?.topBlockRules ?? []} empty="Nothing blocked in this range." />
      <DataTable title="Decision log" csvName="decisions" columns={decisionCols} rows={decisions.rows} more={decisions} empty="No decisions in this range." />
      <DataTable
        title="Opt-outs in this range"
        csvName="opt-outs"
        columns={[
          { key: 'name', label: 'Lead' },
          { key: 'optedOutAt', label: 'When', render: (o) => when(o.optedOutAt) },
        ]}
        rows={s?.optOuts.recent ?? []}
        empty="No opt-outs in this range."
      />
    </>
  );
}

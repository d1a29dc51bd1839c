import { type Column, DataTable } from '../components/DataTable';
import { Card, Label, LoadError } from '../components/ui';
import { useApi } from '../hooks';

interface Location {
  id: string;
  businessName: string;
  postalAddress: string | null;
  timeZone: string;
  phone: string | null;
  email: string | null;
  agentName: string | null;
  dailySmsCap: number;
  maxMessagesPerContactPerDay: number;
}
interface Status {
  ok: boolean;
  version: string;
  database: string;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  missingForRealSending: string[];
}

const checkCols: Column<Status['checks'][number]>[] = [
  { key: 'name', label: 'Check' },
  { key: 'ok', label: 'State', render: (c) => <Label kind="status" value={c.ok ? 'active' : 'block'} />, value: (c) => (c.ok ? 'ok' : 'fail') },
  { key: 'detail', label: 'Detail' },
];

export function Settings(props: { onSignOut: () => void }) {
  const location = useApi<Location>('/v1/location');
  const status = useApi<Status>('/v1/system/status');
  const l = location.data;
  return (
    <>
      <h2>Settings</h2>
      <LoadError error={location.error} what="The location" />
      {l ? (
        <Card title="Location" testId="location">
          <dl className="facts">
            <dt>Business</dt>
            <dd>{l.businessName}</dd>
            <dt>Postal address</dt>
            <dd>{l.postalAddress ?? '—'}</dd>
            <dt>Time zone</dt>
            <dd>{l.timeZone}</dd>
            <dt>Agent</dt>
            <dd>{l.agentName ?? '—'}</dd>
            <dt>Daily SMS cap</dt>
            <dd>{l.dailySmsCap}</dd>
            <dt>Max messages per lead per day</dt>
            <dd>{l.maxMessagesPerContactPerDay}</dd>
            <dt>Location id</dt>
            <dd className="mono">{l.id}</dd>
          </dl>
          <p className="muted small">Change these with PATCH /v1/location.</p>
        </Card>
      ) : null}
      <LoadError error={status.error} what="System status" />
      <DataTable title={`Providers and system (as \`curb doctor\` sees them) — ${status.data ? (status.data.ok ? 'all good' : 'needs attention') : '…'}`} csvName="system-status" columns={checkCols} rows={status.data?.checks ?? []} testId="system-status" />
      {status.data?.missingForRealSending.length ? (
        <Card title="Missing for real sending">
          <ul>
            {status.data.missingForRealSending.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <button type="button" className="ghost" onClick={props.onSignOut}>
        Sign out of this tab
      </button>
    </>
  );
}

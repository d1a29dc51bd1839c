import type { ReactNode } from 'react';
import type { ApiError } from '../api';

export function Kpi(props: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="card kpi" data-testid={props.testId}>
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}</div>
      {props.hint ? <div className="kpi-hint">{props.hint}</div> : null}
    </div>
  );
}

export function Card(props: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <section className="card" data-testid={props.testId}>
      <header className="card-head">
        <h3>{props.title}</h3>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

/** A failed load: a route that is not there yet (404) reads as "coming", anything else as the error. */
export function LoadError(props: { error: ApiError | Error | null; what: string }) {
  if (!props.error) return null;
  const status = (props.error as ApiError).status;
  if (status === 404) return <p className="empty" data-testid="not-available">{props.what} is not available on this server yet.</p>;
  return <p className="error" role="alert">{props.error.message}</p>;
}

export function Loading() {
  return <p className="muted">Loading…</p>;
}

export function Label(props: { kind: 'intent' | 'sentiment' | 'status' | 'tier'; value: string | number | null | undefined; testId?: string }) {
  if (props.value === null || props.value === undefined) return null;
  if (props.kind === 'sentiment') {
    const v = Number(props.value);
    const tone = v > 0.2 ? 'good' : v < -0.2 ? 'bad' : 'neutral';
    return <span className={`tag ${tone}`} title="sentiment (-1 … 1)" data-testid={props.testId}>sentiment {v.toFixed(2)}</span>;
  }
  const tone = ['interested', 'negotiating', 'under_contract', 'deal_closed', 'A', 'active', 'allow'].includes(String(props.value))
    ? 'good'
    : ['opt_out', 'not_interested', 'cold', 'block', 'paused'].includes(String(props.value))
      ? 'bad'
      : 'neutral';
  return <span className={`tag ${tone}`} data-testid={props.testId}>{String(props.value)}</span>;
}

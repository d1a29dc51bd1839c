import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  /** The cell as shown; the CSV uses `value` (or the raw field). */
  render?: (row: T) => ReactNode;
  value?: (row: T) => string | number | boolean | null | undefined;
  align?: 'right';
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV of exactly what the table shows (every column, every row). */
export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const head = columns.map((c) => csvCell(c.label)).join(',');
  const body = rows.map((r) => columns.map((c) => csvCell(c.value ? c.value(r) : (r as Record<string, unknown>)[c.key])).join(','));
  return [head, ...body].join('\r\n') + '\r\n';
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A list with more pages behind a cursor (`usePagedApi`). */
export interface MoreRows<T> {
  hasMore: boolean;
  loading: boolean;
  loadMore: () => void;
  loadAll: () => Promise<T[]>;
}

/**
 * Every table view in the dashboard: sortable by nothing, exportable to CSV, scrolls sideways on a phone. A
 * paged list (`more`) shows "Load more" under its rows, and its CSV holds every row of the list, not only the
 * pages on screen.
 */
export function DataTable<T>(props: { title: string; columns: Column<T>[]; rows: T[]; csvName: string; empty?: string; onRowClick?: (row: T) => void; testId?: string; more?: MoreRows<T> }) {
  const { columns, rows, more } = props;
  const exportCsv = async () => download(`${props.csvName}.csv`, toCsv(columns, more?.hasMore ? await more.loadAll() : rows));
  return (
    <section className="card table-card" data-testid={props.testId ?? `table-${props.csvName}`}>
      <header className="card-head">
        <h3>{props.title}</h3>
        <button type="button" className="ghost" onClick={() => void exportCsv()} disabled={more?.loading} data-testid="csv" title={more?.hasMore ? 'every row of the list, not only those shown' : undefined}>
          CSV
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="empty">{props.empty ?? 'Nothing here yet.'}</p>
      ) : (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} className={c.align === 'right' ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} onClick={props.onRowClick ? () => props.onRowClick!(r) : undefined} className={props.onRowClick ? 'clickable' : undefined}>
                  {columns.map((c) => (
                    <td key={c.key} className={c.align === 'right' ? 'num' : undefined}>
                      {c.render ? c.render(r) : String((r as Record<string, unknown>)[c.key] ?? '—')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more?.hasMore ? (
        <p className="row">
          <button type="button" className="ghost" onClick={more.loadMore} disabled={more.loading} data-testid="load-more">
            {more.loading ? 'Loading…' : 'Load more'}
          </button>
          <span className="muted">{rows.length} shown</span>
        </p>
      ) : null}
    </section>
  );
}

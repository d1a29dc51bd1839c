import { useCallback, useEffect, useState } from 'react';
import { api, type ApiError } from './api';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null = skip) and reloads when it changes. A 404 on a route that is not there yet is an empty state, not a crash. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | Error | null; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: Error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** A cursor-paged list answer: `{ data | items, nextCursor }`. */
interface Page<T> {
  data?: T[];
  items?: T[];
  nextCursor?: string | null;
}

export interface PagedRows<T> {
  rows: T[];
  error: ApiError | Error | null;
  loading: boolean;
  /** More pages wait behind `nextCursor`. */
  hasMore: boolean;
  loadMore: () => void;
  /** Every remaining page, appended; resolves to all rows (the CSV export of the whole list). */
  loadAll: () => Promise<T[]>;
  reload: () => void;
}

const withCursor = (path: string, cursor: string) => `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;

/**
 * GETs the first page of a cursor-paged list (`path` with its `limit`), and the next ones on demand: a table
 * shows a page at a time, and its CSV can still hold every row.
 */
export function usePagedApi<T>(path: string | null): PagedRows<T> {
  const [state, setState] = useState<{ rows: T[]; cursor: string | null; error: ApiError | Error | null; loading: boolean }>({ rows: [], cursor: null, error: null, loading: path !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState({ rows: [], cursor: null, error: null, loading: true });
    api<Page<T>>(path).then(
      (p) => live && setState({ rows: p.data ?? p.items ?? [], cursor: p.nextCursor ?? null, error: null, loading: false }),
      (error: Error) => live && setState({ rows: [], cursor: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const fetchRest = useCallback(
    async (all: boolean): Promise<T[]> => {
      if (!path) return [];
      let rows = state.rows;
      let cursor = state.cursor;
      setState((s) => ({ ...s, loading: true }));
      try {
        do {
          if (!cursor) break;
          const p = await api<Page<T>>(withCursor(path, cursor));
          rows = [...rows, ...(p.data ?? p.items ?? [])];
          cursor = p.nextCursor ?? null;
        } while (all);
        setState({ rows, cursor, error: null, loading: false });
      } catch (error) {
        setState((s) => ({ ...s, error: error as Error, loading: false }));
      }
      return rows;
    },
    [path, state.rows, state.cursor],
  );
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return {
    rows: state.rows,
    error: state.error,
    loading: state.loading,
    hasMore: state.cursor !== null,
    loadMore: () => void fetchRest(false),
    loadAll: () => fetchRest(true),
    reload,
  };
}

/**
 * The dashboard talks to the same /v1 API as any client: the API key is kept in sessionStorage (gone when
 * the tab closes) and sent as `Authorization: Bearer`.
 */
const KEY = 'curb.apiKey';

export const auth = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const key = auth.get();
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.method && init.method !== 'GET' ? { 'content-type': 'application/json' } : {}) },
    // A POST without a body is sent as `{}` so JSON routes accept it.
    body: init.body !== undefined ? JSON.stringify(init.body) : init.method && init.method !== 'GET' ? '{}' : undefined,
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'error', err?.message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

/** Builds a query string from the defined values. */
export function qs(params: Record<string, string | number | undefined | null | boolean>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** The list of a paged or wrapped answer: `{ data }`, `{ items }` or a bare array. */
export function listOf<T>(res: unknown): T[] {
  if (Array.isArray(res)) return res as T[];
  const r = res as { data?: T[]; items?: T[] } | null;
  return r?.data ?? r?.items ?? [];
}

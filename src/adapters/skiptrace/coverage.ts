import type { SkipTraceResult } from './interface.js';

export interface SkipTraceCoverage {
  requested: number;
  matched: number;
  withPhone: number;
  withEmail: number;
  /** Share of requested records that got at least one phone or email (seed target > 0.7). */
  ratio: number;
}

/**
 * How well a skip-trace run covered its requests. `requested` defaults to the number of distinct result
 * request ids; pass it when some requests got no result row at all.
 */
export function coverage(results: ReadonlyArray<SkipTraceResult>, requested?: number): SkipTraceCoverage {
  const byId = new Map<string, SkipTraceResult>();
  for (const r of results) byId.set(r.requestId, r);
  let matched = 0;
  let withPhone = 0;
  let withEmail = 0;
  let contactable = 0;
  for (const r of byId.values()) {
    if (r.matched) matched++;
    const phone = r.persons.some((p) => p.phones.length > 0);
    const email = r.persons.some((p) => p.emails.length > 0);
    if (phone) withPhone++;
    if (email) withEmail++;
    if (phone || email) contactable++;
  }
  const total = requested ?? byId.size;
  return { requested: total, matched, withPhone, withEmail, ratio: total === 0 ? 0 : Math.round((contactable / total) * 1000) / 1000 };
}

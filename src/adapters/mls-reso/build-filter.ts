import type { OffMarketStatus } from './interface.js';

/** OData string literal: single quotes doubled. */
export const odataString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** OData DateTimeOffset literal (unquoted, UTC, no milliseconds). */
export const odataTimestamp = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/**
 * `(StandardStatus eq 'Expired' or …) and ModificationTimestamp ge 2025-01-01T00:00:00Z`.
 * `or` chains rather than `in`: `in` is OData 4.01 and several MLS servers still speak 4.0 only.
 */
export function buildOffMarketFilter(statuses: readonly OffMarketStatus[], modifiedSince: Date): string {
  const statusClause = statuses.map((s) => `StandardStatus eq ${odataString(s)}`).join(' or ');
  return `${statuses.length > 1 ? `(${statusClause})` : statusClause} and ModificationTimestamp ge ${odataTimestamp(modifiedSince)}`;
}

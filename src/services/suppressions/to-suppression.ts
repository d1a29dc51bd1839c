import type { suppressions } from '../../db/schema/index.js';
import type { Suppression, SuppressionList } from './suppression-schemas.js';

export function toSuppression(row: typeof suppressions.$inferSelect): Suppression {
  return {
    id: row.id,
    list: row.list as SuppressionList,
    locationId: row.locationId,
    state: row.state || null,
    value: row.value,
    listDate: row.listDate,
    reason: row.reason,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
  };
}

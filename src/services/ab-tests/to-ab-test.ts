import type { abTests } from '../../db/schema/index.js';
import type { AbTest } from './ab-test-schemas.js';

export function toAbTest(row: typeof abTests.$inferSelect): AbTest {
  return {
    id: row.id,
    campaignId: row.campaignId,
    step: row.step,
    name: row.name,
    variants: row.variants,
    metric: row.metric === 'interest' ? 'interest' : 'reply',
    alpha: Math.round(row.alpha * 1e6) / 1e6,
    status: row.status,
    winner: row.winner,
    promotedAt: row.promotedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

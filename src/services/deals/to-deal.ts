import type { deals } from '../../db/schema/index.js';
import type { Deal } from './deal-schemas.js';

const DAY_MS = 86_400_000;

export function toDeal(row: typeof deals.$inferSelect, names: { contactName: string | null; campaignName: string | null }): Deal {
  return {
    id: row.id,
    contactId: row.contactId,
    contactName: names.contactName,
    propertyId: row.propertyId,
    campaignId: row.campaignId,
    campaignName: names.campaignName,
    touchId: row.touchId,
    price: row.price === null ? null : Number(row.price),
    profit: row.profit === null ? null : Number(row.profit),
    kind: row.kind,
    listSource: row.listSource,
    distressSignal: row.distressSignal,
    firstContactAt: row.firstContactAt?.toISOString() ?? null,
    closedAt: row.closedAt.toISOString(),
    daysToClose: row.firstContactAt ? Math.round(((row.closedAt.getTime() - row.firstContactAt.getTime()) / DAY_MS) * 10) / 10 : null,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
  };
}

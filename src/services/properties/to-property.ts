import type { markets, properties } from '../../db/schema/index.js';
import type { Property } from './property-schemas.js';

const num = (v: string | null): number | null => (v === null ? null : Number(v));

export function toProperty(row: typeof properties.$inferSelect, market: Pick<typeof markets.$inferSelect, 'key'> | null): Property {
  return {
    id: row.id,
    parcelId: row.parcelId,
    parcelIdDisplay: row.parcelIdDisplay,
    market: market?.key ?? null,
    situs: { address: row.situsAddress, city: row.situsCity, state: row.situsState, zip: row.situsZip },
    ownerName: row.ownerName,
    mailing: { address: row.mailingAddress, city: row.mailingCity, state: row.mailingState, zip: row.mailingZip },
    estimatedValue: num(row.estimatedValue),
    justValue: num(row.justValue),
    lastSalePrice: num(row.lastSalePrice),
    lastSaleDate: row.lastSaleDate,
    homestead: row.homestead,
    signals: row.signals,
    score: row.score,
    tier: row.tier as Property['tier'],
    contributions: row.scoreContributions as Property['contributions'],
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

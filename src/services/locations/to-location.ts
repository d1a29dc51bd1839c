import type { locations } from '../../db/schema/index.js';
import type { Location } from './location-schemas.js';

export function toLocation(row: typeof locations.$inferSelect): Location {
  return {
    id: row.id,
    businessName: row.businessName,
    postalAddress: row.postalAddress,
    timeZone: row.timeZone,
    phone: row.phone,
    email: row.email,
    agentName: row.agentName,
    dailySmsCap: row.dailySmsCap,
    maxMessagesPerContactPerDay: row.maxMessagesPerContactPerDay,
    settings: row.settings,
    ghlLocationId: row.ghlLocationId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

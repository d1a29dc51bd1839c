import { asc } from 'drizzle-orm';
import { locations } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import type { Location } from './location-schemas.js';
import { toLocation } from './to-location.js';

export async function listLocations(deps: Pick<ServiceDeps, 'db'>): Promise<Location[]> {
  const rows = await deps.db.select().from(locations).orderBy(asc(locations.createdAt), asc(locations.id));
  return rows.map(toLocation);
}

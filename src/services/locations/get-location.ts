import { eq } from 'drizzle-orm';
import { locations } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { Location } from './location-schemas.js';
import { toLocation } from './to-location.js';

export async function getLocation(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string }): Promise<Location> {
  const row = await deps.db.query.locations.findFirst({ where: eq(locations.id, options.locationId) });
  if (!row) throw notFound('location', options.locationId);
  return toLocation(row);
}

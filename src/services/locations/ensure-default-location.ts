import { count } from 'drizzle-orm';
import { locations } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import { createApiKey } from '../auth/create-api-key.js';
import { createLocation } from './create-location.js';
import type { Location } from './location-schemas.js';

/**
 * On the first start of an empty database, create a default location and its first API key so a new
 * user can call the API at once. Returns the key only when it was just created.
 */
export async function ensureDefaultLocation(deps: Pick<ServiceDeps, 'db' | 'clock'>): Promise<{ location: Location; key: string } | null> {
  const [row] = await deps.db.select({ n: count() }).from(locations);
  if ((row?.n ?? 0) > 0) return null;
  const location = await createLocation(deps, { input: { businessName: 'My Business' }, isDefault: true });
  const { key } = await createApiKey(deps, { locationId: location.id, name: 'first key' });
  return { location, key };
}

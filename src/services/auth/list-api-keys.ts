import { asc, eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.js';
import type { ServiceDeps } from '../app-services.js';
import type { ApiKey } from './api-key-schemas.js';
import { toApiKey } from './to-api-key.js';

export async function listApiKeys(deps: Pick<ServiceDeps, 'db'>, options: { locationId?: string }): Promise<ApiKey[]> {
  const rows = await deps.db
    .select()
    .from(apiKeys)
    .where(options.locationId ? eq(apiKeys.locationId, options.locationId) : undefined)
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map(toApiKey);
}

import { and, eq, isNull, or } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { ApiKey } from './api-key-schemas.js';
import { toApiKey } from './to-api-key.js';

/** Revokes a key by id or by its public prefix. Revoking twice keeps the first revocation time. */
export async function revokeApiKey(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: { idOrPrefix: string; locationId?: string }): Promise<ApiKey> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(options.idOrPrefix);
  const match = isUuid ? eq(apiKeys.id, options.idOrPrefix) : or(eq(apiKeys.prefix, options.idOrPrefix));
  const where = options.locationId ? and(match, eq(apiKeys.locationId, options.locationId)) : match;
  const existing = await deps.db.select().from(apiKeys).where(where);
  if (existing.length !== 1) throw notFound('api key', options.idOrPrefix);
  const [row] = await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(apiKeys.id, existing[0]!.id), isNull(apiKeys.revokedAt)))
    .returning();
  return toApiKey(row ?? existing[0]!);
}

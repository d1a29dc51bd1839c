import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.js';
import { sha256Hex } from '../../lib/crypto.js';
import type { ServiceDeps } from '../app-services.js';
import { API_KEY_PATTERN } from './api-key-schemas.js';

export interface AuthenticatedKey {
  keyId: string;
  locationId: string;
}

/**
 * Looks a presented key up by its hash. Returns null for anything that is not a live key; the caller
 * answers 401 without saying which part was wrong.
 */
export async function authenticateApiKey(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: { presented: string }): Promise<AuthenticatedKey | null> {
  if (!API_KEY_PATTERN.test(options.presented)) return null;
  const [row] = await deps.db
    .select({ id: apiKeys.id, locationId: apiKeys.locationId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, sha256Hex(options.presented)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = deps.clock.now();
  // Touch last_used_at at most once a minute so authentication stays a read on the hot path.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await deps.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return { keyId: row.id, locationId: row.locationId };
}

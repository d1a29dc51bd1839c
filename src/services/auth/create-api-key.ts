import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiKeys, locations } from '../../db/schema/index.js';
import { sha256Hex } from '../../lib/crypto.js';
import { notFound } from '../../lib/errors.js';
import { newId, randomToken } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { ApiKey } from './api-key-schemas.js';
import { toApiKey } from './to-api-key.js';

export interface CreateApiKeyOptions {
  locationId: string;
  name: string;
}

const ALPHANUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function prefix(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => ALPHANUM[b % ALPHANUM.length]).join('');
}

/** Creates a key; the plaintext is returned here and never again (only its SHA-256 is stored). */
export async function createApiKey(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: CreateApiKeyOptions): Promise<{ key: string; apiKey: ApiKey }> {
  const location = await deps.db.query.locations.findFirst({ where: eq(locations.id, options.locationId), columns: { id: true } });
  if (!location) throw notFound('location', options.locationId);
  const p = prefix();
  const key = `curb_${p}_${randomToken(32)}`;
  const [row] = await deps.db
    .insert(apiKeys)
    .values({ id: newId(), locationId: options.locationId, name: options.name, prefix: p, hash: sha256Hex(key), createdAt: deps.clock.now() })
    .returning();
  return { key, apiKey: toApiKey(row!) };
}

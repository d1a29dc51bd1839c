import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../../src/config/env.js';
import { buildApp } from '../../src/http/app.js';
import { type Clock, fixedClock } from '../../src/lib/clock.js';
import { generateKeyMaterial, parseKeyRing } from '../../src/lib/crypto.js';
import type { AppServices } from '../../src/services/app-services.js';
import { createApiKey } from '../../src/services/auth/create-api-key.js';
import { createLocation } from '../../src/services/locations/create-location.js';
import type { Location } from '../../src/services/locations/location-schemas.js';
import { createTestDatabase, type TestDatabase, type TestDbKind } from './test-database.js';

export const REFERENCE_INSTANT = '2025-06-10T15:00:00.000Z';

export interface TestContext {
  services: AppServices;
  testDb: TestDatabase;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Services on a fresh database with a pinned clock, a throwaway key ring and a silent logger. */
export async function createTestContext(kind: TestDbKind, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestContext> {
  const testDb = await createTestDatabase(kind);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'memory://', LOG_LEVEL: 'silent', ...options.env });
  const services: AppServices = {
    config,
    database: testDb.database,
    db: testDb.database.db,
    clock: options.clock ?? fixedClock(REFERENCE_INSTANT),
    keyRing: parseKeyRing(generateKeyMaterial()),
    logger: pino({ level: 'silent' }),
    queue: undefined,
  };
  const app = await buildApp(services);
  return {
    services,
    testDb,
    app,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}

export async function createTenant(services: AppServices, name = 'Acme Home Buyers'): Promise<{ location: Location; key: string; auth: { authorization: string } }> {
  const location = await createLocation(services, { input: { businessName: name, postalAddress: '100 Main St, Orlando, FL 32801' } });
  const { key } = await createApiKey(services, { locationId: location.id, name: 'test' });
  return { location, key, auth: { authorization: `Bearer ${key}` } };
}

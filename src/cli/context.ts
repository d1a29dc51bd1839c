import { loadConfig } from '../config/env.js';
import { createServices } from '../runtime/create-services.js';
import type { AppServices } from '../services/app-services.js';

/** Opens config + database (migrated) for a one-shot command, runs it, and always closes the database. */
export async function withServices<T>(fn: (services: AppServices) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const services = await createServices({ config });
  try {
    return await fn(services);
  } finally {
    await services.database.close();
    services.logger.flush();
  }
}

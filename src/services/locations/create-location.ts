import { locations } from '../../db/schema/index.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { Location, LocationInput } from './location-schemas.js';
import { toLocation } from './to-location.js';

export interface CreateLocationOptions {
  input: LocationInput;
  isDefault?: boolean;
}

export async function createLocation(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: CreateLocationOptions): Promise<Location> {
  const now = deps.clock.now();
  const { input } = options;
  const [row] = await deps.db
    .insert(locations)
    .values({
      id: newId(),
      businessName: input.businessName,
      postalAddress: input.postalAddress ?? null,
      timeZone: input.timeZone ?? 'America/New_York',
      phone: input.phone ?? null,
      email: input.email ?? null,
      agentName: input.agentName ?? null,
      dailySmsCap: input.dailySmsCap ?? 500,
      maxMessagesPerContactPerDay: input.maxMessagesPerContactPerDay ?? 1,
      settings: input.settings ?? {},
      ghlLocationId: input.ghlLocationId ?? null,
      isDefault: options.isDefault ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return toLocation(row!);
}

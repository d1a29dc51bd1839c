import { eq } from 'drizzle-orm';
import { locations, settingChanges } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { Location, LocationPatch } from './location-schemas.js';
import { toLocation } from './to-location.js';

/** Settings whose change loosens a compliance default: every change is kept with who made it and why. */
const LOGGED_SETTINGS = ['offerToBuyExemption', 'automatedColdOutreachApproved'] as const;

export interface UpdateLocationOptions {
  locationId: string;
  patch: LocationPatch;
  changedBy?: string;
}

export async function updateLocation(deps: Pick<ServiceDeps, 'db' | 'clock'>, options: UpdateLocationOptions): Promise<Location> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const current = await tx.query.locations.findFirst({ where: eq(locations.id, options.locationId) });
    if (!current) throw notFound('location', options.locationId);
    const { settings: settingsPatch, ...rest } = options.patch;
    const settings = settingsPatch === undefined ? current.settings : { ...current.settings, ...settingsPatch };
    for (const key of LOGGED_SETTINGS) {
      if (settingsPatch && key in settingsPatch && settingsPatch[key] !== current.settings[key]) {
        await tx.insert(settingChanges).values({
          id: newId(),
          locationId: current.id,
          setting: key,
          oldValue: (current.settings[key] ?? null) as never,
          newValue: (settingsPatch[key] ?? null) as never,
          changedBy: options.changedBy ?? null,
          note: typeof settingsPatch[`${key}Note`] === 'string' ? (settingsPatch[`${key}Note`] as string) : null,
          createdAt: now,
        });
      }
    }
    const [row] = await tx
      .update(locations)
      .set({ ...rest, settings, updatedAt: now })
      .where(eq(locations.id, current.id))
      .returning();
    return toLocation(row!);
  });
}

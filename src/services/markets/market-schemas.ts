import { z } from 'zod';

export const MarketSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  county: z.string().nullable(),
  state: z.string(),
  timeZone: z.string(),
  tierThresholds: z.record(z.string(), z.number()),
  scoringProfile: z.string().nullable(),
  cities: z.array(z.string()),
  sources: z.array(z.object({ name: z.string(), kind: z.string(), status: z.string(), enabled: z.boolean() })),
  active: z.boolean(),
  lastSyncedAt: z.string().nullable(),
  /** false when the market is in the database but its YAML file is gone. */
  inRegistry: z.boolean(),
});
export type Market = z.infer<typeof MarketSchema>;

export const MarketListSchema = z.object({ data: z.array(MarketSchema) });

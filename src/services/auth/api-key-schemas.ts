import { z } from 'zod';

export const ApiKeySchema = z.object({
  id: z.string().uuid(),
  locationId: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** Keys look like `curb_<prefix>_<secret>`; the prefix is shown in listings, the whole key only once. */
export const API_KEY_PATTERN = /^curb_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

import { z } from 'zod';

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York');

export const LocationSettingsSchema = z.record(z.string(), z.unknown());

export const LocationInputSchema = z.object({
  businessName: z.string().trim().min(1).max(200),
  postalAddress: z.string().trim().min(5).max(500).nullable().optional(),
  timeZone: timeZone.optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.string().trim().email().nullable().optional(),
  agentName: z.string().trim().max(200).nullable().optional(),
  dailySmsCap: z.number().int().min(0).max(100_000).optional(),
  maxMessagesPerContactPerDay: z.number().int().min(0).max(3).optional(),
  settings: LocationSettingsSchema.optional(),
  ghlLocationId: z.string().trim().min(1).nullable().optional(),
});
export type LocationInput = z.infer<typeof LocationInputSchema>;

export const LocationPatchSchema = LocationInputSchema.partial().strict();
export type LocationPatch = z.infer<typeof LocationPatchSchema>;

export const LocationSchema = z.object({
  id: z.string().uuid(),
  businessName: z.string(),
  postalAddress: z.string().nullable(),
  timeZone: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  agentName: z.string().nullable(),
  dailySmsCap: z.number().int(),
  maxMessagesPerContactPerDay: z.number().int(),
  settings: LocationSettingsSchema,
  ghlLocationId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Location = z.infer<typeof LocationSchema>;

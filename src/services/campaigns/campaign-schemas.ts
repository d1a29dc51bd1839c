import { z } from 'zod';

export const CampaignStepInputSchema = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    channel: z.enum(['sms', 'email', 'voicemail']),
    delayMinutes: z.number().int().min(0).max(60 * 24 * 90),
    templateKey: z.string().trim().min(1).max(120).optional(),
    variantWeights: z.record(z.string().min(1).max(16), z.number().min(0)).optional(),
  })
  .strict();

export const CampaignInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: z.enum(['drip', 'sdr', 'nurture', 'manual']).default('drip'),
    targetTiers: z.array(z.enum(['A', 'B+', 'B', 'C', 'D'])).max(5).default([]),
    targetMarkets: z.array(z.string().trim().min(1).max(64)).max(100).default([]),
    scheduleConfig: z.record(z.string(), z.unknown()).default({}),
    caps: z
      .object({
        maxTouchesPerContactPerDay: z.number().int().min(0).max(3).optional(),
        dailySmsCap: z.number().int().min(0).max(100_000).optional(),
      })
      .strict()
      .default({}),
    steps: z.array(CampaignStepInputSchema).max(20).default([]),
    active: z.boolean().default(false),
  })
  .strict();
export type CampaignInput = z.input<typeof CampaignInputSchema>;

export const CampaignStepSchema = z.object({
  id: z.string().uuid(),
  position: z.number().int(),
  name: z.string(),
  channel: z.enum(['sms', 'email', 'voicemail']),
  delayMinutes: z.number().int(),
  templateKey: z.string().nullable(),
  variantWeights: z.record(z.string(), z.number()),
});

export const CampaignSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  type: z.string(),
  targetTiers: z.array(z.string()),
  targetMarkets: z.array(z.string()),
  scheduleConfig: z.record(z.string(), z.unknown()),
  caps: z.record(z.string(), z.unknown()),
  status: z.string(),
  active: z.boolean(),
  steps: z.array(CampaignStepSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

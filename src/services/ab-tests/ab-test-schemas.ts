import { z } from 'zod';

export const AbTestInputSchema = z
  .object({
    campaignId: z.string().uuid(),
    step: z.number().int().min(1).max(20).describe('step position (1-based)'),
    name: z.string().trim().min(1).max(200).optional(),
    variants: z.array(z.string().trim().min(1).max(16)).min(2).max(6).optional().describe("default: the step's variant_weights keys"),
    metric: z.enum(['reply', 'interest']).default('reply'),
    alpha: z.number().gt(0).lt(0.5).default(0.05),
  })
  .strict();
export type AbTestInput = z.input<typeof AbTestInputSchema>;

export const VariantResultSchema = z.object({
  variant: z.string(),
  weight: z.number().nullable().describe("the variant's current share in the step"),
  leads: z.number().int(),
  sent: z.number().int(),
  replied: z.number().int(),
  interested: z.number().int(),
  optedOut: z.number().int(),
  replyRate: z.number(),
  interestRate: z.number().describe('interested / leads'),
  optOutRate: z.number(),
  costUsd: z.number(),
  costPerReply: z.number().nullable(),
  vsLeader: z.object({ test: z.enum(['fisher_exact', 'z_test']), pValue: z.number(), z: z.number().nullable() }).nullable().describe('the leader compared with this variant'),
});

export const AbTestSchema = z.object({
  id: z.string().uuid(),
  campaignId: z.string().uuid(),
  step: z.number().int(),
  name: z.string(),
  variants: z.array(z.string()),
  metric: z.enum(['reply', 'interest']),
  alpha: z.number(),
  status: z.string(),
  winner: z.string().nullable(),
  promotedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AbTest = z.infer<typeof AbTestSchema>;

export const AbTestResultsSchema = AbTestSchema.extend({
  results: z.array(VariantResultSchema),
  leader: z.string().nullable(),
  suggestedWinner: z.string().nullable(),
  significant: z.boolean(),
  reason: z.string().describe('why there is, or is not yet, a suggested winner'),
});
export type AbTestResults = z.infer<typeof AbTestResultsSchema>;

export const PromoteInputSchema = z.object({ variant: z.string().trim().min(1).max(16).optional().describe('default: the suggested winner') }).strict();

import { z } from 'zod';
import { TierThresholdsSchema } from './tiers.js';

/**
 * A scoring profile is data (config/scoring/*.yaml): every weight, cap, decay and threshold lives
 * there, so tuning the model after calibration is an edit to a file, not to code.
 */
export const SignalWeightSchema = z
  .object({
    group: z.string().min(1),
    points: z.number(),
    /** Event signals lose half their points every `half_life_days` after their date. */
    half_life_days: z.number().positive().optional(),
    /** Worth nothing once `max_age_months` have passed since the event date. */
    max_age_months: z.number().positive().optional(),
    /** Worth full points until the event date (a scheduled sale), nothing after it. */
    zero_after_date: z.boolean().optional(),
    /** Each further occurrence (open code case) adds this many points, within the group cap. */
    per_additional: z.number().nonnegative().optional(),
    /** In a `max_plus` group, added on top of the group's max instead of competing for it. */
    additive: z.boolean().optional(),
  })
  .strict();
export type SignalWeight = z.infer<typeof SignalWeightSchema>;

export const GroupRuleSchema = z
  .object({
    /** max: best signal only (no double counting); sum: add them; max_plus: best non-additive + additive ones. */
    combine: z.enum(['max', 'sum', 'max_plus']),
    cap: z.number().positive().optional(),
  })
  .strict();
export type GroupRule = z.infer<typeof GroupRuleSchema>;

export const ScoringProfileSchema = z
  .object({
    profile: z.string().min(1),
    clamp: z.tuple([z.number(), z.number()]).default([0, 100]),
    tiers: TierThresholdsSchema,
    stacking_bonus: z.object({ per_extra_group: z.number().nonnegative(), max: z.number().nonnegative() }).strict(),
    groups: z.record(z.string(), GroupRuleSchema),
    signals: z.record(z.string(), SignalWeightSchema),
    penalties: z.record(z.string(), z.number()).default({}),
    exclusions: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const [name, s] of Object.entries(p.signals)) {
      if (!p.groups[s.group]) ctx.addIssue({ code: 'custom', path: ['signals', name, 'group'], message: `unknown group "${s.group}"` });
    }
    if (p.clamp[0] > p.clamp[1]) ctx.addIssue({ code: 'custom', path: ['clamp'], message: 'clamp minimum is above maximum' });
  });
export type ScoringProfile = z.infer<typeof ScoringProfileSchema>;

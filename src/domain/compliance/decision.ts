import { z } from 'zod';

/** Why a rule did not simply allow: its id from COMPLIANCE.md (or a Curb default), a stable code and a sentence. */
export const ReasonSchema = z.object({
  rule: z.string(),
  code: z.string(),
  detail: z.string(),
  /** what this reason did to the decision; `info` reasons explain without restricting */
  effect: z.enum(['block', 'defer', 'info']),
});

export const DecisionSchema = z.object({
  decision: z.enum(['allow', 'defer', 'block']),
  /** for a defer: the earliest instant at which every rule allows (ISO, UTC); otherwise null */
  notBefore: z.iso.datetime().nullable(),
  reasons: z.array(ReasonSchema),
  /** the candidate time zones the windows were evaluated in (evidence, R-GEN-EVIDENCE) */
  zones: z.array(z.string()),
  /** the jurisdictions whose rules applied */
  states: z.array(z.string()),
});

export type Reason = z.infer<typeof ReasonSchema>;
export type Decision = z.infer<typeof DecisionSchema>;

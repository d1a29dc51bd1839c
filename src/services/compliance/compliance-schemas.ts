import { z } from 'zod';
import { ChannelSchema, InitiationSchema, PurposeSchema } from '../../domain/compliance/situation.js';
import { DecisionSchema, ReasonSchema } from '../../domain/compliance/decision.js';

/** What the decision log keeps about the inputs: enough to explain a decision without the message body. */
export const DecisionInputsSchema = z.object({
  zones: z.array(z.string()),
  states: z.array(z.string()),
  recipientStates: z.array(z.string()),
  lists: z.array(z.string()),
  optedOutAt: z.string().nullable(),
  consentKind: z.string().nullable(),
  consentAt: z.string().nullable(),
  ebrKind: z.string().nullable(),
  ebrAt: z.string().nullable(),
  lastNationalDncScrubAt: z.string().nullable(),
  historyCount: z.number().int(),
  initiation: z.string(),
  offerToBuyExemption: z.boolean(),
  automatedColdOutreachApproved: z.boolean(),
  maxMessagesPerContactPerDay: z.number().int(),
  rules: z.array(z.string()),
});
export type DecisionInputs = z.infer<typeof DecisionInputsSchema>;

export const ComplianceDecisionSchema = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid().nullable(),
  touchId: z.string().uuid().nullable(),
  enrollmentId: z.string().uuid().nullable(),
  channel: z.string(),
  purpose: z.string(),
  to: z.string(),
  /** `review`: an automated send the engine refused that a person may make, held in the approval queue. */
  decision: z.enum(['allow', 'defer', 'block', 'review']),
  notBefore: z.string().nullable(),
  rules: z.array(z.string()),
  reasons: z.array(ReasonSchema),
  inputs: z.record(z.string(), z.unknown()),
  decidedAt: z.string(),
});
export type ComplianceDecision = z.infer<typeof ComplianceDecisionSchema>;

export const DecisionPageSchema = z.object({ data: z.array(ComplianceDecisionSchema), nextCursor: z.string().nullable() });
export type DecisionPage = z.infer<typeof DecisionPageSchema>;

export const DecisionListQuerySchema = z.object({
  contact: z.string().uuid().optional(),
  touch: z.string().uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('decided at or after (a date: from its start, UTC)'),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe('decided before (a date: to its end, UTC)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type DecisionListQuery = z.infer<typeof DecisionListQuerySchema>;

export const DecideForContactInputSchema = z
  .object({
    contactId: z.string().uuid(),
    channel: ChannelSchema,
    purpose: PurposeSchema.default('marketing'),
    initiation: InitiationSchema.default('automated'),
    to: z.string().trim().min(3).max(320).optional(),
    body: z.string().max(10_000).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    hasUnsubscribeLink: z.boolean().optional(),
    touchId: z.string().uuid().optional(),
    enrollmentId: z.string().uuid().optional(),
  })
  .strict();

export const RecordedDecisionSchema = z.object({ decisionId: z.string().uuid(), decision: DecisionSchema });

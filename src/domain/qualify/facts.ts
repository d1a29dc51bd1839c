/**
 * Qualification facts (seed 003's FRS inputs) pulled from a conversation, each with the words that
 * prove it, so a person reviewing a handoff can see why Curb believes it.
 */
import { z } from 'zod';

export const ConversationMessageSchema = z.object({
  direction: z.enum(['inbound', 'outbound']),
  body: z.string(),
  /** When it was sent or received (ISO string or Date). Used for responsiveness in PCS. */
  at: z.union([z.string(), z.date()]),
});
export type ConversationMessage = z.infer<typeof ConversationMessageSchema>;

export const MOTIVATIONS = [
  'divorce', 'inherited', 'relocating', 'repairs', 'tired_landlord', 'behind_on_payments', 'foreclosure', 'taxes', 'downsizing',
  'health', 'financial_hardship', 'vacant_property', 'retiring',
] as const;
export const MotivationSchema = z.enum(MOTIVATIONS);
export type Motivation = z.infer<typeof MotivationSchema>;

export const TIMELINES = ['asap', '30_days', '3_months', '6_months_plus'] as const;
export const TimelineSchema = z.enum(TIMELINES);
export type Timeline = z.infer<typeof TimelineSchema>;

export const CONDITIONS = ['needs_major_work', 'needs_work', 'good'] as const;
export const ConditionSchema = z.enum(CONDITIONS);
export type Condition = z.infer<typeof ConditionSchema>;

export const DECISION_MAKERS = ['sole', 'joint', 'needs_others'] as const;
export const DecisionMakerSchema = z.enum(DECISION_MAKERS);
export type DecisionMaker = z.infer<typeof DecisionMakerSchema>;

export const OCCUPANCIES = ['owner_occupied', 'tenant', 'vacant'] as const;
export const OccupancySchema = z.enum(OCCUPANCIES);
export type Occupancy = z.infer<typeof OccupancySchema>;

const factSchema = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    /** The sentence of the message that states the fact, as written. */
    evidence: z.string(),
    /** Index of that message in the conversation array. */
    messageIndex: z.number().int().nonnegative(),
    confidence: z.number().min(0).max(1),
  });

export const FactsSchema = z.object({
  motivation: factSchema(MotivationSchema).nullable(),
  timeline: factSchema(TimelineSchema).nullable(),
  condition: factSchema(ConditionSchema).nullable(),
  /** Dollars. */
  askingPrice: factSchema(z.number().positive()).nullable(),
  decisionMaker: factSchema(DecisionMakerSchema).nullable(),
  occupancy: factSchema(OccupancySchema).nullable(),
});
export type Facts = z.infer<typeof FactsSchema>;
export type Fact<T> = { value: T; evidence: string; messageIndex: number; confidence: number };

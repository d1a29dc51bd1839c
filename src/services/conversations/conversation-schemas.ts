/** The conversation API contract (the dashboard's inbox is built against exactly these shapes). */
import { z } from 'zod';
import { leadStatusValues } from '../../db/schema/index.js';
import { ContactSchema } from '../contacts/contact-schemas.js';

export const ConversationListQuerySchema = z.object({
  takeover: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

export const ConversationSummarySchema = z.object({
  contactId: z.string().uuid(),
  contactName: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  lastMessagePreview: z.string().nullable(),
  lastIntent: z.string().nullable(),
  lastSentiment: z.number().nullable(),
  humanTakeover: z.boolean(),
  leadStatus: z.enum(leadStatusValues),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationListSchema = z.object({ items: z.array(ConversationSummarySchema), nextCursor: z.string().nullable() });

export const ConversationMessageSchema = z.object({
  id: z.string().uuid(),
  direction: z.enum(['inbound', 'outbound']),
  channel: z.string(),
  body: z.string().nullable(),
  sentimentScore: z.number().nullable(),
  intent: z.string().nullable(),
  intentConfidence: z.number().nullable(),
  objection: z.string().nullable(),
  author: z.string().nullable(),
  status: z.string().nullable(),
  occurredAt: z.string(),
});
export type ConversationMessageView = z.infer<typeof ConversationMessageSchema>;

export const ConversationStateSchema = z.object({
  humanTakeover: z.boolean(),
  takeoverAt: z.string().nullable(),
  currentState: z.string(),
});

export const QualificationViewSchema = z.object({
  frsScore: z.number().nullable(),
  pcsScore: z.number().nullable(),
  confidence: z.number().nullable(),
  leadType: z.string().nullable(),
  gatePassed: z.boolean(),
  handoffTarget: z.string().nullable(),
  disqualifyReason: z.string().nullable(),
  facts: z.record(z.string(), z.unknown()),
  evaluatedAt: z.string(),
});

export const ConversationSchema = z.object({
  contact: ContactSchema,
  state: ConversationStateSchema,
  messages: z.array(ConversationMessageSchema),
  /** Seed 003's gate on this conversation (null before the first reply). Additive to the inbox contract. */
  qualification: QualificationViewSchema.nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationReplyInputSchema = z.object({
  channel: z.enum(['sms', 'email']).optional(),
  body: z.string().trim().min(1).max(1600),
  subject: z.string().trim().min(1).max(200).optional(),
});
export type ConversationReplyInput = z.infer<typeof ConversationReplyInputSchema>;

export const ReplyDecisionViewSchema = z.object({
  id: z.string(),
  decision: z.enum(['allow', 'defer', 'block']),
  notBefore: z.string().nullable(),
  reasons: z.array(z.object({ rule: z.string(), code: z.string(), detail: z.string(), effect: z.string() })),
});

export const ConversationReplySchema = z.object({
  /** The logged message once sent; null while it waits (deferred to the first allowed instant). */
  communication: ConversationMessageSchema.nullable(),
  decision: ReplyDecisionViewSchema,
  touchId: z.string(),
  status: z.enum(['sent', 'queued', 'sending', 'failed', 'blocked']),
});

export const TakeoverSchema = z.object({
  humanTakeover: z.boolean(),
  takeoverAt: z.string().nullable(),
  takeoverBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  currentState: z.string(),
});

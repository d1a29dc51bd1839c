import { z } from 'zod';

export const CommunicationSchema = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid(),
  campaignId: z.string().uuid().nullable(),
  touchId: z.string().uuid().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  channel: z.enum(['sms', 'email', 'voicemail', 'voice']),
  fromAddress: z.string().nullable(),
  toAddress: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  sentimentScore: z.number().nullable(),
  intent: z.string().nullable(),
  intentConfidence: z.number().nullable(),
  objection: z.string().nullable(),
  author: z.string().nullable(),
  status: z.string().nullable(),
  occurredAt: z.string(),
});
export type Communication = z.infer<typeof CommunicationSchema>;

export const CommunicationListQuerySchema = z
  .object({
    contact: z.string().uuid(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.string().datetime({ offset: true }).optional(),
  })
  .strict();
export type CommunicationListQuery = z.infer<typeof CommunicationListQuerySchema>;

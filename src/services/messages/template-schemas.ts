import { z } from 'zod';
import { ChannelSchema, ResponseToSchema, TemplateKindSchema } from '../../domain/messages/template.js';

/**
 * A template as the API sees it. `source` says whether it is a shipped default or the location's own;
 * a location's template with a default's key overrides that default (`overridesDefault`).
 */
export const StoredTemplateSchema = z.object({
  key: z.string(),
  name: z.string(),
  channel: ChannelSchema,
  kind: TemplateKindSchema,
  touch: z.number().int().nullable(),
  responseTo: z.string().nullable(),
  market: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  variables: z.array(z.string()),
  variants: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  source: z.enum(['default', 'location']),
  overridesDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type StoredTemplate = z.infer<typeof StoredTemplateSchema>;

// Field rules across fields (an email needs a subject…) are TemplateSchema's; these shapes document the body.
const templateFields = {
  name: z.string().trim().min(1).max(200).optional(),
  channel: ChannelSchema,
  kind: TemplateKindSchema,
  touch: z.number().int().min(1).max(5).nullable().optional(),
  responseTo: ResponseToSchema.nullable().optional(),
  market: z.string().trim().min(1).max(64).nullable().optional(),
  subject: z.string().min(1).max(120).nullable().optional(),
  body: z.string().min(1).max(5000),
  active: z.boolean().optional(),
};

export const TemplateInputSchema = z.object({ key: z.string().min(1).max(100), ...templateFields }).strict();
export type TemplateInput = z.infer<typeof TemplateInputSchema>;

export const TemplatePatchSchema = z
  .object({ ...templateFields, channel: ChannelSchema.optional(), kind: TemplateKindSchema.optional(), body: templateFields.body.optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type TemplatePatch = z.infer<typeof TemplatePatchSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const TemplateListQuerySchema = z
  .object({
    channel: ChannelSchema.optional(),
    kind: TemplateKindSchema.optional(),
    touch: z.coerce.number().int().min(1).max(5).optional(),
    /** Templates usable in this market: generic ones and the market's own. */
    market: z.string().trim().min(1).max(64).optional(),
    active: booleanQuery.optional(),
    source: z.enum(['default', 'location']).optional(),
  })
  .strict();
export type TemplateListQuery = z.infer<typeof TemplateListQuerySchema>;

export const MessageCheckSchema = z.object({
  subject: z.string().optional(),
  body: z.string(),
  variant: z.string().nullable(),
  segments: z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number().int(), characters: z.number().int() }),
  cost: z.object({ usd: z.number() }),
  guard: z.object({
    verdict: z.enum(['pass', 'rewrite', 'reject']),
    reasons: z.array(z.object({ code: z.string(), detail: z.string(), severity: z.enum(['rewrite', 'reject']) })),
  }),
});
export type MessageCheck = z.infer<typeof MessageCheckSchema>;

export const TemplatePreviewInputSchema = z
  .object({
    contactId: z.string().min(1).max(64),
    variant: z.string().min(1).max(40).optional(),
    /** Sequence step the message would be sent at (decides the first-SMS footer); the template's by default. */
    touch: z.number().int().min(1).max(10).optional(),
    /** Email: the one-click unsubscribe link to show in the footer. */
    unsubscribeUrl: z.url().optional(),
  })
  .strict();
export type TemplatePreviewInput = z.infer<typeof TemplatePreviewInputSchema>;

export const MessagePreviewInputSchema = z
  .object({
    channel: ChannelSchema,
    body: z.string().max(10_000),
    subject: z.string().max(500).optional(),
    /** The contact it is for: their record's values become facts the text may state. */
    contactId: z.string().min(1).max(64).optional(),
    /** `response` (a typed reply, the default), or a sequence kind with its touch. */
    kind: TemplateKindSchema.default('response'),
    touch: z.number().int().min(1).max(10).optional(),
  })
  .strict();
export type MessagePreviewInput = z.infer<typeof MessagePreviewInputSchema>;

/**
 * Message templates as data. A template is what Curb sends when no model is configured, the draft a
 * model personalises when one is, and the fallback when the model's text fails the guard.
 */
import { z } from 'zod';

export const ChannelSchema = z.enum(['sms', 'email', 'voicemail']);
export type Channel = z.infer<typeof ChannelSchema>;

export const TemplateKindSchema = z.enum(['initial', 'follow_up', 'response', 'voicemail']);
export type TemplateKind = z.infer<typeof TemplateKindSchema>;

/**
 * The objection types the reply reader reports. `already_agent` is the seed's name for `already_listed`
 * and is accepted as an alias.
 */
export const ObjectionTypeSchema = z.enum(['not_interested', 'already_listed', 'timing', 'price', 'info_request']);
export type ObjectionType = z.infer<typeof ObjectionTypeSchema>;

export const ResponseToSchema = z
  .enum(['interested', 'question', 'not_interested', 'already_listed', 'already_agent', 'timing', 'price', 'info_request'])
  .transform((v) => (v === 'already_agent' ? 'already_listed' : v));
export type ResponseTo = z.output<typeof ResponseToSchema>;

/** Variables a template may use. Values come from the prospect, the market and the location settings. */
export const TEMPLATE_VARIABLES = [
  'owner_name',
  'first_name',
  'situs_address',
  'city',
  'county',
  'state',
  'distress_reason',
  'market_context',
  'agent_name',
  'company',
  'offer_link',
  'agent_phone',
  'postal_address',
  'unsubscribe_url',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export type TemplateVars = Partial<Record<TemplateVariable, string | number | null | undefined>>;

export const TemplateSchema = z
  .object({
    key: z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, dot, dash, underscore'),
    channel: ChannelSchema,
    kind: TemplateKindSchema,
    touch: z.number().int().min(1).max(5).optional(),
    responseTo: ResponseToSchema.optional(),
    /** Market code (e.g. `orange`); a market-specific template wins over a generic one. */
    market: z.string().min(1).optional(),
    subject: z.string().min(1).max(120).optional(),
    body: z.string().min(1).max(5000),
  })
  .superRefine((t, ctx) => {
    if (t.channel === 'email' && !t.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an email template needs a subject' });
    if (t.channel !== 'email' && t.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'only email templates have a subject' });
    if (t.kind === 'response' && !t.responseTo) ctx.addIssue({ code: 'custom', path: ['responseTo'], message: 'a response template says what it responds to' });
    if (t.kind !== 'response' && t.responseTo) ctx.addIssue({ code: 'custom', path: ['responseTo'], message: 'only response templates respond to something' });
  });
export type Template = z.output<typeof TemplateSchema>;

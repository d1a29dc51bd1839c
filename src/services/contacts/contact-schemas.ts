import { z } from 'zod';
import { leadStatusValues } from '../../db/schema/index.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const ContactInputSchema = z
  .object({
    ownerName: trimmed(300).optional(),
    firstName: trimmed(100).optional(),
    lastName: trimmed(100).optional(),
    phone: trimmed(40).optional().describe('any US format; stored as E.164'),
    email: z.string().trim().email().max(320).optional(),
    parcelId: trimmed(64).optional(),
    source: trimmed(64).optional(),
    mailingAddress: trimmed(300).optional(),
    mailingCity: trimmed(100).optional(),
    mailingState: z.string().trim().length(2).optional(),
    mailingZip: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'must be a 5-digit ZIP or ZIP+4').optional(),
    timeZone: trimmed(64).optional(),
    tags: z.array(trimmed(64)).max(50).optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((c) => c.ownerName || c.firstName || c.lastName || c.phone || c.email, {
    message: 'a contact needs at least a name, a phone or an email',
    path: ['ownerName'],
  });
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ContactPatchSchema = z
  .object({
    ownerName: trimmed(300).nullable().optional(),
    firstName: trimmed(100).nullable().optional(),
    lastName: trimmed(100).nullable().optional(),
    phone: trimmed(40).nullable().optional(),
    email: z.string().trim().email().max(320).nullable().optional(),
    parcelId: trimmed(64).nullable().optional(),
    mailingAddress: trimmed(300).nullable().optional(),
    mailingCity: trimmed(100).nullable().optional(),
    mailingState: z.string().trim().length(2).nullable().optional(),
    mailingZip: z.string().trim().regex(/^\d{5}(-\d{4})?$/).nullable().optional(),
    timeZone: trimmed(64).nullable().optional(),
    tags: z.array(trimmed(64)).max(50).optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ContactPatch = z.infer<typeof ContactPatchSchema>;

export const ContactSchema = z.object({
  id: z.string().uuid(),
  ownerName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  phoneVerified: z.boolean(),
  emailVerified: z.boolean(),
  lineType: z.string().nullable(),
  confidence: z.number().nullable(),
  source: z.string(),
  optOut: z.boolean(),
  optedOutAt: z.string().nullable(),
  parcelId: z.string().nullable(),
  mailingAddress: z.string().nullable(),
  mailingCity: z.string().nullable(),
  mailingState: z.string().nullable(),
  mailingZip: z.string().nullable(),
  timeZone: z.string().nullable(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  leadStatus: z.enum(leadStatusValues).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;

const boolString = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ContactListQuerySchema = z
  .object({
    status: z.enum(leadStatusValues).optional(),
    source: trimmed(64).optional(),
    optOut: boolString.optional(),
    tag: trimmed(64).optional(),
    parcelId: trimmed(64).optional(),
    phone: trimmed(40).optional(),
    email: z.string().trim().max(320).optional(),
    q: z.string().trim().min(1).max(100).optional().describe('prefix match on owner, first or last name'),
    createdAfter: z.string().datetime({ offset: true }).optional(),
    createdBefore: z.string().datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ContactListQuery = z.infer<typeof ContactListQuerySchema>;

export const ContactPageSchema = z.object({ data: z.array(ContactSchema), nextCursor: z.string().nullable() });
export type ContactPage = z.infer<typeof ContactPageSchema>;

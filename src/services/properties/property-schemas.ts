import { z } from 'zod';
import { TIERS } from '../../domain/qualify/tiers.js';

export const ContributionSchema = z.object({
  signal: z.string(),
  group: z.string(),
  points: z.number(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  note: z.string().optional(),
});

const AddressSchema = z.object({ address: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(), zip: z.string().nullable() });

export const PropertySchema = z.object({
  id: z.string().uuid(),
  parcelId: z.string().nullable(),
  parcelIdDisplay: z.string().nullable(),
  market: z.string().nullable().describe('market key'),
  situs: AddressSchema,
  ownerName: z.string().nullable(),
  mailing: AddressSchema,
  estimatedValue: z.number().nullable(),
  justValue: z.number().nullable(),
  lastSalePrice: z.number().nullable(),
  lastSaleDate: z.string().nullable(),
  homestead: z.boolean().nullable(),
  signals: z.record(z.string(), z.unknown()),
  score: z.number().nullable(),
  tier: z.enum(TIERS).nullable(),
  /** Every signal's points, so a score can be explained. */
  contributions: z.array(ContributionSchema),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Property = z.infer<typeof PropertySchema>;

export const ContactPointViewSchema = z.object({
  kind: z.enum(['phone', 'email']),
  value: z.string(),
  lineType: z.string().nullable(),
  verified: z.boolean(),
  confidence: z.number().nullable(),
  source: z.string(),
  status: z.string(),
});

export const PropertyContactSchema = z.object({
  id: z.string().uuid(),
  role: z.string(),
  ownerName: z.string().nullable(),
  leadStatus: z.string(),
  optOut: z.boolean(),
  points: z.array(ContactPointViewSchema),
});

export const PropertyDetailSchema = PropertySchema.extend({ contacts: z.array(PropertyContactSchema) });
export type PropertyDetail = z.infer<typeof PropertyDetailSchema>;

export const PropertyListQuerySchema = z
  .object({
    tier: z.enum(TIERS, { error: `one of ${TIERS.join(', ')} (write B+ as B%2B in a URL: a bare + reads as a space)` }).optional(),
    market: z.string().trim().min(1).max(64).optional().describe('market key (`orange-fl`) or county (`orange`)'),
    minScore: z.coerce.number().min(0).max(100).optional(),
    signal: z.string().trim().regex(/^[a-z0-9_]+$/, 'a signal name such as tax_delinquent_1y').optional().describe('properties whose score has this signal'),
    source: z.string().trim().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type PropertyListQuery = z.infer<typeof PropertyListQuerySchema>;

export const PropertyPageSchema = z.object({ data: z.array(PropertySchema), nextCursor: z.string().nullable() });
export type PropertyPage = z.infer<typeof PropertyPageSchema>;

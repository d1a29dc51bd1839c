import { z } from 'zod';

export const DealInputSchema = z
  .object({
    contactId: z.string().uuid(),
    propertyId: z.string().uuid().optional().describe("default: the contact's highest-scored property"),
    price: z.number().min(0).max(1e11).optional().describe('purchase / contract price'),
    profit: z.number().min(-1e11).max(1e11).describe('assignment fee or profit'),
    kind: z.enum(['assignment', 'double_close', 'wholetail', 'flip', 'listing', 'other']).default('assignment'),
    closedAt: z.iso.datetime({ offset: true }).or(z.iso.date()),
    campaignId: z.string().uuid().optional().describe("default: the campaign of the contact's first touch"),
    touchId: z.string().uuid().optional().describe("default: the contact's first touch"),
    listSource: z.string().trim().min(1).max(64).optional().describe("default: the property's (or contact's) source"),
    distressSignal: z.string().trim().min(1).max(64).optional().describe("default: the property's strongest scoring signal"),
    notes: z.string().max(4000).optional(),
  })
  .strict();
export type DealInput = z.input<typeof DealInputSchema>;

export const DealSchema = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid().nullable(),
  contactName: z.string().nullable(),
  propertyId: z.string().uuid().nullable(),
  campaignId: z.string().uuid().nullable(),
  campaignName: z.string().nullable(),
  touchId: z.string().uuid().nullable(),
  price: z.number().nullable(),
  profit: z.number().nullable(),
  kind: z.string(),
  listSource: z.string().nullable(),
  distressSignal: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  closedAt: z.string(),
  daysToClose: z.number().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type Deal = z.infer<typeof DealSchema>;

export const DealListQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  campaign: z.string().uuid().optional(),
  market: z.string().trim().min(1).max(64).optional().describe("market key: deals of leads with a property there (as the analytics' market filter)"),
  tier: z.string().trim().min(1).max(8).optional().describe("tier: deals of leads with a property of that tier (as the analytics' tier filter)"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DealListQuery = z.infer<typeof DealListQuerySchema>;

const GroupSchema = z.object({ key: z.string().nullable(), label: z.string(), deals: z.number().int(), profitUsd: z.number(), costUsd: z.number().nullable(), roi: z.number().nullable() });

export const RoiSchema = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  costUsd: z.number(),
  costByKind: z.record(z.string(), z.number()),
  contacted: z.number().int(),
  deals: z.number().int(),
  revenueUsd: z.number().describe('sum of deal prices'),
  profitUsd: z.number().describe('sum of assignment fees / profits'),
  averageProfitUsd: z.number().nullable(),
  costPerContactedLead: z.number().nullable(),
  costPerDeal: z.number().nullable(),
  roi: z.number().nullable().describe('(profit - cost) / cost'),
  breakEven: z.object({ reached: z.boolean(), dealsNeeded: z.number().nullable().describe('deals at the average profit that cover the cost'), profitGapUsd: z.number() }),
  daysToClose: z.object({ average: z.number().nullable(), median: z.number().nullable() }),
  byCampaign: z.array(GroupSchema),
  byListSource: z.array(GroupSchema),
  byDistressSignal: z.array(GroupSchema),
});
export type Roi = z.infer<typeof RoiSchema>;

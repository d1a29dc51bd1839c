import { z } from 'zod';

/** The four lists the engine knows (COMPLIANCE.md F2, S6, F4, R-LIT-SCRUB). */
export const SuppressionListSchema = z.enum(['national_dnc', 'state_dnc', 'internal_dnc', 'litigator']);
export type SuppressionList = z.infer<typeof SuppressionListSchema>;

/** The CLI's short names for the lists. */
export const LIST_BY_SHORT_NAME: Record<string, SuppressionList> = {
  national: 'national_dnc',
  state: 'state_dnc',
  internal: 'internal_dnc',
  litigator: 'litigator',
};

export const SuppressionInputSchema = z
  .object({
    /** a phone (any US format, stored E.164) or an email address */
    value: z.string().trim().min(3).max(320),
    reason: z.string().trim().min(1).max(500).optional(),
    source: z.string().trim().min(1).max(64).default('api'),
  })
  .strict();
export type SuppressionInput = z.infer<typeof SuppressionInputSchema>;

export const SuppressionSchema = z.object({
  id: z.number().int(),
  list: SuppressionListSchema,
  /** null for the shared national, state and litigator lists */
  locationId: z.string().nullable(),
  state: z.string().nullable(),
  value: z.string(),
  listDate: z.string().nullable(),
  reason: z.string().nullable(),
  source: z.string().nullable(),
  createdAt: z.string(),
});
export type Suppression = z.infer<typeof SuppressionSchema>;

export const SuppressionQuerySchema = z.object({ value: z.string().trim().min(3).max(320) });

export const DncBadLineSchema = z.object({ line: z.number().int(), reason: z.string(), entry: z.string().optional() });

export const DncImportReportSchema = z.object({
  list: SuppressionListSchema,
  state: z.string().nullable(),
  kind: z.enum(['full', 'change']),
  listDate: z.string(),
  lines: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  /** how many lines could not be read (all of them counted) */
  badLineCount: z.number().int(),
  /** the first bad lines, by line number (capped) */
  badLines: z.array(DncBadLineSchema),
  listId: z.string(),
});
export type DncImportReport = z.infer<typeof DncImportReportSchema>;

import { z } from 'zod';
import { leadStatusValues } from '../../db/schema/index.js';

export const LeadStatusSchema = z.object({
  contactId: z.string().uuid(),
  status: z.enum(leadStatusValues),
  lastContactDate: z.string().nullable(),
  assignedTo: z.string().nullable(),
  changedAt: z.string(),
});
export type LeadStatus = z.infer<typeof LeadStatusSchema>;

export const LeadStatusPatchSchema = z
  .object({
    status: z.enum(leadStatusValues),
    assignedTo: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();
export type LeadStatusPatch = z.infer<typeof LeadStatusPatchSchema>;

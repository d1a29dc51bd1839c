import { z } from 'zod';

/**
 * Email deliverability check by MX lookup. `unknown` means we could not tell (offline, timeout,
 * server failure) and must never be read as invalid; `missing` means DNS answered that the domain
 * does not exist or accepts no mail.
 */
export const MxStatusSchema = z.enum(['ok', 'unknown', 'missing']);
export type MxStatus = z.infer<typeof MxStatusSchema>;

export const MxCheckResultSchema = z.object({
  domain: z.string(),
  status: MxStatusSchema,
  /** Mail exchanges by preference, when found. */
  exchanges: z.array(z.string()).optional(),
  reason: z.string().optional(),
  cached: z.boolean(),
});
export type MxCheckResult = z.infer<typeof MxCheckResultSchema>;

export interface MxChecker {
  check(domain: string): Promise<MxCheckResult>;
}

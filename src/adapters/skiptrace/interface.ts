import { z } from 'zod';
import type { Result } from '../../lib/result.js';

/*
 * The skip-trace port (florida-data.md §5.4): every vendor is normalised to these shapes. Results are
 * matched to requests by `requestId`, never by position; `raw` is kept for audit; `billedUnits` feeds
 * the costs ledger. DNC/litigator scrubbing is a separate step, not this port's job.
 */

export interface PostalAddress {
  street: string;
  city?: string;
  state?: string;
  zip?: string;
}

export interface SkipTraceRequest {
  requestId: string;
  ownerName?: { first?: string; last?: string; full?: string };
  propertyAddress: PostalAddress;
  mailingAddress?: PostalAddress;
  apn?: { county: string; state: string; value: string };
}

export type PhoneLineType = 'mobile' | 'landline' | 'voip' | 'unknown';

export interface SkipTracePhone {
  e164: string;
  lineType: PhoneLineType;
  carrier?: string;
  confidence?: number;
  dnc?: boolean;
  litigator?: boolean;
  lastSeen?: string;
}

export interface SkipTracePerson {
  fullName: string;
  phones: SkipTracePhone[];
  emails: Array<{ address: string; verified?: boolean }>;
  mailingAddress?: PostalAddress;
}

export interface SkipTraceResult {
  requestId: string;
  matched: boolean;
  persons: SkipTracePerson[];
  provider: string;
  billedUnits: number;
  raw: unknown;
}

export interface TraceOptions {
  signal?: AbortSignal;
}

export interface SkipTraceProvider {
  readonly name: string;
  /** What a request must carry to be matched: a property street (an address search) or a parcel id (APN). */
  readonly matchesBy: 'address' | 'parcel';
  /** Largest batch one `trace` call accepts; `traceAll` splits bigger lists. */
  readonly maxBatch: number;
  trace(batch: SkipTraceRequest[], opts?: TraceOptions): Promise<Result<SkipTraceResult[]>>;
}

// ---- BatchData wire contracts (POST /api/v1/property/skip-trace) ----

export const BatchDataRequestBodySchema = z.object({
  requests: z.array(
    z.object({
      requestId: z.string(),
      propertyAddress: z.object({ street: z.string(), city: z.string().optional(), state: z.string().optional(), zip: z.string().optional() }),
      name: z.object({ first: z.string().optional(), last: z.string().optional() }).optional(),
    }),
  ).max(100),
});
export type BatchDataRequestBody = z.infer<typeof BatchDataRequestBodySchema>;

const numberLike = z.union([z.number(), z.string().transform((s) => Number(s))]);

/** Documented as `phones[]` {number,type,carrier,dnc,tcpa,confidence}; other clients read `phoneNumbers[]` {number,type,score}. */
export const BatchDataPhoneSchema = z.looseObject({
  number: z.union([z.string(), z.number()]).transform(String),
  type: z.string().nullish(),
  carrier: z.string().nullish(),
  dnc: z.boolean().nullish(),
  tcpa: z.boolean().nullish(),
  litigator: z.boolean().nullish(),
  confidence: numberLike.nullish(),
  score: numberLike.nullish(),
  lastReportedDate: z.string().nullish(),
});

export const BatchDataPersonSchema = z.looseObject({
  name: z.looseObject({ first: z.string().nullish(), last: z.string().nullish(), full: z.string().nullish() }).nullish(),
  phones: z.array(BatchDataPhoneSchema).nullish(),
  phoneNumbers: z.array(BatchDataPhoneSchema).nullish(),
  emails: z.array(z.union([z.string(), z.looseObject({ email: z.string(), tested: z.boolean().nullish() })])).nullish(),
  mailingAddress: z.looseObject({ street: z.string().nullish(), city: z.string().nullish(), state: z.string().nullish(), zip: z.string().nullish() }).nullish(),
});
export type BatchDataPerson = z.infer<typeof BatchDataPersonSchema>;

export const BatchDataResultItemSchema = z.looseObject({
  input: z.looseObject({ requestId: z.string().nullish() }).nullish(),
  request: z.looseObject({ requestId: z.string().nullish() }).nullish(),
  requestId: z.string().nullish(),
  persons: z.array(BatchDataPersonSchema).nullish(),
  meta: z.looseObject({ matched: z.boolean().nullish() }).nullish(),
});
export type BatchDataResultItem = z.infer<typeof BatchDataResultItemSchema>;

export const BatchDataStatusSchema = z.looseObject({ code: z.number(), text: z.string().nullish(), message: z.string().nullish() });

export const BatchDataResponseSchema = z.looseObject({
  status: BatchDataStatusSchema.nullish(),
  result: z.looseObject({ data: z.array(BatchDataResultItemSchema).nullish(), meta: z.unknown().optional() }).nullish(),
  results: z.union([z.array(BatchDataResultItemSchema), z.looseObject({ data: z.array(BatchDataResultItemSchema).nullish(), persons: z.array(BatchDataPersonSchema).nullish() })]).nullish(),
});
export type BatchDataResponse = z.infer<typeof BatchDataResponseSchema>;

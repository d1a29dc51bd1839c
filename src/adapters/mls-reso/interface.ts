import { z } from 'zod';
import type { AppFailure } from '../../lib/result.js';

/*
 * RESO Web API (OData v4) contracts. Field names are the RESO Data Dictionary's (Property resource):
 * ListingKey, ListingId, StandardStatus, ListPrice, UnparsedAddress, City, StateOrProvince, PostalCode,
 * ParcelNumber, ExpirationDate, ModificationTimestamp, StatusChangeTimestamp, ListAgentFullName …
 * Servers add local fields; the schemas keep them (looseObject) in `raw`.
 */

/** OData collection page: `value` plus an optional `@odata.nextLink`. */
export const ODataPageSchema = z.looseObject({
  '@odata.context': z.string().optional(),
  '@odata.nextLink': z.string().nullish(),
  '@odata.count': z.number().optional(),
  value: z.array(z.record(z.string(), z.unknown())),
});
export type ODataPage = z.infer<typeof ODataPageSchema>;

export const ODataErrorSchema = z.object({
  error: z.looseObject({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() }),
});

export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number(), z.string().transform(Number)]).optional(),
});

const str = z.string().nullish();
const num = z.number().nullish();

export const ResoPropertySchema = z.looseObject({
  ListingKey: z.string(),
  ListingId: str,
  StandardStatus: str,
  MlsStatus: str,
  ListPrice: num,
  OriginalListPrice: num,
  UnparsedAddress: str,
  StreetNumber: str,
  StreetName: str,
  City: str,
  StateOrProvince: str,
  PostalCode: str,
  CountyOrParish: str,
  ParcelNumber: str,
  PropertyType: str,
  ExpirationDate: str,
  OffMarketDate: str,
  StatusChangeTimestamp: str,
  ModificationTimestamp: str,
  DaysOnMarket: num,
  ListAgentFullName: str,
  ListAgentEmail: str,
  ListAgentDirectPhone: str,
  ListOfficeName: str,
});
export type ResoProperty = z.infer<typeof ResoPropertySchema>;

/** The off-market statuses Curb sources; FSBO is not in the MLS at all. */
export const OffMarketStatus = z.enum(['Expired', 'Withdrawn', 'Canceled']);
export type OffMarketStatus = z.infer<typeof OffMarketStatus>;

export const DEFAULT_SELECT = [
  'ListingKey', 'ListingId', 'StandardStatus', 'MlsStatus', 'ListPrice', 'OriginalListPrice', 'UnparsedAddress', 'City', 'StateOrProvince',
  'PostalCode', 'CountyOrParish', 'ParcelNumber', 'PropertyType', 'ExpirationDate', 'OffMarketDate', 'StatusChangeTimestamp',
  'ModificationTimestamp', 'DaysOnMarket', 'ListAgentFullName', 'ListOfficeName',
] as const;

/** A canonical prospect from an off-market listing (seed ProspectSource.EXPIRED_MLS). */
export interface ExpiredListingProspect {
  source: 'expired_mls';
  listingKey: string;
  listingId?: string;
  status: OffMarketStatus;
  listPrice?: number;
  originalListPrice?: number;
  address: { line1?: string; city?: string; state?: string; zip?: string; county?: string };
  parcelId?: string;
  propertyType?: string;
  expirationDate?: string;
  offMarketDate?: string;
  modifiedAt?: string;
  daysOnMarket?: number;
  listAgent?: { name?: string; office?: string };
  raw: Record<string, unknown>;
}

export type ResoAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'client_credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string };

export interface QueryResourceOptions {
  resource: string;
  filter?: string;
  select?: readonly string[];
  orderBy?: string;
  top?: number;
  signal?: AbortSignal;
}

export interface FetchOffMarketOptions {
  /** Only listings modified at or after this instant (incremental sync). */
  modifiedSince: Date;
  statuses?: OffMarketStatus[];
  select?: readonly string[];
  top?: number;
  signal?: AbortSignal;
}

/** The RESO port. Iterators throw `ResoQueryError` carrying an `AppFailure`. */
export interface ResoClient {
  queryResource(options: QueryResourceOptions): AsyncGenerator<Record<string, unknown>, void, undefined>;
  fetchOffMarketListings(options: FetchOffMarketOptions): AsyncGenerator<ExpiredListingProspect, void, undefined>;
}

export class ResoQueryError extends Error {
  readonly failure: AppFailure;
  constructor(failure: AppFailure) {
    super(`${failure.code}: ${failure.message}`);
    this.name = 'ResoQueryError';
    this.failure = failure;
  }
}

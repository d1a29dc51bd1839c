import { z } from 'zod';
import type { Result } from '../../lib/result.js';

/*
 * Polite fetching of public-record pages (auction calendars, clerk pages) and the distress events parsed
 * from them. Curb reads public pages the way a careful person would: it honours robots.txt, spaces its
 * requests, names itself with a contact, caches, and stops at any bot check. It never solves CAPTCHAs,
 * rotates IPs or disguises itself.
 */

export interface PageResponse {
  url: string;
  status: number;
  body: string;
  contentType?: string;
  fromCache: boolean;
  fetchedAt: string;
}

export interface PoliteGetOptions {
  headers?: Record<string, string>;
  /** Skip the cache for this call (still writes the fresh answer). */
  bypassCache?: boolean;
  signal?: AbortSignal;
}

/**
 * The port. Failure codes: `disallowed_by_robots` (the site's rules, never retried), `robots_unreachable`
 * (robots.txt answered 5xx/429 or not at all: nothing is fetched, retried later; `details.status`),
 * `bot_check` (never retried), `timeout`, `upstream_error`, `rate_limited`, `http_error`.
 */
export interface PoliteFetcher {
  get(url: string, opts?: PoliteGetOptions): Promise<Result<PageResponse>>;
}

export interface CacheEntry {
  storedAt: string;
  url: string;
  status: number;
  body: string;
  contentType?: string;
}

/** Where fetched pages are kept; injected so tests use memory and deployments a folder. */
export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
}

/** RealAuction `Zmethod=UPDATE&FNC=LOAD` answer: compressed item HTML plus the id list. */
export const RealAuctionUpdateSchema = z.looseObject({ retHTML: z.string(), rlist: z.string().nullish() });
export type RealAuctionUpdate = z.infer<typeof RealAuctionUpdateSchema>;

export const DistressSignal = z.enum(['foreclosure_sale_scheduled', 'tax_deed_application_or_sale']);
export type DistressSignal = z.infer<typeof DistressSignal>;

/** A canonical distress event, ready for scoring (services/leads matches it to a parcel). */
export const DistressEventSchema = z.object({
  signal: DistressSignal,
  parcelId: z.string().optional(),
  parcelIdDisplay: z.string().optional(),
  caseNumber: z.string().optional(),
  certificateNumber: z.string().optional(),
  amount: z.number().optional(),
  assessedValue: z.number().optional(),
  saleDate: z.string().optional(),
  address: z.object({ line1: z.string().optional(), city: z.string().optional(), state: z.string().optional(), zip: z.string().optional() }),
  auctionId: z.string(),
  source: z.string(),
});
export type DistressEvent = z.infer<typeof DistressEventSchema>;

import { mapListing } from './map-listing.js';
import type { ResoClient } from './interface.js';

/** In-memory RESO port for service tests: filters by status and timestamp like the real query. */
export function createFakeResoClient(records: Array<Record<string, unknown>>): ResoClient {
  return {
    async *queryResource() {
      for (const r of records) yield { ...r };
    },
    async *fetchOffMarketListings(o) {
      const statuses = new Set<string>(o.statuses ?? ['Expired', 'Withdrawn', 'Canceled']);
      for (const r of records) {
        const ts = typeof r['ModificationTimestamp'] === 'string' ? Date.parse(r['ModificationTimestamp']) : Number.NaN;
        if (!statuses.has(String(r['StandardStatus'])) || !(ts >= o.modifiedSince.getTime())) continue;
        const p = mapListing(r);
        if (p) yield p;
      }
    },
  };
}

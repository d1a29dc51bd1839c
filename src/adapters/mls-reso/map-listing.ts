import { OffMarketStatus, ResoPropertySchema, type ExpiredListingProspect } from './interface.js';

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined || v === '' ? undefined : v);

/** Maps one RESO Property record to an `expired_mls` prospect, or undefined when it is not off-market. */
export function mapListing(record: Record<string, unknown>): ExpiredListingProspect | undefined {
  const p = ResoPropertySchema.safeParse(record);
  if (!p.success) return undefined;
  const status = OffMarketStatus.safeParse(p.data.StandardStatus);
  if (!status.success) return undefined;
  const d = p.data;
  const line1 = opt(d.UnparsedAddress) ?? (opt([d.StreetNumber, d.StreetName].filter(Boolean).join(' ')) || undefined);
  const agentName = opt(d.ListAgentFullName);
  const office = opt(d.ListOfficeName);
  const out: ExpiredListingProspect = {
    source: 'expired_mls',
    listingKey: d.ListingKey,
    status: status.data,
    address: Object.fromEntries(
      Object.entries({ line1, city: opt(d.City), state: opt(d.StateOrProvince), zip: opt(d.PostalCode), county: opt(d.CountyOrParish) }).filter(([, v]) => v !== undefined),
    ),
    raw: record,
  };
  const set = <K extends keyof ExpiredListingProspect>(k: K, v: ExpiredListingProspect[K] | null | undefined): void => {
    const value = opt(v);
    if (value !== undefined) out[k] = value;
  };
  set('listingId', d.ListingId ?? undefined);
  set('listPrice', d.ListPrice ?? undefined);
  set('originalListPrice', d.OriginalListPrice ?? undefined);
  set('parcelId', d.ParcelNumber ?? undefined);
  set('propertyType', d.PropertyType ?? undefined);
  set('expirationDate', d.ExpirationDate ?? undefined);
  set('offMarketDate', d.OffMarketDate ?? undefined);
  set('modifiedAt', d.ModificationTimestamp ?? undefined);
  set('daysOnMarket', d.DaysOnMarket ?? undefined);
  if (agentName || office) out.listAgent = { ...(agentName ? { name: agentName } : {}), ...(office ? { office } : {}) };
  return out;
}

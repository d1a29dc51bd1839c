/**
 * Shapes shared by the lead import, contact and signal code. Kept in one file because they are the
 * vocabulary of the capability, not operations.
 */

/** A postal address as it arrives in a list; every part optional because lists are incomplete. */
export interface PostalAddress {
  line1?: string;
  unit?: string;
  city?: string;
  /** Two-letter code when recognisable ("FLORIDA" → "FL"), otherwise as given, uppercased. */
  state?: string;
  zip?: string;
  county?: string;
}

/** A property row after mapping: identity, owner, addresses and the facts scoring reads. */
export interface LeadProperty {
  /** Canonical form (alphanumerics, uppercase) used for matching. */
  parcelId?: string;
  /** The parcel id as the list wrote it, for display and links back to the county. */
  parcelIdDisplay?: string;
  ownerName?: string;
  ownerFirstName?: string;
  ownerLastName?: string;
  owner2Name?: string;
  situs: PostalAddress;
  mailing: PostalAddress;
  /** Where the row came from (preset source, or the row's own `source` column). */
  source: string;
  propertyType?: string;
  estimatedValue?: number;
  /** The county's just (market) value from the parcel roll: the value the equity proxy uses when no estimate is given. */
  justValue?: number;
  estimatedEquity?: number;
  /** 0–100. */
  equityPercent?: number;
  lastSalePrice?: number;
  /** ISO date `YYYY-MM-DD`. */
  lastSaleDate?: string;
  yearsOwned?: number;
  homestead?: boolean;
  ownerOccupied?: boolean;
  mlsNumber?: string;
  mlsStatus?: string;
  listPrice?: number;
  listDate?: string;
  expirationDate?: string;
  daysOnMarket?: number;
  listingAgent?: string;
  /** The listing agent's phone: kept for reference, never turned into an owner contact. */
  agentPhone?: string;
}

/** Distress facts stated explicitly by a list (vendor flags); derived facts come from `deriveSignals`. */
export interface LeadSignalFields {
  taxDelinquent?: boolean;
  taxDelinquentYears?: number;
  taxDelinquentAmount?: number;
  taxDeed?: boolean;
  foreclosure?: boolean;
  lisPendens?: boolean;
  lisPendensDate?: string;
  foreclosureSaleDate?: string;
  codeViolation?: boolean;
  codeViolationsOpen?: number;
  codeLien?: boolean;
  probate?: boolean;
  probateDate?: string;
  vacant?: boolean;
  absentee?: boolean;
  outOfState?: boolean;
  foreignOwner?: boolean;
  freeAndClear?: boolean;
  tiredLandlord?: boolean;
}

export type PhoneLineType = 'mobile' | 'landline' | 'voip' | 'toll_free' | 'unknown';

/** One phone or one email found on a row, already normalised. */
export interface LeadContact {
  /** E.164, e.g. `+14075550123`. */
  phone?: string;
  /** Local part as given, domain lowercased. */
  email?: string;
  name?: string;
  source: string;
  lineType?: PhoneLineType;
  /** A vendor's own DNC mark. It can add a block, never lift one: compliance scrubs regardless. */
  vendorDnc?: boolean;
}

export interface RowWarning {
  /** Data row number: 1 is the first row after the header; 0 is the header itself. */
  row: number;
  /** The column as the file names it, or `(row)` for whole-row problems. */
  field: string;
  reason: string;
}

export interface RowSkip {
  row: number;
  reason: string;
}

export interface MappedRow {
  row: number;
  /** true when the row has a parcel id or a situs address that names a street (`situsKey`). */
  identityOk: boolean;
  property: LeadProperty;
  contacts: LeadContact[];
  signals: LeadSignalFields;
  warnings: RowWarning[];
  skip?: RowSkip;
}

import type { LeadProperty, LeadSignalFields } from './types.js';

/**
 * Curb's canonical import fields: the snake_case headers of the `generic` preset and the targets of
 * every vendor preset and `--map column=field` override. One table, so adding a field is one line.
 */
export type ValueKind = 'text' | 'flag' | 'int' | 'number' | 'amount' | 'percent' | 'date';

type PropertyKey = Exclude<keyof LeadProperty, 'situs' | 'mailing' | 'parcelIdDisplay'>;
type AddressPart = 'line1' | 'unit' | 'city' | 'state' | 'zip' | 'county';

export type FieldTarget =
  | { section: 'property'; key: PropertyKey }
  | { section: 'situs' | 'mailing'; key: AddressPart }
  | { section: 'signals'; key: keyof LeadSignalFields }
  /** Repeatable contact parts: several columns may map to them (phone1…phoneN). */
  | { section: 'contact'; key: 'phone' | 'email' | 'phone_type' | 'phone_dnc' | 'contact_name' };

export interface FieldSpec {
  kind: ValueKind;
  target: FieldTarget;
}

const p = (key: PropertyKey, kind: ValueKind = 'text'): FieldSpec => ({ kind, target: { section: 'property', key } });
const s = (key: AddressPart): FieldSpec => ({ kind: 'text', target: { section: 'situs', key } });
const m = (key: AddressPart): FieldSpec => ({ kind: 'text', target: { section: 'mailing', key } });
const g = (key: keyof LeadSignalFields, kind: ValueKind = 'flag'): FieldSpec => ({ kind, target: { section: 'signals', key } });
const c = (key: 'phone' | 'email' | 'phone_type' | 'phone_dnc' | 'contact_name', kind: ValueKind = 'text'): FieldSpec => ({
  kind,
  target: { section: 'contact', key },
});

export const CANONICAL_FIELDS = {
  parcel_id: p('parcelId'),
  owner_name: p('ownerName'),
  owner_first_name: p('ownerFirstName'),
  owner_last_name: p('ownerLastName'),
  owner2_name: p('owner2Name'),
  situs_address: s('line1'),
  situs_unit: s('unit'),
  situs_city: s('city'),
  situs_state: s('state'),
  situs_zip: s('zip'),
  situs_county: s('county'),
  mailing_address: m('line1'),
  mailing_unit: m('unit'),
  mailing_city: m('city'),
  mailing_state: m('state'),
  mailing_zip: m('zip'),
  source: p('source'),
  property_type: p('propertyType'),
  estimated_value: p('estimatedValue', 'amount'),
  estimated_equity: p('estimatedEquity', 'amount'),
  equity_percent: p('equityPercent', 'percent'),
  last_sale_price: p('lastSalePrice', 'amount'),
  last_sale_date: p('lastSaleDate', 'date'),
  years_owned: p('yearsOwned', 'number'),
  homestead: p('homestead', 'flag'),
  owner_occupied: p('ownerOccupied', 'flag'),
  mls_number: p('mlsNumber'),
  mls_status: p('mlsStatus'),
  list_price: p('listPrice', 'amount'),
  list_date: p('listDate', 'date'),
  expiration_date: p('expirationDate', 'date'),
  days_on_market: p('daysOnMarket', 'int'),
  listing_agent: p('listingAgent'),
  agent_phone: p('agentPhone'),
  tax_delinquent: g('taxDelinquent'),
  tax_delinquent_years: g('taxDelinquentYears', 'int'),
  tax_delinquent_amount: g('taxDelinquentAmount', 'amount'),
  tax_deed: g('taxDeed'),
  foreclosure: g('foreclosure'),
  lis_pendens: g('lisPendens'),
  lis_pendens_date: g('lisPendensDate', 'date'),
  foreclosure_sale_date: g('foreclosureSaleDate', 'date'),
  code_violation: g('codeViolation'),
  code_violations_open: g('codeViolationsOpen', 'int'),
  code_lien: g('codeLien'),
  probate: g('probate'),
  probate_date: g('probateDate', 'date'),
  vacant: g('vacant'),
  absentee: g('absentee'),
  out_of_state: g('outOfState'),
  foreign_owner: g('foreignOwner'),
  free_and_clear: g('freeAndClear'),
  tired_landlord: g('tiredLandlord'),
  phone: c('phone'),
  phone_type: c('phone_type'),
  phone_dnc: c('phone_dnc', 'flag'),
  email: c('email'),
  contact_name: c('contact_name'),
} as const satisfies Record<string, FieldSpec>;

export type CanonicalField = keyof typeof CANONICAL_FIELDS;

/** Contact parts that may repeat across columns (phone1…phoneN, email1…emailN). */
export const REPEATABLE_FIELDS = new Set<CanonicalField>(['phone', 'phone_type', 'phone_dnc', 'email', 'contact_name']);

export function isCanonicalField(name: string): name is CanonicalField {
  return Object.prototype.hasOwnProperty.call(CANONICAL_FIELDS, name);
}

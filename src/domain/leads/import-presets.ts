import type { CanonicalField } from './canonical-fields.js';

/**
 * Import presets: which vendor column means which canonical field. Column names are written as the
 * vendors print them and compared through `normalizeHeader`, so case, spaces, underscores and
 * punctuation do not matter. Aliases are listed best first; the first one present in a file wins.
 * A preset falls back to Curb's canonical names for anything it does not list, and every preset
 * reads numbered phone/email columns through `CONTACT_COLUMN_RULES`.
 *
 * Vendor column names come from the vendors' export files as shown in public help pages and in
 * public code that reads those exports; vendors rename columns, which is why each field has
 * several aliases and `--map column=field` exists.
 */
export const IMPORT_PRESET_NAMES = ['generic', 'propstream', 'batchleads', 'dealmachine', 'expired', 'fsbo'] as const;
export type ImportPresetName = (typeof IMPORT_PRESET_NAMES)[number];

export interface ImportPreset {
  name: ImportPresetName;
  /** Tag stored on every property and contact from this preset, so analytics can compare sources. */
  source: string;
  columns: Partial<Record<CanonicalField, readonly string[]>>;
}

/**
 * Numbered contact columns, matched on the normalised header. `c` is the person (DealMachine's
 * contact_2_…), `n` the item (Phone 3). Type and DNC columns pair with the phone of the same c/n.
 * A phone column may be named after its line type (`Cell Phone 2`, `Landline`): see `PHONE_HEADER_LINE_TYPES`.
 */
export const CONTACT_COLUMN_RULES: ReadonlyArray<{ field: 'phone' | 'phone_type' | 'phone_dnc' | 'email' | 'contact_name'; pattern: RegExp }> = [
  {
    field: 'phone',
    pattern: /^(?:contact(?<c>\d+))?(?:owner)?(?:phone|cell(?:ular)?(?:phone)?|mobile(?:phone)?|wireless(?:phone)?|land(?:line)?phone|landline|homephone)(?:number)?(?<n>\d*)$/,
  },
  { field: 'phone_type', pattern: /^(?:contact(?<c>\d+))?phone(?<n>\d*)(?:line)?type$/ },
  { field: 'phone_type', pattern: /^phone(?:line)?type(?<n>\d*)$/ },
  { field: 'phone_dnc', pattern: /^(?:contact(?<c>\d+))?phone(?<n>\d*)dnc$/ },
  { field: 'phone_dnc', pattern: /^phonednc(?<n>\d*)$/ },
  { field: 'email', pattern: /^(?:contact(?<c>\d+))?(?:owner)?email(?:address)?(?<n>\d*)$/ },
  { field: 'contact_name', pattern: /^contact(?<c>\d+)(?:full)?name$/ },
];

/**
 * What a phone column's name says about its numbers' line type, matched on the normalised header of any column
 * read as a phone (`Cell`, `Mobile Phone 2`, `Owner Wireless`, `Landline`, `Home Phone`). It is the weakest
 * evidence: the number itself (libphonenumber, where the numbering plan tells) and the phone's type column win.
 */
export const PHONE_HEADER_LINE_TYPES: ReadonlyArray<{ pattern: RegExp; lineType: 'mobile' | 'landline' }> = [
  { pattern: /cell|mobile|wireless/, lineType: 'mobile' },
  { pattern: /landline|landphone|homephone/, lineType: 'landline' },
];

const LISTING_COLUMNS = {
  mls_number: ['MLS #', 'MLS Number', 'MLS ID', 'ML #', 'Listing ID', 'MLS'],
  mls_status: ['Status', 'MLS Status', 'Listing Status'],
  list_price: ['List Price', 'Original List Price', 'Asking Price', 'Price'],
  list_date: ['List Date', 'Listing Date', 'Date Listed', 'Listed Date'],
  expiration_date: ['Expiration Date', 'Expired Date', 'Expire Date', 'Off Market Date', 'Status Date', 'Withdrawn Date'],
  days_on_market: ['DOM', 'Days on Market', 'CDOM'],
  listing_agent: ['Listing Agent', 'List Agent', 'Agent', 'Agent Name', 'List Agent Full Name'],
  agent_phone: ['Agent Phone', 'Listing Agent Phone', 'List Agent Phone'],
  situs_address: ['Address', 'Property Address', 'Street Address', 'Full Address'],
  situs_unit: ['Unit', 'Unit #'],
  situs_city: ['City', 'Property City'],
  situs_state: ['State', 'Property State'],
  situs_zip: ['Zip', 'Zip Code', 'Postal Code', 'Property Zip'],
  situs_county: ['County'],
  parcel_id: ['APN', 'Parcel ID', 'Parcel Number', 'Tax ID', 'Folio'],
  owner_name: ['Owner Name', 'Owner', 'Seller Name', 'Name'],
  owner_first_name: ['First Name', 'Owner First Name'],
  owner_last_name: ['Last Name', 'Owner Last Name'],
  mailing_address: ['Mailing Address', 'Owner Mailing Address'],
  mailing_city: ['Mailing City'],
  mailing_state: ['Mailing State'],
  mailing_zip: ['Mailing Zip', 'Mailing Zip Code'],
  property_type: ['Property Type', 'Type'],
} as const satisfies Partial<Record<CanonicalField, readonly string[]>>;

export const IMPORT_PRESETS: Record<ImportPresetName, ImportPreset> = {
  generic: { name: 'generic', source: 'list_import', columns: {} },
  propstream: {
    name: 'propstream',
    source: 'propstream',
    columns: {
      parcel_id: ['APN', 'Parcel Number', 'Parcel ID'],
      situs_address: ['Address', 'Property Address', 'Street Address'],
      situs_unit: ['Unit #', 'Unit'],
      situs_city: ['City', 'Property City'],
      situs_state: ['State', 'Property State'],
      situs_zip: ['Zip', 'Zip Code', 'Property Zip'],
      situs_county: ['County'],
      owner_first_name: ['Owner 1 First Name', 'Owner First Name'],
      owner_last_name: ['Owner 1 Last Name', 'Owner Last Name'],
      owner_name: ['Owner 1 Full Name', 'Owner Name', 'Owner(s)'],
      owner2_name: ['Owner 2 Full Name'],
      mailing_address: ['Mailing Address'],
      mailing_unit: ['Mailing Unit #', 'Mailing Unit'],
      mailing_city: ['Mailing City'],
      mailing_state: ['Mailing State'],
      mailing_zip: ['Mailing Zip', 'Mailing Zip Code'],
      property_type: ['Property Type'],
      estimated_value: ['Est. Value', 'Estimated Value', 'Est Value'],
      estimated_equity: ['Est. Equity', 'Estimated Equity'],
      equity_percent: ['Est. Equity %', 'Equity %', 'Equity Percent'],
      last_sale_date: ['Last Sale Recording Date', 'Last Sale Date'],
      last_sale_price: ['Last Sale Amount', 'Last Sale Price'],
      years_owned: ['Years Owned', 'Ownership Length (Years)'],
      owner_occupied: ['Owner Occupied', 'Owner Occupied?'],
      homestead: ['Homestead Exemption', 'Homestead'],
      mls_status: ['MLS Status'],
      vacant: ['Vacant?', 'Vacant', 'USPS Vacant'],
      tax_delinquent: ['Tax Delinquent?', 'Tax Delinquent'],
      tax_delinquent_amount: ['Tax Delinquent Amount', 'Delinquent Tax Amount'],
      foreclosure: ['Pre-Foreclosure?', 'Pre-Foreclosure', 'Preforeclosure', 'Foreclosure?'],
      foreclosure_sale_date: ['Auction Date', 'Foreclosure Auction Date'],
      lis_pendens_date: ['Lis Pendens Date', 'Default Date', 'Recording Date (Lis Pendens)'],
      probate: ['Probate?', 'Probate', 'Deceased Owner?'],
      free_and_clear: ['Free & Clear?', 'Free and Clear'],
      absentee: ['Absentee Owner?', 'Absentee Owner'],
    },
  },
  batchleads: {
    name: 'batchleads',
    source: 'batchleads',
    columns: {
      parcel_id: ['APN', 'Parcel ID', 'Parcel Number'],
      situs_address: ['Property Address', 'Property Street Address', 'Address'],
      situs_unit: ['Property Unit', 'Unit'],
      situs_city: ['Property City', 'City'],
      situs_state: ['Property State', 'State'],
      situs_zip: ['Property Zip', 'Property Zip Code', 'Zip'],
      situs_county: ['Property County', 'County'],
      owner_first_name: ['Owner First Name', 'First Name'],
      owner_last_name: ['Owner Last Name', 'Last Name'],
      owner_name: ['Owner Full Name', 'Owner Name', 'Owner 1 Name'],
      owner2_name: ['Owner 2 Full Name', 'Owner 2 Name'],
      mailing_address: ['Mailing Address', 'Mailing Street Address'],
      mailing_unit: ['Mailing Unit'],
      mailing_city: ['Mailing City'],
      mailing_state: ['Mailing State'],
      mailing_zip: ['Mailing Zip', 'Mailing Zip Code'],
      property_type: ['Property Type'],
      estimated_value: ['Estimated Value', 'Est. Value', 'Market Value'],
      estimated_equity: ['Estimated Equity', 'Equity'],
      equity_percent: ['Equity Percent', 'Estimated Equity Percent', 'Equity %'],
      last_sale_date: ['Last Sale Date', 'Last Sold Date'],
      last_sale_price: ['Last Sale Price', 'Last Sold Price'],
      years_owned: ['Years Owned', 'Length of Ownership'],
      owner_occupied: ['Owner Occupied'],
      mls_status: ['MLS Status', 'Listing Status'],
      vacant: ['Vacant', 'Is Vacant', 'Vacant?'],
      absentee: ['Absentee Owner', 'Absentee'],
      tax_delinquent: ['Tax Delinquent', 'Tax Default'],
      foreclosure: ['Pre-Foreclosure', 'Preforeclosure', 'Foreclosure'],
      foreclosure_sale_date: ['Auction Date', 'Foreclosure Auction Date'],
      probate: ['Probate', 'Inherited', 'Deceased Owner'],
      free_and_clear: ['Free and Clear', 'Free & Clear'],
    },
  },
  dealmachine: {
    name: 'dealmachine',
    source: 'dealmachine',
    columns: {
      parcel_id: ['apn_parcel_id', 'apn'],
      situs_address: ['property_address_line_1', 'property_address_full', 'property_address'],
      situs_unit: ['property_address_line_2'],
      situs_city: ['property_address_city'],
      situs_state: ['property_address_state'],
      situs_zip: ['property_address_zipcode', 'property_address_zip'],
      situs_county: ['property_address_county'],
      owner_name: ['owner_1_name', 'owner_name'],
      owner_first_name: ['owner_1_firstname', 'owner_1_first_name'],
      owner_last_name: ['owner_1_lastname', 'owner_1_last_name'],
      owner2_name: ['owner_2_name'],
      mailing_address: ['owner_address_line_1', 'owner_address_full', 'mailing_address_line_1', 'mailing_address'],
      mailing_unit: ['owner_address_line_2'],
      mailing_city: ['owner_address_city', 'mailing_address_city'],
      mailing_state: ['owner_address_state', 'mailing_address_state'],
      mailing_zip: ['owner_address_zip', 'owner_address_zipcode', 'mailing_address_zip'],
      property_type: ['property_type'],
      estimated_value: ['estimated_value'],
      estimated_equity: ['equity_amount', 'estimated_equity'],
      equity_percent: ['equity_percent'],
      last_sale_date: ['last_sale_date'],
      last_sale_price: ['last_sale_price'],
      mls_status: ['market_status', 'mls_status'],
      tax_delinquent: ['tax_delinquent'],
      vacant: ['vacant', 'is_vacant'],
      foreclosure: ['preforeclosure', 'pre_foreclosure'],
      owner_occupied: ['owner_occupied'],
    },
  },
  expired: { name: 'expired', source: 'mls_expired', columns: LISTING_COLUMNS },
  fsbo: { name: 'fsbo', source: 'fsbo', columns: { ...LISTING_COLUMNS, phone: ['Seller Phone', 'Contact Phone'], email: ['Seller Email', 'Contact Email'] } },
};

import { describe, expect, it } from 'vitest';
import { mapRow } from './map-row.js';
import { planColumns } from './plan-columns.js';

describe('mapRow with the generic preset', () => {
  const headers = ['Parcel_ID', 'OWNER NAME', 'situs address', 'situs_city', 'situs_state', 'situs_zip', 'mailing_address', 'mailing_state', 'phone1', 'phone2', 'email', 'tax_delinquent', 'last_sale_date', 'estimated_value'];
  it('maps canonical headers case- and space-insensitively', () => {
    const r = mapRow({ headers, rowNumber: 1, values: ['35-20-27-6645-00-550', 'DOE JANE Q', '1207 Example Ave', 'Orlando', 'Florida', '32808-1234', '42 Sample Ln', 'Ohio', '(407) 555-0123', '407-555-0199', 'Jane@Example.com', 'Y', '06/15/1998', '$287,450'] });
    expect(r.identityOk).toBe(true);
    expect(r.skip).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(r.property).toMatchObject({
      parcelId: '352027664500550',
      parcelIdDisplay: '35-20-27-6645-00-550',
      ownerName: 'DOE JANE Q',
      situs: { line1: '1207 Example Ave', city: 'ORLANDO', state: 'FL', zip: '32808' },
      mailing: { line1: '42 Sample Ln', state: 'OH' },
      lastSaleDate: '1998-06-15',
      estimatedValue: 287450,
      source: 'list_import',
    });
    expect(r.signals).toEqual({ taxDelinquent: true });
    expect(r.contacts).toEqual([
      { phone: '+14075550123', lineType: 'unknown', source: 'list_import', name: 'DOE JANE Q' },
      { email: 'Jane@example.com', source: 'list_import', name: 'DOE JANE Q' },
      { phone: '+14075550199', lineType: 'unknown', source: 'list_import', name: 'DOE JANE Q' },
    ]);
  });
  it('keeps the row when a phone or email is bad, with a warning naming the column', () => {
    const r = mapRow({ headers, rowNumber: 7, values: ['1', '', '1 A St', '', '', '', '', '', '555-1234', 'n/a', 'not-an-email', 'maybe', '13/45/2020', 'lots'] });
    expect(r.identityOk).toBe(true);
    expect(r.contacts).toEqual([]);
    expect(r.warnings).toEqual([
      { row: 7, field: 'tax_delinquent', reason: 'expected yes/no, got "maybe"' },
      { row: 7, field: 'last_sale_date', reason: 'expected a date, got "13/45/2020"' },
      { row: 7, field: 'estimated_value', reason: 'expected a number, got "lots"' },
      { row: 7, field: 'phone1', reason: 'phone number too short' },
      { row: 7, field: 'email', reason: 'email has no local part or domain' },
    ]);
  });
  it('skips a row only when it has neither parcel id nor situs address', () => {
    const r = mapRow({ headers, rowNumber: 3, values: ['', 'DOE JANE', '', 'Orlando', 'FL', '32808', '', '', '4075550123', '', '', '', '', ''] });
    expect(r).toMatchObject({ identityOk: false, skip: { row: 3, reason: 'no parcel id or situs address' } });
  });
  it('skips a row without a parcel id whose situs address names no street, naming the address', () => {
    const h = ['parcel_id', 'situs_address', 'situs_unit', 'situs_zip', 'phone'];
    for (const [line, unit, written] of [
      ['***', '', '***'],
      ['---', '', '---'],
      ['N.A.', '', 'N.A.'],
      ['#4', '', '#4'],
      ['Apt 4', '', 'Apt 4'],
      ['#', '4', '#, unit 4'],
      ['123', '', '123'],
    ] as const) {
      const r = mapRow({ headers: h, rowNumber: 4, values: ['', line, unit, '32801', '4075550123'] });
      expect(r, line).toMatchObject({ identityOk: false, skip: { row: 4, reason: `no parcel id, and the situs address "${written}" names no street` } });
    }
    // A placeholder the value parser already blanks is a row without a situs address.
    expect(mapRow({ headers: h, rowNumber: 5, values: ['', 'N/A', '', '32801', ''] }).skip).toEqual({ row: 5, reason: 'no parcel id or situs address' });
    // With a parcel id the situs is not the identity: the row is kept.
    expect(mapRow({ headers: h, rowNumber: 6, values: ['12-34', '***', '', '32801', ''] })).toMatchObject({ identityOk: true, property: { parcelId: '1234', situs: { line1: '***' } } });
    expect(mapRow({ headers: h, rowNumber: 7, values: ['', 'Lot 5 Sunset Acres', '', '32801', ''] }).identityOk).toBe(true);
  });
  it('warns when a row has more or fewer cells than the header', () => {
    expect(mapRow({ headers: ['parcel_id', 'owner_name'], rowNumber: 2, values: ['1'] }).warnings).toEqual([{ row: 2, field: '(row)', reason: 'row has 1 columns, header has 2' }]);
  });
});

describe('vendor presets', () => {
  it('propstream: owner first/last, mailing, numbered phones with types and DNC, vendor flags', () => {
    const headers = ['Address', 'Unit #', 'City', 'State', 'Zip', 'APN', 'Owner 1 First Name', 'Owner 1 Last Name', 'Mailing Address', 'Mailing City', 'Mailing State', 'Mailing Zip', 'Phone 1', 'Phone 1 Type', 'Phone 1 DNC', 'Phone 2', 'Email 1', 'Vacant?', 'Tax Delinquent?', 'Est. Value', 'Est. Equity %', 'Owner Occupied'];
    const r = mapRow({ preset: 'propstream', headers, rowNumber: 1, values: ['1207 Example Ave', '', 'Orlando', 'FL', '32808', '29-22-18-0000-00-001', 'Jane', 'Doe', '42 Sample Ln', 'Columbus', 'OH', '43004', '407-555-0123', 'Wireless', 'Yes', '407 555 0199', 'jane@example.com', 'Yes', 'No', '287450', '62', 'No'] });
    expect(r.property).toMatchObject({ ownerName: 'Jane Doe', parcelId: '292218000000001', equityPercent: 62, ownerOccupied: false, source: 'propstream', mailing: { city: 'COLUMBUS', state: 'OH' } });
    expect(r.signals).toEqual({ vacant: true, taxDelinquent: false });
    expect(r.contacts).toEqual([
      { phone: '+14075550123', lineType: 'mobile', vendorDnc: true, source: 'propstream', name: 'Jane Doe' },
      { email: 'jane@example.com', source: 'propstream', name: 'Jane Doe' },
      { phone: '+14075550199', lineType: 'unknown', source: 'propstream', name: 'Jane Doe' },
    ]);
  });
  it('batchleads: "Phone Type 1" pairs with "Phone 1"', () => {
    const r = mapRow({ preset: 'batchleads', headers: ['Property Address', 'Property City', 'Owner First Name', 'Owner Last Name', 'Phone 1', 'Phone Type 1', 'APN'], rowNumber: 1, values: ['9 Lake Dr', 'Sanford', 'Zoë', "O'Brien", '3215550111', 'Landline', '2620305AR0D00003A'] });
    expect(r.property).toMatchObject({ ownerName: "Zoë O'Brien", situs: { line1: '9 Lake Dr', city: 'SANFORD' }, source: 'batchleads' });
    expect(r.contacts).toEqual([{ phone: '+13215550111', lineType: 'landline', source: 'batchleads', name: "Zoë O'Brien" }]);
  });
  it('reads the line type from a phone column named after it, unless the type column or the number says otherwise', () => {
    const headers = ['APN', 'Address', 'Cell', 'Mobile Phone', 'Wireless', 'Owner Cell Phone 2', 'Landline', 'Home Phone', 'Phone 2'];
    const r = mapRow({ preset: 'propstream', headers, rowNumber: 1, values: ['1-2', '1 Main St', '4075550101', '4075550102', '4075550103', '4075550104', '4075550105', '4075550106', '4075550107'] });
    expect(r.contacts.map((c) => [c.phone, c.lineType]).sort()).toEqual([
      ['+14075550101', 'mobile'],
      ['+14075550102', 'mobile'],
      ['+14075550103', 'mobile'],
      ['+14075550104', 'mobile'],
      ['+14075550105', 'landline'],
      ['+14075550106', 'landline'],
      ['+14075550107', 'unknown'],
    ]);
    // The phone's type column wins over the column's name; an empty or unrecognised one does not.
    const typed = mapRow({ headers: ['parcel_id', 'Cell Phone', 'Phone Type', 'Landline 2', 'Phone 2 Type'], rowNumber: 1, values: ['1', '4075550101', 'Landline', '4075550102', 'Other'] });
    expect(typed.contacts.map((c) => c.lineType)).toEqual(['landline', 'landline']);
    // libphonenumber knows these (a French mobile, a toll-free number): the column's name does not change them.
    const known = mapRow({ headers: ['parcel_id', 'Landline', 'Cell'], rowNumber: 1, values: ['1', '+33 6 12 34 56 78', '(800) 555-0100'] });
    expect(known.contacts.map((c) => c.lineType)).toEqual(['mobile', 'toll_free']);
    // A number it only knows as "fixed line or mobile" (Mexico) takes the column's name.
    expect(mapRow({ headers: ['parcel_id', 'Mobile'], rowNumber: 1, values: ['1', '+52 55 1234 5678'] }).contacts[0]!.lineType).toBe('mobile');
    // "Phone 1 Type" belongs to "Phone 1", not to a "Cell" column before it that shares its number.
    const paired = mapRow({ headers: ['parcel_id', 'Cell', 'Phone 1', 'Phone 1 Type'], rowNumber: 1, values: ['1', '4075550101', '4075550102', 'VoIP'] });
    expect(paired.contacts.map((c) => [c.phone, c.lineType])).toEqual([
      ['+14075550102', 'voip'],
      ['+14075550101', 'mobile'],
    ]);
    // A column mapped to phone with --map is read the same way.
    const mapped = mapRow({ headers: ['parcel_id', 'Wireless #'], mapping: { 'Wireless #': 'phone' }, rowNumber: 1, values: ['1', '4075550101'] });
    expect(mapped.contacts[0]!.lineType).toBe('mobile');
  });
  it('dealmachine: per-contact names, phones and emails', () => {
    const headers = ['property_address_full', 'property_address_city', 'owner_1_name', 'apn_parcel_id', 'contact_1_name', 'contact_1_phone1', 'contact_1_phone1_type', 'contact_2_name', 'contact_2_email1'];
    const r = mapRow({ preset: 'dealmachine', headers, rowNumber: 1, values: ['5 Elm Ct', 'DeLand', 'SMITH ROBERT', '7001-02-03', 'Robert Smith', '386-555-0100', 'Mobile', 'Ann Smith', 'ann@example.net'] });
    expect(r.contacts).toEqual([
      { phone: '+13865550100', lineType: 'mobile', source: 'dealmachine', name: 'Robert Smith' },
      { email: 'ann@example.net', source: 'dealmachine', name: 'Ann Smith' },
    ]);
  });
  it('expired: MLS columns, and the agent phone is never an owner contact', () => {
    const headers = ['MLS #', 'Status', 'List Price', 'Expiration Date', 'Listing Agent', 'Agent Phone', 'Address', 'City', 'Zip', 'Owner Name', 'Phone'];
    const r = mapRow({ preset: 'expired', headers, rowNumber: 1, values: ['O6123456', 'Expired', '$350,000', '2026-01-15', 'Pat Agent', '407-555-0177', '77 Court Blvd', 'Kissimmee', '34741', 'ROE JOHN', '407-555-0188'] });
    expect(r.property).toMatchObject({ mlsNumber: 'O6123456', mlsStatus: 'Expired', listPrice: 350000, expirationDate: '2026-01-15', listingAgent: 'Pat Agent', agentPhone: '407-555-0177', source: 'mls_expired' });
    expect(r.contacts.map((c) => c.phone)).toEqual(['+14075550188']);
  });
  it('fsbo: seller phone is a contact, source fsbo', () => {
    const r = mapRow({ preset: 'fsbo', headers: ['Address', 'Asking Price', 'Seller Name', 'Seller Phone'], rowNumber: 1, values: ['3 Pine Way', '199000', 'Ana Ruiz', '352-555-0123'] });
    expect(r.contacts).toEqual([{ phone: '+13525550123', lineType: 'unknown', source: 'fsbo', name: 'Ana Ruiz' }]);
    expect(r.property.listPrice).toBe(199000);
  });
});

describe('planColumns', () => {
  it('applies --map overrides and ignore, and reports mapped columns missing from the file', () => {
    const r = planColumns({ headers: ['Site', 'Folio', 'Junk'], mapping: { Site: 'situs_address', Folio: 'parcel_id', Junk: 'ignore', Nope: 'owner_name' } });
    expect(r.ok && r.plan.columns.map((c) => [c.header, c.field])).toEqual([['Site', 'situs_address'], ['Folio', 'parcel_id']]);
    expect(r.ok && r.plan.warnings).toEqual([{ row: 0, field: 'Nope', reason: 'mapped column is not in the file' }]);
  });
  it('refuses an unknown target field and a file with no identity column', () => {
    expect(planColumns({ headers: ['a'], mapping: { a: 'situs' as never } })).toMatchObject({ ok: false, field: 'a' });
    expect(planColumns({ headers: ['owner_name', 'phone'] })).toMatchObject({ ok: false, field: 'parcel_id' });
  });
  it('lists unmapped columns and warns about duplicate column names', () => {
    const r = planColumns({ headers: ['parcel_id', 'Bedrooms', 'parcel_id'] });
    expect(r.ok && r.plan.unmapped).toEqual(['Bedrooms']);
    expect(r.ok && r.plan.warnings).toEqual([{ row: 0, field: 'parcel_id', reason: 'duplicate column name; only the first is used' }]);
  });
});

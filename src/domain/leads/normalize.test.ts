import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './normalize-address.js';
import { normalizeHeader } from './normalize-header.js';
import { normalizeParcelId } from './normalize-parcel-id.js';
import { normalizeState } from './normalize-state.js';
import { normalizeZip } from './normalize-zip.js';
import { ownerKey } from './owner-key.js';

describe('normalizeAddress', () => {
  it.each([
    ['1207 Example Avenue', '1207 EXAMPLE AVE'],
    ['1207  example ave.', '1207 EXAMPLE AVE'],
    ['42 Sample Lane', '42 SAMPLE LN'],
    ['100 North Orange Blossom Trail', '100 N ORANGE BLOSSOM TRL'],
    ['500 Main Street Apt. 4B', '500 MAIN ST UNIT 4B'],
    ['500 Main St #4B', '500 MAIN ST UNIT 4B'],
    ['500 Main St, Suite 4B', '500 MAIN ST UNIT 4B'],
    ['9 Lake Drive West', '9 LAKE DR W'],
    ['12 North St', '12 NORTH ST'],
    ['77 Court Boulevard', '77 COURT BLVD'],
  ])('%s → %s', (raw, want) => {
    expect(normalizeAddress(raw)).toBe(want);
  });
});

describe('identifiers', () => {
  it('normalises parcel ids to alphanumerics, keeping letters', () => {
    expect(normalizeParcelId('35-20-27-6645-00-550')).toBe('352027664500550');
    expect(normalizeParcelId(' 26-20-30-5ar-0d00-003a ')).toBe('2620305AR0D00003A');
  });
  it('matches headers regardless of case, spaces and punctuation', () => {
    expect(normalizeHeader('Owner 1 First Name')).toBe(normalizeHeader('owner_1_first_name'));
    expect(normalizeHeader('\uFEFFParcel ID')).toBe('parcelid');
    expect(normalizeHeader('Est. Equity %')).not.toBe(normalizeHeader('Est. Equity'));
  });
  it('normalises states and zips', () => {
    expect(normalizeState('Florida')).toBe('FL');
    expect(normalizeState('oh')).toBe('OH');
    expect(normalizeZip('32808-1234')).toBe('32808');
    expect(normalizeZip('2108')).toBe('02108');
  });
});

describe('ownerKey', () => {
  it('links one owner across lists that write the name differently', () => {
    const a = ownerKey({ ownerName: 'DOE JANE Q', mailing: { line1: '42 Sample Lane', zip: '43004' } });
    const b = ownerKey({ ownerName: 'Jane Doe', mailing: { line1: '42 SAMPLE LN', zip: '43004-1111' } });
    expect(a).toBe('DOE JANE|42 SAMPLE LN|43004');
    expect(b).toBe(a);
  });
  it('keeps different mailing addresses apart and refuses to guess without a name or address', () => {
    expect(ownerKey({ ownerName: 'Jane Doe', mailing: { line1: '1 Other Rd' } })).not.toBe(ownerKey({ ownerName: 'Jane Doe', mailing: { line1: '2 Other Rd' } }));
    expect(ownerKey({ ownerName: undefined, mailing: { line1: '1 Other Rd' } })).toBeUndefined();
    expect(ownerKey({ ownerName: 'Jane Doe', mailing: {} })).toBeUndefined();
  });
  it('folds accents so José Núñez is one owner however a list spells him', () => {
    expect(ownerKey({ ownerName: 'José Núñez', mailing: { line1: '1 A St' } })).toBe(ownerKey({ ownerName: 'NUNEZ JOSE', mailing: { line1: '1 A Street' } }));
  });
});

import { describe, expect, it } from 'vitest';
import { situsKey } from './situs-key.js';

describe('situsKey', () => {
  it.each([
    [{ line1: '1207 Example Avenue', zip: '32808-1234' }, '1207 EXAMPLE AVE|32808'],
    [{ line1: '1207 Example Ave', unit: '4', zip: '32808' }, '1207 EXAMPLE AVE UNIT 4|32808'],
    [{ line1: '1207 Example Ave, Apt. #4', zip: '32808' }, '1207 EXAMPLE AVE UNIT 4|32808'],
    [{ line1: '9 Lake Dr', city: 'SANFORD' }, '9 LAKE DR|SANFORD'],
    [{ line1: 'Lot 5 Sunset Acres', zip: '32801' }, 'LOT 5 SUNSET ACRES|32801'],
    [{ line1: 'HWY 50', zip: '32801' }, 'HWY 50|32801'],
  ])('%o → %s', (situs, key) => {
    expect(situsKey(situs)).toBe(key);
  });
  it.each(['', '-', '---', '***', '.,;', '??', 'N/A', 'N.A.', 'n a', 'Unknown', 'TBD', 'No Address', '#4', '# 4', 'Apt 4', 'UNIT 4B', 'Ste 200', 'Bldg 3 Apt 4', '123', '4B'])(
    '%j names no street: no key',
    (line1) => {
      expect(situsKey({ line1, zip: '32801' })).toBeNull();
    },
  );
  it('a unit alone, in the unit column, is no street either', () => {
    expect(situsKey({ line1: '#', unit: '4', zip: '32801' })).toBeNull();
    expect(situsKey({ unit: '4', zip: '32801' })).toBeNull();
  });
});

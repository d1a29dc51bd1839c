/**
 * Header matching is case-, space- and punctuation-insensitive so "Owner 1 First Name",
 * "owner_1_first_name" and "OWNER 1 FIRST NAME" are the same column. `%` and `#` carry meaning
 * ("Est. Equity %" is not "Est. Equity", "MLS #" is a number), so they become words first.
 *
 * @example normalizeHeader('Est. Equity %') // 'estequitypct'
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/%/g, 'pct')
    .replace(/#/g, 'num')
    .replace(/[^a-z0-9]/g, '');
}

import { normalizeAddress, UNIT_MARKERS } from './normalize-address.js';
import { normalizeZip } from './normalize-zip.js';
import type { PostalAddress } from './types.js';

/**
 * Street lines that are a list's way of saying "no address", compared with only their letters and digits
 * (`N/A`, `N.A.` and `n a` are all `NA`).
 */
const PLACEHOLDERS = new Set([
  'NA', 'NONE', 'NULL', 'NIL', 'UNKNOWN', 'TBD', 'TBA', 'NOADDRESS', 'NOSITUS', 'NOSITUSADDRESS', 'ADDRESSUNKNOWN',
  'UNKNOWNADDRESS', 'NOTAVAILABLE', 'NOTAPPLICABLE', 'NOSTREET',
]);

/**
 * The situs identity of a property without a parcel id: the normalised street line (with its unit) and the
 * ZIP (or, without one, the city). Null when the line names no street — blank, only punctuation (`-`, `***`),
 * a placeholder (`N/A`, `Unknown`), a bare unit (`#4`, `Apt 4`) or a bare house number (`123`) — since every such row
 * would otherwise share one key and collapse into one property.
 *
 * @example situsKey({ line1: '1207 Example Avenue', unit: '4', zip: '32808-1234' }) // '1207 EXAMPLE AVE UNIT 4|32808'
 * @example situsKey({ line1: 'N.A.', zip: '32808' }) // null
 */
export function situsKey(situs: Pick<PostalAddress, 'line1' | 'unit' | 'zip' | 'city'>): string | null {
  if (!situs.line1) return null;
  const line = normalizeAddress(situs.unit ? `${situs.line1} UNIT ${situs.unit}` : situs.line1);
  if (!namesAStreet(line)) return null;
  return `${line}|${situs.zip ? normalizeZip(situs.zip) : (situs.city ?? '').toUpperCase()}`;
}

/** Whether a normalised line (`normalizeAddress`) has a street: not a placeholder, not only a unit or a house number. */
function namesAStreet(line: string): boolean {
  if (!line) return false;
  // The street is what comes before the unit normalizeAddress split off; a line that starts with a unit
  // marker ("APT 4", "NUM 4") keeps it as its first word.
  const at = line.indexOf(' UNIT ');
  const words = (at === -1 ? line : line.slice(0, at)).split(' ').filter((w) => /[A-Z0-9]/.test(w));
  if (words.length === 0) return false;
  // A street name has a word of two letters or more ("MAIN", "1ST", "HWY"); "123" or "4B" alone is a door, not a street.
  if (!words.some((w) => /[A-Z]{2}/.test(w))) return false;
  if (PLACEHOLDERS.has(words.join('').replace(/[^A-Z0-9]/g, ''))) return false;
  if (UNIT_MARKERS.has(words[0]!) && words.length <= 2) return false;
  return true;
}

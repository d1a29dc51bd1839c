/**
 * Five-digit ZIP from "32808", "32808-1234", "328081234" or a spreadsheet that ate the leading zero
 * ("2108" → "02108"). Anything else is returned trimmed so nothing is silently invented.
 */
export function normalizeZip(raw: string): string {
  const t = raw.trim();
  const m = /^(\d{3,5})(?:[- ]?\d{4})?$/.exec(t);
  if (!m) return t;
  return m[1]!.padStart(5, '0');
}

/**
 * Counties print the same parcel with and without separators ("35-20-27-6645-00-550" on the web,
 * "272035664500550"-style keys in the roll; Seminole ids contain letters), so matching uses
 * alphanumerics only, uppercased. Callers keep the display form separately.
 *
 * @example normalizeParcelId(' 26-20-30-5ar-0d00-003a ') // '2620305AR0D00003A'
 */
export function normalizeParcelId(raw: string): string {
  return raw.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

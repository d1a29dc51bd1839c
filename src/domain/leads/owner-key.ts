import { normalizeAddress } from './normalize-address.js';
import { normalizeZip } from './normalize-zip.js';
import type { PostalAddress } from './types.js';

export interface OwnerKeyOptions {
  ownerName: string | undefined;
  mailing: Pick<PostalAddress, 'line1' | 'unit' | 'zip'>;
}

/** Printable ASCII only (anything else takes the full path, which is also right for it). */
const ASCII = /^[ -~]*$/;

/** Legal noise that differs between lists for the same owner. */
const NOISE = new Set(['AND', 'THE', 'JR', 'SR', 'II', 'III', 'IV', 'ETAL', 'ET', 'AL', 'H/W', 'HW', 'JTWROS', 'TR', 'TRS', 'TRUSTEE']);

/**
 * One owner = one conversation: properties whose owner name and mailing address agree share a key.
 * Name tokens are sorted and initials dropped because the roll writes "DOE JANE Q" where a vendor
 * writes "Jane Doe". Returns undefined without a name or a mailing street: guessing would merge
 * strangers into one conversation.
 *
 * @example ownerKey({ ownerName: 'DOE JANE Q', mailing: { line1: '42 Sample Lane', zip: '43004' } })
 * // 'DOE JANE|42 SAMPLE LN|43004'
 */
export function ownerKey(options: OwnerKeyOptions): string | undefined {
  const { ownerName, mailing } = options;
  if (!ownerName || !mailing.line1) return undefined;
  const upper = ownerName.toUpperCase();
  // Decomposing and stripping accents changes nothing in plain ASCII, the usual case; skip the ICU call then.
  const name = (ASCII.test(upper) ? upper : upper.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 1 && !NOISE.has(t))
    .sort()
    .join(' ');
  if (!name) return undefined;
  const street = normalizeAddress(mailing.unit ? `${mailing.line1} UNIT ${mailing.unit}` : mailing.line1);
  return `${name}|${street}|${mailing.zip ? normalizeZip(mailing.zip) : ''}`;
}

/**
 * SMS segment math (COMPLIANCE.md C8). Carriers bill per segment, so this decides what a message costs
 * and whether it fits the one-segment target of a first touch.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Parts the message is split into; 0 for an empty text (nothing would be sent). */
  segments: number;
  /** User-visible characters (code points). */
  characters: number;
  /** Encoded units: GSM-7 septets (extension characters count 2) or UTF-16 code units. */
  units: number;
  /** Units that fit in one part at this length: 160/153 (GSM-7) or 70/67 (UCS-2). */
  unitsPerSegment: number;
  /** The distinct characters that forced UCS-2, in order of first appearance. */
  nonGsmChars: string[];
}

// GSM 03.38 basic set (ESC 0x1B excluded: it is only the escape prefix, never text).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Extension table: sent as ESC + char, so each costs two septets.
const GSM_EXTENSION = '^{}\\[~]|€\f';

// Every GSM character is in the BMP, so a flat table indexed by UTF-16 code unit answers in O(1):
// 0 = not GSM, 1 = basic, 2 = extension.
const GSM_WIDTH = new Uint8Array(0x10000);
for (const ch of GSM_BASIC) GSM_WIDTH[ch.charCodeAt(0)] = 1;
for (const ch of GSM_EXTENSION) GSM_WIDTH[ch.charCodeAt(0)] = 2;

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/**
 * Counts the segments a text is sent as.
 *
 * @example
 * countSegments('Hi there') // { encoding: 'GSM-7', segments: 1, characters: 8, units: 8, unitsPerSegment: 160, nonGsmChars: [] }
 * countSegments('Hi 👋')    // UCS-2: the emoji is a surrogate pair, 2 units
 */
export function countSegments(text: string): SegmentCount {
  const n = text.length;
  let septets = 0;
  let nonGsm: string[] | undefined;
  let characters = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const w = GSM_WIDTH[c]!;
    characters++;
    if (w !== 0) {
      septets += w;
      continue;
    }
    const isPair = c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1));
    const ch = isPair ? text.slice(i, i + 2) : text[i]!;
    if (isPair) i++;
    nonGsm ??= [];
    if (!nonGsm.includes(ch)) nonGsm.push(ch);
  }
  if (n === 0) return { encoding: 'GSM-7', segments: 0, characters: 0, units: 0, unitsPerSegment: GSM_SINGLE, nonGsmChars: [] };
  if (nonGsm === undefined) {
    if (septets <= GSM_SINGLE) return { encoding: 'GSM-7', segments: 1, characters, units: septets, unitsPerSegment: GSM_SINGLE, nonGsmChars: [] };
    // Without extension characters every septet is one character and nothing can straddle a part.
    const segments = septets === n ? Math.ceil(septets / GSM_PART) : packGsm(text);
    return { encoding: 'GSM-7', segments, characters, units: septets, unitsPerSegment: GSM_PART, nonGsmChars: [] };
  }
  // UCS-2 counts UTF-16 code units: a surrogate pair (most emoji) is two.
  if (n <= UCS2_SINGLE) return { encoding: 'UCS-2', segments: 1, characters, units: n, unitsPerSegment: UCS2_SINGLE, nonGsmChars: nonGsm };
  return { encoding: 'UCS-2', segments: packUcs2(text), characters, units: n, unitsPerSegment: UCS2_PART, nonGsmChars: nonGsm };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

// An escape and its character must travel in the same part, so a two-septet character that does not
// fit in what is left of a part starts the next one (and leaves one septet unused).
function packGsm(text: string): number {
  let parts = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const w = GSM_WIDTH[text.charCodeAt(i)]!;
    if (used + w > GSM_PART) {
      parts++;
      used = 0;
    }
    used += w;
  }
  return parts;
}

// A surrogate pair is never split across parts (the receiving phone would show two broken halves).
function packUcs2(text: string): number {
  let parts = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    if (used + w > UCS2_PART) {
      parts++;
      used = 0;
    }
    used += w;
    if (w === 2) i++;
  }
  return parts;
}

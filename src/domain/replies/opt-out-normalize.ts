/** Marks a sentence boundary in the token stream. */
export const SENTENCE_BREAK = '|';

const STOP_SIGN_EMOJI = /\u{1F6D1}/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const INNER_APOSTROPHE = /(\p{L})['’‘`´](\p{L})/gu;
const SENTENCE_END = /[.!?;:¡¿\n\r]+/g;
const NON_WORD = /[^a-z0-9|]+/g;

/**
 * Normalises a reply into lowercase ASCII word tokens with `|` between sentences: NFKC (full-width and styled
 * letters become plain), the stop-sign emoji 🛑 reads as the word "stop", lowercase, diacritics stripped
 * ("más" → "mas", "número" → "numero"), in-word apostrophes dropped ("don't" → "dont"), sentence punctuation
 * → `|`, every other punctuation mark and emoji → a space.
 *
 * @example normalizeReply("STOP🛑 don't text me. Gracias") // ['stop', 'stop', 'dont', 'text', 'me', '|', 'gracias']
 */
export function normalizeReply(text: string): string[] {
  const s = text
    .normalize('NFKC')
    .replace(STOP_SIGN_EMOJI, ' stop ')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(INNER_APOSTROPHE, '$1$2')
    .replace(SENTENCE_END, ' | ')
    .replace(NON_WORD, ' ');
  const tokens = s.split(' ');
  const out: string[] = [];
  for (const t of tokens) {
    if (t.length === 0) continue;
    if (t === SENTENCE_BREAK && (out.length === 0 || out[out.length - 1] === SENTENCE_BREAK)) continue;
    out.push(t);
  }
  if (out[out.length - 1] === SENTENCE_BREAK) out.pop();
  return out;
}

/**
 * Splits a short inbound reply (SMS, email line, voicemail transcript) into tokens the sentiment
 * scorer, the intent classifier and the objection matcher all share, so the three never disagree
 * about what a "word" is.
 */

export type ReplyTokenKind = 'word' | 'emoji' | 'emoticon';

export interface ReplyToken {
  /** As typed (case kept: ALL CAPS is a sentiment signal). */
  raw: string;
  /** Lower-cased, accents and apostrophes removed, texting slang mapped ("ur" -> "your"); emoji without variation selectors. */
  norm: string;
  kind: ReplyTokenKind;
}

export interface TokenizedReply {
  tokens: ReplyToken[];
  /** `norm` of every word token, in order (no emoji): what phrase rules match against. */
  words: string[];
  questionMarks: number;
  exclamations: number;
}

// Emoji (with skin tones, ZWJ sequences and the VS16 selector that phones append, e.g. "⛵️"),
// then the few ASCII emoticons people still type, then words (letters/digits, inner apostrophes).
const TOKEN_RE =
  /(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*)|(<3|[:;=][-']?[)(DPpOo/\\|*\][])|([\p{L}\p{N}]+(?:['’][\p{L}]+)*)/gu;
const VARIATION_RE = /[\uFE0F\u200D]|\p{Emoji_Modifier}/gu;
const MARKS_RE = /\p{M}/gu;
const APOSTROPHE_RE = /['’]/g;
// "I'll" without its apostrophe is "ill", "he'll" is "hell", "we'd" is "wed": keep those apostrophes.
const KEEP_APOSTROPHE_RE = /['’](?:ll|d)$/;
// eslint-disable-next-line no-control-regex
const NON_ASCII_RE = /[^\u0000-\u007f]/;

/**
 * Texting slang and the commonest misspellings, mapped one word to one word so token positions
 * (negation windows, phrase matches) stay aligned. Kept small on purpose: the intent model's
 * character n-grams absorb the long tail of typos.
 */
export const SLANG: Readonly<Record<string, string>> = {
  u: 'you', ya: 'yes', yea: 'yes', yeah: 'yes', yep: 'yes', yup: 'yes', yah: 'yes', yas: 'yes', yess: 'yes', yesss: 'yes', ys: 'yes',
  ur: 'your', youre: 'your', yoyr: 'your', yor: 'your',
  thx: 'thanks', thnx: 'thanks', thanx: 'thanks', tnx: 'thanks', ty: 'thanks', tks: 'thanks', thks: 'thanks',
  pls: 'please', plz: 'please', pleas: 'please', plis: 'please',
  nah: 'no', naw: 'no', nope: 'no', nop: 'no', noo: 'no', nooo: 'no', nomore: 'no',
  k: 'ok', kk: 'ok', okay: 'ok', okey: 'ok', oki: 'ok', okie: 'ok',
  idk: 'dunno', dnt: 'dont', doent: 'doesnt', dosnt: 'doesnt', wnt: 'wont', cnt: 'cant',
  r: 'are', wat: 'what', wut: 'what', whats: 'whats', wats: 'whats', wuts: 'whats', hw: 'how', y: 'why',
  interseted: 'interested', intrested: 'interested', intersted: 'interested', intereste: 'interested', interesed: 'interested',
  numbr: 'number', nmbr: 'number', num: 'number', numer: 'number', nuber: 'number',
  rn: 'now', tmrw: 'tomorrow', tmr: 'tomorrow', tho: 'though', b4: 'before', '2day': 'today',
  bc: 'because', cuz: 'because', coz: 'because', bcuz: 'because',
  txt: 'text', txts: 'texts', txting: 'texting', msg: 'message', msgs: 'messages',
  ppl: 'people', prolly: 'probably', def: 'definitely', deff: 'definitely', hve: 'have', hav: 'have', gt: 'got', abt: 'about', bout: 'about',
};

function normWord(lower: string): string {
  let w = lower;
  if (NON_ASCII_RE.test(w)) w = w.normalize('NFD').replace(MARKS_RE, '');
  w = KEEP_APOSTROPHE_RE.test(w) ? w.replace(APOSTROPHE_RE, "'") : w.replace(APOSTROPHE_RE, '');
  return SLANG[w] ?? w;
}

/**
 * Tokenizes a reply. Pure and deterministic.
 *
 * @example tokenizeReply('Tame me off yoyr list 🙏').words // ['tame','me','off','your','list']
 */
export function tokenizeReply(text: string): TokenizedReply {
  const input = text.normalize('NFKC');
  const tokens: ReplyToken[] = [];
  const words: string[] = [];
  for (const m of input.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined) {
      tokens.push({ raw: m[1], norm: m[1].replace(VARIATION_RE, ''), kind: 'emoji' });
    } else if (m[2] !== undefined) {
      tokens.push({ raw: m[2], norm: m[2].toLowerCase(), kind: 'emoticon' });
    } else if (m[3] !== undefined) {
      const norm = normWord(m[3].toLowerCase());
      tokens.push({ raw: m[3], norm, kind: 'word' });
      words.push(norm);
    }
  }
  let questionMarks = 0;
  let exclamations = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 63 /* ? */) questionMarks++;
    else if (c === 33 /* ! */) exclamations++;
  }
  return { tokens, words, questionMarks, exclamations };
}

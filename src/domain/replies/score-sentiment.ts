/**
 * Lexicon sentiment for short replies, following VADER's published heuristics (Hutto & Gilbert,
 * ICWSM 2014): valence lexicon, negation within three words, boosters and dampeners, ALL-CAPS
 * emphasis, "but" contrast, "!" and "?" emphasis, normalisation to -1..1.
 *
 * Why not the `vader-sentiment` npm port: its negation check is case-sensitive ("Not interested"
 * scores +0.40, "NOT INTERESTED!!!" +0.55), it ignores emoji, and its lexicon is sealed inside a
 * webpack bundle so it cannot be tuned for this domain. The rules are short; the data is what
 * matters, and that lives in sentiment-lexicon.ts.
 */
import { BOOSTERS, LEXICON, NEGATIONS, PHRASES_BY_FIRST_WORD } from './sentiment-lexicon.js';
import type { ReplyToken, TokenizedReply } from './tokenize-reply.js';
import { tokenizeReply } from './tokenize-reply.js';

export interface SentimentToken {
  /** The word, emoji or phrase as typed. */
  text: string;
  /** Its contribution after negation, boosters and emphasis (VADER scale). */
  valence: number;
}

export interface SentimentResult {
  /** -1 (very negative) .. 1 (very positive); 0 when nothing in the text carries sentiment. */
  score: number;
  /** The items that contributed, in order: why the score is what it is. */
  tokens: SentimentToken[];
}

export interface ScoreSentimentOptions {
  /** A reply already tokenized by tokenizeReply (classifyReply shares one tokenization). */
  tokenized?: TokenizedReply;
}

// VADER's constants.
const B_INCR = 0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;
const NORMALIZE_ALPHA = 15;
const EXCLAMATION_STEP = 0.292;
const MAX_EXCLAMATIONS = 4;
const QUESTION_STEP = 0.18;
const QUESTION_MAX = 0.96;
const BUT_WORDS: ReadonlySet<string> = new Set(['but', 'pero', 'although', 'however']);
const LETTER_RE = /\p{L}/u;

function isAllCaps(token: ReplyToken): boolean {
  return token.kind === 'word' && token.raw.length > 1 && LETTER_RE.test(token.raw) && token.raw === token.raw.toUpperCase() && token.raw !== token.raw.toLowerCase();
}

/** Matches a domain phrase starting at token i; returns it with its length in tokens. */
function matchPhrase(tokens: readonly ReplyToken[], i: number) {
  const candidates = PHRASES_BY_FIRST_WORD.get(tokens[i]!.norm);
  if (candidates === undefined) return undefined;
  outer: for (const phrase of candidates) {
    if (i + phrase.words.length > tokens.length) continue;
    for (let k = 1; k < phrase.words.length; k++) {
      const t = tokens[i + k]!;
      if (t.kind !== 'word' || t.norm !== phrase.words[k]) continue outer;
    }
    return phrase;
  }
  return undefined;
}

/**
 * Scores a reply's sentiment in [-1, 1]. Pure and deterministic: the same text always gives the same score.
 *
 * @example scoreSentiment('Not interested').score // about -0.56
 * @example scoreSentiment('yes call me 👍').score  // about 0.83
 */
export function scoreSentiment(text: string, options: ScoreSentimentOptions = {}): SentimentResult {
  const tokenized = options.tokenized ?? tokenizeReply(text);
  const tokens = tokenized.tokens;
  const n = tokens.length;
  if (n === 0) return { score: 0, tokens: [] };

  let capsCount = 0;
  let wordCount = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    wordCount++;
    if (isAllCaps(t)) capsCount++;
  }
  // Caps are emphasis only when they stand out from the rest (VADER's "cap differential").
  const capDiff = capsCount > 0 && capsCount < wordCount;

  const valences = new Array<number>(n).fill(0);
  // Tokens inside a matched phrase: a look-back never reaches through them ("not now but maybe").
  const inPhrase = new Array<boolean>(n).fill(false);
  let i = 0;
  while (i < n) {
    const token = tokens[i]!;
    if (token.kind === 'word' && BOOSTERS[token.norm] !== undefined && !LEXICON.has(token.norm)) {
      i++;
      continue;
    }
    let valence = 0;
    let span = 1;
    let selfNegated = false;
    const phrase = token.kind === 'word' ? matchPhrase(tokens, i) : undefined;
    if (phrase !== undefined) {
      valence = phrase.valence;
      span = phrase.words.length;
      selfNegated = phrase.negated;
    } else {
      valence = LEXICON.get(token.norm) ?? 0;
    }
    if (valence !== 0) {
      if (capDiff && isAllCaps(token)) valence += valence > 0 ? C_INCR : -C_INCR;
      // Look back up to three words for boosters and negations, damped with distance as in VADER.
      for (let back = 1; back <= 3 && i - back >= 0; back++) {
        const prev = tokens[i - back]!;
        if (inPhrase[i - back] || (prev.kind === 'word' && BUT_WORDS.has(prev.norm))) break;
        if (prev.kind !== 'word') continue;
        const boost = BOOSTERS[prev.norm];
        if (boost !== undefined && !LEXICON.has(prev.norm)) {
          let scalar = boost * B_INCR;
          if (valence < 0) scalar = -scalar;
          if (capDiff && isAllCaps(prev)) scalar += valence > 0 ? C_INCR * boost : -C_INCR * boost;
          valence += back === 1 ? scalar : back === 2 ? scalar * 0.95 : scalar * 0.9;
        }
        if (!selfNegated && NEGATIONS.has(prev.norm)) {
          valence *= N_SCALAR;
          break; // one negation flips once; "not not" is rare in replies and VADER would not help either
        }
      }
    }
    valences[i] = valence;
    if (span > 1) for (let k = i; k < i + span; k++) inPhrase[k] = true;
    i += span;
  }

  // "but" contrast: what follows matters more than what came before.
  const butAt = tokens.findIndex((t) => t.kind === 'word' && BUT_WORDS.has(t.norm));
  if (butAt >= 0) {
    for (let k = 0; k < n; k++) {
      if (k < butAt) valences[k]! *= 0.5;
      else if (k > butAt) valences[k]! *= 1.5;
    }
  }

  let sum = 0;
  for (const v of valences) sum += v;
  if (sum !== 0) {
    const q = tokenized.questionMarks;
    const emphasis =
      Math.min(tokenized.exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_STEP + (q > 1 ? (q <= 3 ? q * QUESTION_STEP : QUESTION_MAX) : 0);
    sum += sum > 0 ? emphasis : -emphasis;
  }
  const score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALIZE_ALPHA)));

  const contributing: SentimentToken[] = [];
  for (let k = 0; k < n; k++) {
    if (valences[k] !== 0) contributing.push({ text: tokens[k]!.raw, valence: Math.round(valences[k]! * 1000) / 1000 });
  }
  return { score: Math.round(score * 10000) / 10000, tokens: contributing };
}

/**
 * Turns a tokenized reply into the feature strings the intent model counts. Word unigrams and
 * bigrams carry meaning ("not interested" vs "interested"); character 3- and 4-grams inside words
 * carry the misspellings ("intrested", "unsubscibe", "numbr") that word features would miss.
 */
import type { TokenizedReply } from './tokenize-reply.js';

/** Words mean more than letter fragments; repeating them is NB's way of weighting a feature. */
const WORD_WEIGHT = 2;

/**
 * @example intentFeatures(tokenizeReply('Not intrested')) // ['w:not', 'w:not', ..., 'b:^_not', 'b:not_intrested', 'c: no', ...]
 */
export function intentFeatures(reply: TokenizedReply): string[] {
  const features: string[] = [];
  const words = reply.words;
  let prev = '^';
  for (const w of words) {
    for (let k = 0; k < WORD_WEIGHT; k++) features.push(`w:${w}`);
    features.push(`b:${prev}_${w}`);
    prev = w;
    const padded = ` ${w} `;
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= padded.length; i++) features.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  if (words.length > 0) features.push(`b:${prev}_$`);
  for (const t of reply.tokens) if (t.kind !== 'word') features.push(`e:${t.norm}`);
  if (reply.questionMarks > 0) features.push('p:?');
  features.push(`n:${words.length === 0 ? 0 : words.length === 1 ? 1 : words.length <= 3 ? 3 : words.length <= 7 ? 7 : 8}`);
  return features;
}

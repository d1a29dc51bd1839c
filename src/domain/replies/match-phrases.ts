/**
 * Typo-tolerant phrase matching over normalized reply words, shared by the intent rules and the
 * objection classifier. People type "Tame me off yoyr list" and "unsubscibe": a word of 4+ letters
 * inside a multi-word phrase may be one edit away, a lone word of 6+ letters one edit (two at 9+).
 * Shorter words must match exactly: "no"/"on", "end"/"and" are different words, not typos.
 */
import { distance } from 'fastest-levenshtein';

export interface CompiledPhrase<T> {
  words: readonly string[];
  text: string;
  value: T;
}

export interface PhraseMatch<T> {
  phrase: CompiledPhrase<T>;
  /** Index in `words` of the phrase's first word. */
  start: number;
}

/** Splits phrase strings once, at module load. */
export function compilePhrases<T>(entries: ReadonlyArray<readonly [phrase: string, value: T]>): CompiledPhrase<T>[] {
  return entries.map(([text, value]) => ({ text, value, words: text.split(' ') }));
}

function wordMatches(actual: string, expected: string, inMultiWord: boolean): boolean {
  if (actual === expected) return true;
  const len = expected.length;
  const minLen = inMultiWord ? 4 : 6;
  if (len < minLen || Math.abs(actual.length - len) > 2) return false;
  // A 4-letter word only tolerates a substituted letter ("tame" for "take"), not a dropped one:
  // "this is Sam" must not read as "this is spam".
  if (len < 5 && actual.length !== len) return false;
  // The first letter is rarely the typo, and checking it keeps the distance calls few.
  if (actual.charCodeAt(0) !== expected.charCodeAt(0) && len < 9) return false;
  return distance(actual, expected) <= (len >= 9 ? 2 : 1);
}

/** Does the phrase occur at position `start`? */
export function phraseAt<T>(words: readonly string[], phrase: CompiledPhrase<T>, start: number): boolean {
  const pw = phrase.words;
  if (start + pw.length > words.length) return false;
  const multi = pw.length > 1;
  for (let k = 0; k < pw.length; k++) if (!wordMatches(words[start + k]!, pw[k]!, multi)) return false;
  return true;
}

/** The first (by list order) phrase found anywhere in `words`, or undefined. */
export function findPhrase<T>(words: readonly string[], phrases: readonly CompiledPhrase<T>[]): PhraseMatch<T> | undefined {
  for (const phrase of phrases) {
    for (let start = 0; start + phrase.words.length <= words.length; start++) {
      if (phraseAt(words, phrase, start)) return { phrase, start };
    }
  }
  return undefined;
}

/** Is the whole message exactly one of the phrases (typos tolerated)? */
export function wholeMessageIs<T>(words: readonly string[], phrases: readonly CompiledPhrase<T>[]): CompiledPhrase<T> | undefined {
  for (const phrase of phrases) if (phrase.words.length === words.length && phraseAt(words, phrase, 0)) return phrase;
  return undefined;
}

/**
 * Which objection a reply raises, by typo-tolerant phrase patterns (seed 003's OBJECTION_PATTERNS
 * and many more). Checked in order of consequence: a refusal outranks everything (we must stop),
 * then "already listed" (nothing to offer), then price (a negotiation), timing (nurture later) and
 * a request for information (answer it).
 */
import type { Objection } from './objection.js';
import type { CompiledPhrase } from './match-phrases.js';
import { compilePhrases, findPhrase, wholeMessageIs } from './match-phrases.js';
import type { TokenizedReply } from './tokenize-reply.js';
import { tokenizeReply } from './tokenize-reply.js';

export interface ObjectionResult {
  objection: Objection | null;
  /** The pattern that matched, as written in the pattern list (null when none did). */
  matched: string | null;
}

export interface ClassifyObjectionOptions {
  tokenized?: TokenizedReply;
}

/** Patterns per objection, in normalized form (lower case, no apostrophes, slang mapped: "ur" -> "your"). */
export const OBJECTION_PATTERNS: Readonly<Record<Objection, readonly string[]>> = {
  not_interested: [
    'not interested', 'no interest', 'dont contact', 'do not contact', 'remove me', 'stop texting', 'stop calling', 'stop messaging',
    'not selling', 'never selling', 'never sell', 'never gonna sell', 'not for sale', 'dont want to sell', 'not gonna sell',
    'not going to sell', 'not looking to sell', 'no thanks', 'no thank you', 'leave me alone', 'take me off', 'unsubscribe', 'lose my number',
    'not to investors', 'dont sell to investors', 'no me interesa', 'no estoy interesado', 'no estoy interesada', 'no vendo', 'hard pass',
  ],
  already_listed: [
    'have an agent', 'have a agent', 'got an agent', 'have a realtor', 'got a realtor', 'working with someone', 'working with an agent',
    'working with a realtor', 'my realtor', 'my agent', 'our realtor', 'our agent', 'already listed', 'its listed', 'it is listed',
    'listed with', 'listed it', 'on the market', 'on the mls', 'under contract', 'accepted an offer', 'accepted another offer',
    'have a buyer', 'already have a buyer', 'pending sale', 'sale pending', 'listing agent', 'signed with', 'list it myself',
    'sell it ourselves', 'sell it myself', 'going to list', 'gonna list', 'fsbo', 'for sale by owner',
  ],
  price: [
    'too low', 'lowball', 'low ball', 'lowballing', 'worth more', 'zillow says', 'zillow', 'redfin', 'market is crazy', 'cant afford',
    'too expensive', 'insulting', 'not enough', 'need more', 'want more', 'more than that', 'way more', 'appraised', 'appraisal', 'comps',
    'not for that price', 'at that price', 'double that', 'retail', 'market value', 'full price', 'worth at least', 'house is worth',
    'its worth', 'too cheap', 'higher offer', 'better offer', 'best offer', 'pay more', 'offer more',
  ],
  timing: [
    'not ready', 'maybe later', 'few months', 'couple months', 'couple of months', 'next year', 'not now', 'not right now', 'not yet',
    'not at this time', 'not at the moment', 'later this year', 'in the spring', 'in the summer', 'in the fall', 'after the holidays',
    'down the road', 'in a year', 'check back', 'reach out later', 'ask me again', 'too soon', 'someday', 'eventually', 'lease is up',
    'lease ends', 'next month', 'next spring', 'next summer', 'not this year', 'in the future', 'contact me later', 'text me later',
  ],
  info_request: [
    'tell me more', 'whats this about', 'what is this about', 'how did you get my number', 'how did you get my', 'where did you get my',
    'who is this', 'whos this', 'who are you', 'what company', 'more info', 'more information', 'send me info', 'send me information',
    'send details', 'send me the details', 'how does this work', 'what do you do', 'which property', 'what property', 'what is this',
    'explain', 'website', 'how does it work', 'what are you offering', 'what do you offer',
  ],
};

const ORDER: readonly Objection[] = ['not_interested', 'already_listed', 'price', 'timing', 'info_request'];
const COMPILED: ReadonlyArray<CompiledPhrase<Objection>> = ORDER.flatMap((objection) =>
  compilePhrases(OBJECTION_PATTERNS[objection].map((phrase) => [phrase, objection] as const)),
);
// A bare refusal is the not_interested objection too; the intent rules give it the same reading.
const BARE_REFUSALS = compilePhrases(['no', 'nope', 'no no', 'no sorry', 'sorry no', 'pass', 'ill pass', 'nty'].map((x) => [x, 'not_interested' as const] as const));

/**
 * @example classifyObjection('I already have a realtor') // { objection: 'already_listed', matched: 'have a realtor' }
 * @example classifyObjection('zillow says its worth 300k') // { objection: 'price', matched: 'zillow says' }
 */
export function classifyObjection(text: string, options: ClassifyObjectionOptions = {}): ObjectionResult {
  const words = (options.tokenized ?? tokenizeReply(text)).words;
  const bare = wholeMessageIs(words, BARE_REFUSALS);
  if (bare) return { objection: 'not_interested', matched: bare.text };
  const match = findPhrase(words, COMPILED);
  return match ? { objection: match.phrase.value, matched: match.phrase.text } : { objection: null, matched: null };
}

/**
 * Rules that decide a reply's intent when they are sure, before the model is asked. Order is the
 * order of harm: missing an opt-out is a legal problem, so opt-out goes first; texting a wrong
 * party or someone who said no is the next worst; a hot lead is never lost to a rule because the
 * "interested" and "question" rules only fire when nothing negative did, and anything the rules
 * are unsure about goes to the model (and, at low confidence, to the LLM).
 *
 * Phrase lists follow shared/research/compliance-rules.md §2.5 (keywords) and §3 (natural language).
 */
import type { Intent } from './intent.js';
import type { CompiledPhrase } from './match-phrases.js';
import { compilePhrases, findPhrase, wholeMessageIs } from './match-phrases.js';
import { NEGATIONS } from './sentiment-lexicon.js';
import type { TokenizedReply } from './tokenize-reply.js';

export interface IntentRuleMatch {
  intent: Intent;
  confidence: number;
  /** Which rule fired and on what, e.g. "opt_out:phrase:take me off". */
  rule: string;
}

const p = (...phrases: string[]): CompiledPhrase<true>[] => compilePhrases(phrases.map((x) => [x, true] as const));

// Tier A: the whole message is a revocation keyword (typos included).
const OPT_OUT_WHOLE = p(
  'stop', 'stopall', 'stop all', 'stop it', 'stop now', 'stop please', 'please stop', 'stop stop', 'quit', 'end', 'revoke',
  'opt out', 'optout', 'cancel', 'cancel all', 'unsubscribe', 'unsub', 'remove', 'remove me', 'dnc', 'do not call', 'do not text',
  'arret', 'alto', 'parar', 'para', 'pare', 'basta', 'cancelar', 'baja', 'no mas', 'bye', 'goodbye', 'enough',
  'stp', 'sotp', 'stpo', 'stip', 'sop', 'stopp', 'stoop', 'spot texting', 'unsubcribe', 'unsuscribe', 'cancle', 'optuot',
);
// Tier B: a revocation keyword anywhere as its own word ("STOP texting me", "No. Stop.").
const OPT_OUT_ANYWHERE_WORDS: ReadonlySet<string> = new Set(['stop', 'stopp', 'unsubscribe', 'unsub', 'optout', 'revoke', 'dnc', 'tcpa', 'fcc', 'ftc']);
// "I'll stop by Tuesday" is a look-alike, not a revocation.
const STOP_LOOKALIKE_NEXT: ReadonlySet<string> = new Set(['by', 'in', 'over', 'at', 'for', 'sign', 'light']);
// Tier C: phrases anywhere.
const OPT_OUT_PHRASES = p(
  'remove me', 'remove my number', 'remove my info', 'remove us', 'take me off', 'take my number off', 'take us off', 'delete my number',
  'delete my info', 'lose my number', 'dont text', 'do not text', 'dont call', 'do not call', 'dont contact', 'do not contact',
  'dont message', 'never contact', 'never text', 'dont ever text', 'dont ever contact', 'no more texts', 'no more text', 'no more messages', 'no more calls',
  'stop texting', 'stop calling', 'stop messaging', 'stop contacting', 'stop sending', 'stop bothering', 'quit texting', 'quit messaging',
  'quit calling', 'quit bothering', 'leave me alone', 'leave us alone', 'leave me the', 'go away', 'get lost', 'knock it off', 'harassment',
  'harassing', 'harass', 'this is spam', 'spamming', 'spammer', 'reported', 'report you', 'reporting you', 'blocked', 'blocking', 'block you',
  'fuck off', 'f off', 'piss off', 'cease and desist', 'opt me out', 'opt out', 'i want out', 'do not call list', 'unsubscribe me',
  'attorney', 'lawyer', 'lawsuit', 'sue you', "i'll sue", 'ill sue', 'gonna sue', 'will sue', 'no me escribas', 'no me escriba', 'no me mande', 'no me mandes', 'no me llames', 'no me llame',
  'dejame en paz', 'dejeme en paz', 'borra mi numero', 'no mas mensajes', 'ya no me escriba',
);
const OPT_OUT_EMOJI: ReadonlySet<string> = new Set(['🖕', '🛑']);

const WRONG_NUMBER_PHRASES = p(
  'wrong number', 'wrong num', 'wrong person', 'wrong guy', 'wrong gal', 'wrong address', 'wrong people', 'not the owner', 'not owner',
  'not the right person', 'dont own', 'do not own', 'never owned', 'no longer own', 'not my house', 'not my property', 'not mine',
  'isnt mine', 'sold it', 'sold that', 'sold the house', 'sold the property', 'sold the place', 'sold this', 'we sold', 'i sold',
  'already sold', 'passed away', 'died', 'deceased', 'doesnt live here', 'dont live here', 'no longer lives', 'she moved out', 'he moved out', 'they moved out', 'they moved',
  'no one by that name', 'nobody by that name', 'no one named', 'i rent', 'im renting', 'just renting', 'im the tenant', 'just the tenant', 'im a tenant', 'were tenants', 'a renter',
  'we rent', 'were renting', 'numero equivocado', 'equivoco de numero', 'no soy el dueno', 'no soy la duena', 'no soy dueno',
  'no soy el propietario', 'no soy la propietaria', 'la vendi', 'ya la vendimos', 'confused with someone',
);
// "This isn't John", "no Maria here": a capitalised name right after these words.
const NOT_NAME_PREFIXES: ReadonlyArray<readonly string[]> = [['this', 'isnt'], ['this', 'is', 'not'], ['im', 'not'], ['no']];
const NOT_A_NAME: ReadonlySet<string> = new Set(['a', 'an', 'the', 'i', 'it', 'interested', 'selling', 'sure', 'good', 'now', 'right', 'thanks', 'thank', 'way', 'one', 'ok', 'sir', 'ma', 'mam', 'more', 'not', 'need', 'problem', 'worries', 'rush', 'interest']);

const NOT_INTERESTED_WHOLE = p(
  'no', 'nope', 'no no', 'no no no', 'no thanks', 'no thank you', 'nty', 'pass', 'ill pass', 'hard pass', 'no sorry', 'sorry no', 'hell no',
  'absolutely not', 'no way', 'not interested', 'no gracias', 'no me interesa', 'no estoy interesado', 'no estoy interesada', 'no vendo',
  'im good', 'were good', 'nah im good', 'no sir', 'no maam', 'not a chance',
);
const NOT_INTERESTED_PHRASES = p(
  'not interested', 'no interest', 'not selling', 'not for sale', 'never selling', 'never sell', 'never gonna sell', 'dont want to sell',
  'not gonna sell', 'not going to sell', 'not looking to sell', 'arent selling', 'not to investors', 'no me interesa', 'no estoy interesado',
  'no estoy interesada', 'no vendo', 'no esta a la venta',
);

const INTERESTED_PHRASES = p(
  'make me an offer', 'make an offer', 'make me a offer', 'whats your offer', 'what is your offer', 'whats the offer', 'whats ur offer',
  'what would you offer', 'what would you pay', 'what can you offer', 'what can you pay', 'what will you pay', 'how much would you',
  'how much will you', 'how much you', 'how much are you', 'how much can you', 'how much offering', 'how much is your offer', 'call me',
  'give me a call', 'send me an offer', 'send me the offer', 'send me your offer', 'send offer', 'ready to sell', 'want to sell',
  'need to sell', 'looking to sell', 'would sell', 'id sell', 'open to offers', 'open to an offer', 'im interested', 'i am interested',
  'very interested', 'interested', 'interesado', 'interesada', 'si me interesa', 'me interesa vender', 'cuanto ofrece', 'cuanto me da', 'llameme', 'llamame',
);
const INTERESTED_WHOLE = p('yes', 'yes please', 'yes sir', 'sure', 'interested', 'si', 'maybe', 'possibly', 'yes yes', 'ok call me');
// Words that, next to a question, mean a seller sizing up a deal rather than asking who we are.
const DEAL_WORDS: ReadonlySet<string> = new Set(['offer', 'offering', 'pay', 'price', 'cash', 'close', 'closing', 'sell', 'buy', 'much', 'worth', 'value', 'ofrece', 'cuanto', 'repairs', 'as', 'step', 'steps', 'process', 'come', 'see', 'look']);

const QUESTION_PHRASES = p(
  'who is this', 'whos this', 'who dis', 'who this', 'who are you', 'who is texting', 'whos texting', 'how did you get my number',
  'how did you get my', 'where did you get my', 'who gave you my', 'what company', 'whats this about', 'what is this about',
  'what is this regarding', 'whats this regarding', 'which property', 'what property', 'which house', 'what address', 'which address',
  'quien es', 'quien habla', 'quien eres',
);
const INTERROGATIVES: ReadonlySet<string> = new Set([
  'who', 'whos', 'what', 'whats', 'which', 'where', 'why', 'how', 'hows', 'howd', 'is', 'are', 'am', 'do', 'does', 'did', 'can', 'could',
  'may', 'was', 'when', 'quien', 'que', 'como', 'donde', 'de', 'cual', 'sorry',
]);

function negatedBefore(words: readonly string[], start: number): boolean {
  for (let k = Math.max(0, start - 3); k < start; k++) if (NEGATIONS.has(words[k]!)) return true;
  return false;
}

function findUnnegated(words: readonly string[], phrases: readonly CompiledPhrase<true>[]): CompiledPhrase<true> | undefined {
  const match = findPhrase(words, phrases);
  if (match === undefined) return undefined;
  if (!negatedBefore(words, match.start)) return match.phrase;
  // The first occurrence was negated ("dont want to sell"); look for a later, clean one.
  const rest = words.slice(match.start + match.phrase.words.length);
  return rest.length > 0 ? findUnnegated(rest, phrases) : undefined;
}

function optOutRule(reply: TokenizedReply): IntentRuleMatch | undefined {
  const { words } = reply;
  const whole = wholeMessageIs(words, OPT_OUT_WHOLE);
  if (whole) return { intent: 'opt_out', confidence: 0.99, rule: `opt_out:keyword:${whole.text}` };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!OPT_OUT_ANYWHERE_WORDS.has(w)) continue;
    if ((w === 'stop' || w === 'stopp') && i + 1 < words.length && STOP_LOOKALIKE_NEXT.has(words[i + 1]!)) continue;
    return { intent: 'opt_out', confidence: 0.97, rule: `opt_out:word:${w}` };
  }
  const phrase = findPhrase(words, OPT_OUT_PHRASES);
  if (phrase) return { intent: 'opt_out', confidence: 0.95, rule: `opt_out:phrase:${phrase.phrase.text}` };
  for (const t of reply.tokens) if (t.kind === 'emoji' && OPT_OUT_EMOJI.has(t.norm)) return { intent: 'opt_out', confidence: 0.9, rule: `opt_out:emoji:${t.norm}` };
  return undefined;
}

function hasDealSignal(words: readonly string[]): boolean {
  return findUnnegated(words, INTERESTED_PHRASES) !== undefined;
}

function wrongNumberRule(reply: TokenizedReply): IntentRuleMatch | undefined {
  const { words, tokens } = reply;
  // "Mom passed away and left me the house, what would you offer?" is a hot lead, not a wrong number.
  if (hasDealSignal(words)) return undefined;
  if (words.length === 1 && words[0] === 'wrong') return { intent: 'wrong_number', confidence: 0.9, rule: 'wrong_number:whole:wrong' };
  const phrase = findPhrase(words, WRONG_NUMBER_PHRASES);
  if (phrase) return { intent: 'wrong_number', confidence: 0.92, rule: `wrong_number:phrase:${phrase.phrase.text}` };
  const wordTokens = tokens.filter((t) => t.kind === 'word');
  for (const prefix of NOT_NAME_PREFIXES) {
    for (let i = 0; i + prefix.length < wordTokens.length; i++) {
      if (!prefix.every((w, k) => wordTokens[i + k]!.norm === w)) continue;
      const next = wordTokens[i + prefix.length]!;
      const isName = /^\p{Lu}\p{Ll}+$/u.test(next.raw) && !NOT_A_NAME.has(next.norm);
      // "no Maria here" needs the "here"; "this isn't John" does not.
      const needsHere = prefix.length === 1;
      if (isName && (!needsHere || wordTokens[i + 2]?.norm === 'here')) {
        return { intent: 'wrong_number', confidence: 0.88, rule: `wrong_number:name:${prefix.join(' ')} ${next.raw}` };
      }
    }
  }
  return undefined;
}

function notInterestedRule(reply: TokenizedReply): IntentRuleMatch | undefined {
  const { words } = reply;
  const whole = wholeMessageIs(words, NOT_INTERESTED_WHOLE);
  if (whole) return { intent: 'not_interested', confidence: 0.95, rule: `not_interested:whole:${whole.text}` };
  // A refusal with a counter-question ("not selling, but what would you pay?") is the model's call.
  if (hasDealSignal(words)) return undefined;
  const phrase = findPhrase(words, NOT_INTERESTED_PHRASES);
  if (phrase) return { intent: 'not_interested', confidence: 0.9, rule: `not_interested:phrase:${phrase.phrase.text}` };
  return undefined;
}

function interestedRule(reply: TokenizedReply): IntentRuleMatch | undefined {
  const { words } = reply;
  const whole = wholeMessageIs(words, INTERESTED_WHOLE);
  if (whole) return { intent: 'interested', confidence: 0.9, rule: `interested:whole:${whole.text}` };
  const phrase = findUnnegated(words, INTERESTED_PHRASES);
  if (phrase) return { intent: 'interested', confidence: 0.88, rule: `interested:phrase:${phrase.text}` };
  return undefined;
}

function questionRule(reply: TokenizedReply): IntentRuleMatch | undefined {
  const { words } = reply;
  if (words.some((w) => DEAL_WORDS.has(w))) return undefined;
  const phrase = findPhrase(words, QUESTION_PHRASES);
  if (phrase) return { intent: 'question', confidence: 0.88, rule: `question:phrase:${phrase.phrase.text}` };
  if (reply.questionMarks > 0 && words.length > 0 && INTERROGATIVES.has(words[0]!)) {
    return { intent: 'question', confidence: 0.8, rule: `question:interrogative:${words[0]}` };
  }
  return undefined;
}

/**
 * The first sure rule for this reply, or undefined when the model should decide.
 *
 * @example matchIntentRules(tokenizeReply('Tame me off yoyr list'))?.intent // 'opt_out'
 */
export function matchIntentRules(reply: TokenizedReply): IntentRuleMatch | undefined {
  return optOutRule(reply) ?? wrongNumberRule(reply) ?? notInterestedRule(reply) ?? interestedRule(reply) ?? questionRule(reply);
}

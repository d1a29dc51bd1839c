/**
 * Valence data for the sentiment scorer, on VADER's scale (about -4..+4 per item).
 *
 * The general vocabulary comes from the `sentiment` package's AFINN-165 word list and its Emoji
 * Sentiment Ranking table (both -5..+5, scaled by 0.8 to VADER's range). Everything below is ours:
 * how words read in a reply to "would you sell your house?" — where "stop" is a revocation, "sold"
 * is neutral, "how much" is a buying signal and ⛵️ means nothing.
 */
import languageProcessor from 'sentiment/lib/language-processor.js';

/** AFINN and Emoji-Ranking scores are -5..+5; VADER's lexicon is about -4..+4. */
const GENERAL_SCALE = 0.8;

/** Single words and emoji whose meaning in this domain differs from (or is missing in) the general lists. */
export const DOMAIN_WORD_VALENCE: Readonly<Record<string, number>> = {
  // agreement and buying signals
  yes: 1.8, sure: 1.5, ok: 0.6, interested: 2.0, maybe: 0.3, possibly: 0.5, perhaps: 0.3, offer: 0.8, offering: 0.8,
  thanks: 1.5, thank: 1.5, please: 0.6, lol: 1.0, haha: 1.2, lmao: 1.0, absolutely: 1.5, definitely: 1.2,
  si: 1.2, claro: 1.5, gracias: 1.5, interesado: 2.0, interesada: 2.0,
  // refusal, annoyance, threats
  no: -1.5, stop: -2.5, stopp: -2.5, unsubscribe: -2.2, remove: -1.5, quit: -1.5, scam: -3.0, scammer: -3.2,
  scammers: -3.2, scamming: -3.2, fraud: -3.0, harassment: -3.5, harass: -3.2, harassing: -3.4, spam: -2.8,
  spamming: -3.0, spammer: -3.0, blocked: -2.0, blocking: -2.0, block: -1.8, reported: -2.2, reporting: -2.0,
  lawyer: -2.0, attorney: -2.0, sue: -2.5, lawsuit: -2.5, tcpa: -2.5, lowball: -2.2, lowballing: -2.4,
  lowballer: -2.4, insulting: -2.5, insult: -2.2, ridiculous: -2.0, annoying: -2.2, creepy: -2.2, stfu: -3.0,
  stalking: -2.8, vultures: -2.8, vulture: -2.6, predatory: -2.6, basta: -2.5, alto: -1.5,
  // neutral in this domain although a general list scores them
  sold: 0, passed: 0, dead: -0.5, alone: -0.8, cash: 0.3, sorry: -0.3, pay: 0, price: 0, agent: 0,
  // emoji: phones send these alone as whole replies
  '🖕': -3.5, '🤬': -3.2, '😡': -2.8, '😠': -2.5, '🙄': -1.2, '🛑': -2.5, '🚫': -2.5, '👎': -2.0, '❌': -1.5,
  '🤡': -2.0, '😒': -1.5, '😤': -1.8, '💩': -2.0, '🤝': 1.8, '👍': 1.8, '🙏': 1.5, '😊': 2.0, '🙂': 1.2,
  '😀': 2.0, '😃': 2.0, '😄': 2.0, '😁': 1.8, '🤔': 0, '⛵': 0, '🔥': 1.0, '💯': 1.5, '👌': 1.5, '✅': 1.2,
  '😂': 0.8, '🤣': 0.8, '🏠': 0, '🏡': 0, '💰': 0.5, '💵': 0.5, '📞': 0.5, '👋': 0.3,
};

/**
 * Multi-word expressions, matched on normalized words (apostrophes dropped, slang mapped) before
 * single words; their words then score nothing on their own. A phrase that starts with a negation
 * carries its own sign and is not negated again.
 */
export const DOMAIN_PHRASE_VALENCE: ReadonlyArray<readonly [phrase: string, valence: number]> = [
  ['not interested', -2.6], ['no interest', -2.4], ['not selling', -2.8], ['never selling', -3.0],
  ['not for sale', -2.6], ['not gonna sell', -2.8], ['not going to sell', -2.8], ['dont want to sell', -2.6],
  ['no thanks', -1.8], ['no thank you', -1.6], ['not now', -1.0], ['not right now', -1.0],
  ['stop texting', -3.2], ['stop calling', -3.2], ['stop messaging', -3.2], ['stop contacting', -3.2],
  ['leave me alone', -3.2], ['go away', -2.8], ['get lost', -2.8], ['take me off', -2.8],
  ['lose my number', -3.0], ['delete my number', -2.8], ['remove me', -2.6], ['remove my number', -2.8],
  ['do not contact', -3.0], ['dont contact', -3.0], ['dont text', -3.0], ['do not text', -3.0],
  ['dont call', -2.8], ['do not call', -2.8], ['wrong number', -1.2], ['fuck off', -3.6], ['f off', -3.4],
  ['piss off', -3.2], ['too low', -1.8], ['passed away', -1.5], ['no me escribas', -3.0], ['no me llames', -3.0],
  ['no estoy interesado', -2.6], ['no estoy interesada', -2.6], ['dejame en paz', -3.2],
  ['call me', 2.2], ['give me a call', 2.2], ['text me', 1.2], ['whats your offer', 2.2],
  ['what is your offer', 2.2], ['what would you offer', 2.2], ['what can you offer', 2.2],
  ['what would you pay', 2.2], ['how much', 1.5], ['make me an offer', 2.5], ['make an offer', 2.2],
  ['send me an offer', 2.2], ['send me the offer', 2.2], ['lets talk', 2.0], ['open to', 1.2],
  ['sounds good', 2.0], ['for the right price', 1.5], ['no problem', 1.2], ['no worries', 1.2],
  ['no rush', 0.5], ['stop by', 0], ['stop in', 0], ['no problemo', 1.2], ['cuanto ofrece', 1.5], ['cuanto me da', 1.5],
];

/** Words that push the next sentiment word's intensity up (+) or down (-) by VADER's 0.293. */
export const BOOSTERS: Readonly<Record<string, 1 | -1>> = Object.fromEntries([
  ...'absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so substantially thoroughly totally tremendously uber unbelievably unusually utterly very super seriously srsly rly realy rlly sooo soo soooo mega damn way def definitely'
    .split(' ')
    .map((w) => [w, 1] as const),
  ...'almost barely hardly kinda kindof less little marginally occasionally partly scarcely slightly somewhat sorta sortof'
    .split(' ')
    .map((w) => [w, -1] as const),
]);

/** Negations (apostrophes already dropped by the tokenizer). "no" negates ("no interest") as well as scoring by itself. */
export const NEGATIONS: ReadonlySet<string> = new Set(
  'not no never nor neither none nothing nowhere without aint arent cannot cant couldnt darent didnt doesnt dont hadnt hasnt havent isnt mightnt mustnt neednt shant shouldnt wasnt werent wont wouldnt rarely seldom despite nt nunca'.split(' '),
);

function buildLexicon(): Map<string, number> {
  const lexicon = new Map<string, number>();
  // AFINN-165 words and Emoji-Ranking emoji, as the package merges them.
  for (const [item, score] of Object.entries(languageProcessor.getLanguage('en').labels)) {
    lexicon.set(item.replace(/'/g, '').replace(/[\uFE0F\u200D]/g, ''), score * GENERAL_SCALE);
  }
  for (const [word, valence] of Object.entries(DOMAIN_WORD_VALENCE)) lexicon.set(word, valence);
  return lexicon;
}

/** The merged single-item lexicon: general lists first, domain entries win. Built once at module load. */
export const LEXICON: ReadonlyMap<string, number> = buildLexicon();

export interface PhraseEntry {
  words: readonly string[];
  valence: number;
  negated: boolean;
}

/** Phrases indexed by their first word, longest first, so the scorer tries the most specific match. */
export const PHRASES_BY_FIRST_WORD: ReadonlyMap<string, readonly PhraseEntry[]> = (() => {
  const index = new Map<string, PhraseEntry[]>();
  for (const [phrase, valence] of DOMAIN_PHRASE_VALENCE) {
    const words = phrase.split(' ');
    const entry: PhraseEntry = { words, valence, negated: NEGATIONS.has(words[0]!) };
    const list = index.get(words[0]!) ?? [];
    list.push(entry);
    index.set(words[0]!, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
})();

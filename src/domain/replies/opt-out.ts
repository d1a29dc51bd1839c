import { withinOneEdit } from './opt-out-edit-distance.js';
import {
  DIRECT_OBJECTS, FILLERS, FUZZY_EXCLUSIONS, HELP_WORDS, LEGAL_PHRASES, LEGAL_WORDS, MESSAGING_OBJECTS, NEGATIONS,
  OPT_IN_WORDS, PHRASES, POLITE, SPANISH_OPENERS, STOP_NOUN_NEXT, STOP_NOUN_PREV, STOP_VISIT_NEXT, STRONG_KEYWORDS,
  TYPO_BASES, TYPO_EXCLUSIONS, WEAK_KEYWORDS, WEAK_PROSE_NEXT, WEAK_PROSE_PREV, WHOLE_MESSAGE_ONLY, WHOLE_PHRASES,
  WRONG_NUMBER_PHRASES,
} from './opt-out-lexicon.js';
import { SENTENCE_BREAK, normalizeReply } from './opt-out-normalize.js';

export interface KeywordDetection {
  /** the reply revokes consent: suppress every channel for the contact (F8) */
  optOut: boolean;
  /** a HELP / INFO request: answer with who we are and how to opt out */
  help: boolean;
  /** START / UNSTOP / YES as the whole message: re-enables sending at the carrier only, not consent */
  optIn: boolean;
  /** the normalised words that decided optOut, help or optIn (in that order of precedence) */
  matched: string | null;
  /** a per-se word used in an ordinary sense ("end of the month"): not an opt-out, but pause and ask a human */
  lookAlike: string | null;
  /** "wrong number" and the like: suppress that number (its own intent; the owner's other numbers are not revoked) */
  wrongNumber: boolean;
  /** a legal threat (attorney, lawsuit, TCPA…): also an opt-out; send nothing automated, escalate (R-LIT-SIGNAL) */
  legalThreat: boolean;
}

interface Slot {
  exact: ReadonlySet<string>;
  fuzzy: readonly string[];
  end: boolean;
  optional: boolean;
}

function compile(pattern: readonly string[]): Slot[] {
  return pattern.map((raw) => {
    const optional = raw.endsWith('?');
    const alts = (optional ? raw.slice(0, -1) : raw).split('|');
    const exact = new Set<string>();
    const fuzzy: string[] = [];
    let end = false;
    for (const a of alts) {
      if (a === '$') end = true;
      else if (a.startsWith('~')) {
        exact.add(a.slice(1));
        if (a.length > 4) fuzzy.push(a.slice(1));
      } else exact.add(a);
    }
    return { exact, fuzzy, end, optional };
  });
}

const OPT_OUT_PATTERNS = PHRASES.map(compile);
const LEGAL_PATTERNS = LEGAL_PHRASES.map(compile);
const WRONG_NUMBER_PATTERNS = WRONG_NUMBER_PHRASES.map(compile);

function slotAccepts(slot: Slot, tok: string): boolean {
  if (slot.exact.has(tok)) return true;
  if (tok.length < 3 || FUZZY_EXCLUSIONS.has(tok)) return false;
  for (const f of slot.fuzzy) if (withinOneEdit(tok, f)) return true;
  return false;
}

function matchFrom(tokens: readonly string[], i: number, slots: readonly Slot[], si: number): number {
  if (si === slots.length) return i;
  const slot = slots[si]!;
  const atEnd = i >= tokens.length || tokens[i] === SENTENCE_BREAK;
  if (slot.end && atEnd) {
    const r = matchFrom(tokens, i, slots, si + 1);
    if (r >= 0) return r;
  }
  if (!atEnd && slotAccepts(slot, tokens[i]!)) {
    const r = matchFrom(tokens, i + 1, slots, si + 1);
    if (r >= 0) return r;
  }
  if (slot.optional) return matchFrom(tokens, i, slots, si + 1);
  return -1;
}

/** The first pattern that matches anywhere, as the words it covered; null if none. */
function findPhrase(tokens: readonly string[], patterns: readonly Slot[][]): string | null {
  for (const slots of patterns) {
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i] === SENTENCE_BREAK) continue;
      const end = matchFrom(tokens, i, slots, 0);
      if (end > i) return tokens.slice(i, end).join(' ');
    }
  }
  return null;
}

/** Joins spelled-out letters ("S T O P" → "stop"): three or more one-letter tokens in a row. */
function joinSpelledLetters(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    while (j < tokens.length && tokens[j]!.length === 1 && tokens[j] !== SENTENCE_BREAK) j++;
    if (j - i >= 3) {
      out.push(tokens.slice(i, j).join(''));
      i = j;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return out;
}

/** Joins split negations so phrases need one spelling: "do not" / "don t" → "dont", "no longer" → "nolonger". */
function mergeNegations(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!, n = tokens[i + 1];
    if ((t === 'do' && n === 'not') || (t === 'don' && n === 't')) { out.push('dont'); i++; }
    else if (t === 'no' && n === 'longer') { out.push('nolonger'); i++; }
    else if (t === 'dnt' || t === 'dont') out.push('dont');
    else out.push(t);
  }
  return out;
}

/** The keyword a token stands for, allowing one typo on the long per-se words; null if none. */
function keywordOf(tok: string): string | null {
  if (STRONG_KEYWORDS.has(tok) || WEAK_KEYWORDS.has(tok) || SPANISH_OPENERS.has(tok)) return tok;
  if (tok.length < 3 || TYPO_EXCLUSIONS.has(tok) || FILLERS.has(tok)) return null;
  for (const base of TYPO_BASES) if (withinOneEdit(tok, base)) return base;
  return null;
}

const isBreak = (t: string | undefined) => t === undefined || t === SENTENCE_BREAK;

/** Only fillers (or nothing) follow position i in its sentence. */
function restIsFiller(tokens: readonly string[], i: number): boolean {
  for (let k = i + 1; k < tokens.length && tokens[k] !== SENTENCE_BREAK; k++) if (!FILLERS.has(tokens[k]!)) return false;
  return true;
}

type Reading = 'opt_out' | 'look_alike' | null;

/** The context rules of research §2.5 Tier B, per keyword family. */
function readKeyword(kw: string, tokens: readonly string[], i: number): Reading {
  const prev = i > 0 && tokens[i - 1] !== SENTENCE_BREAK ? tokens[i - 1] : undefined;
  const next = isBreak(tokens[i + 1]) ? undefined : tokens[i + 1];
  const next2 = next === undefined || isBreak(tokens[i + 2]) ? undefined : tokens[i + 2];
  const next3 = next2 === undefined || isBreak(tokens[i + 3]) ? undefined : tokens[i + 3];
  const aboutMessages = (next !== undefined && (MESSAGING_OBJECTS.has(next) || DIRECT_OBJECTS.has(next))) || (next2 !== undefined && MESSAGING_OBJECTS.has(next2));
  if (kw === 'stop') {
    if (next !== undefined && STOP_VISIT_NEXT.has(next)) return 'look_alike';
    if (aboutMessages) return 'opt_out';
    if ((prev !== undefined && STOP_NOUN_PREV.has(prev)) || (next !== undefined && STOP_NOUN_NEXT.has(next))) return 'look_alike';
    if (prev !== undefined && NEGATIONS.has(prev)) return 'look_alike';
    return 'opt_out';
  }
  if (STRONG_KEYWORDS.has(kw) || (kw !== 'cancel' && TYPO_BASES.includes(kw as (typeof TYPO_BASES)[number]))) return 'opt_out';
  if (SPANISH_OPENERS.has(kw)) {
    if (prev === undefined) return 'opt_out';
    if ([next, next2, next3].some((w) => w !== undefined && MESSAGING_OBJECTS.has(w))) return 'opt_out';
    return null;
  }
  // Weak words: end, quit, cancel, cancelar.
  if ((next !== undefined && WEAK_PROSE_NEXT.has(next)) || (prev !== undefined && WEAK_PROSE_PREV.has(prev))) return 'look_alike';
  if (aboutMessages) return 'opt_out';
  if (restIsFiller(tokens, i)) return 'opt_out';
  return 'look_alike';
}

/**
 * Reads a reply for opt-out, HELP and opt-in keywords (F8, C1, C3; research §2.5 and §3). Pure and fast; shared
 * by the inbound pipeline, which must run it first, always.
 *
 * Rules, in order:
 * 1. Whole message: "para", "pare", "baja", "remove" and set phrases ("not interested", "leave me alone",
 *    "no más") count only as the entire message (courtesy words aside).
 * 2. A sentence made only of per-se words and fillers ("STOP!!", "Cancel. Thanks", "quit it") revokes.
 * 3. Each per-se word anywhere, with context: "stop" revokes unless it is visiting ("stop by"), a noun
 *    ("bus stop", "stop sign") or negated ("can't stop thinking") — but "stop texting / stop it" always revokes;
 *    unsubscribe, revoke, opt-out, stopall, dnc, cease always revoke; the weak words end, quit, cancel revoke when
 *    they are about our messages or close the sentence, and are a look-alike in prose ("end of the month",
 *    "cancel the appointment"); Spanish alto/basta/parar revoke when they open a sentence or govern "mensajes".
 *    One typo is forgiven on stop, stopall, unsubscribe, revoke, optout, cancel unless the token is a real word
 *    ("step", "shop", "cancer").
 * 4. Phrases (with one typo on marked words): "don't text me", "take me off your list", "lose my number",
 *    "no more texts", "put me on your do not call list", "no me escribas", "borra mi número"…
 * 5. Legal threats also revoke. HELP/INFO and START/UNSTOP/YES count only as the whole message.
 *
 * @example detectKeywords('Tame me off yoyr list').optOut // true
 * @example detectKeywords("I'll stop by Tuesday") // { optOut: false, lookAlike: 'stop', … }
 */
export function detectKeywords(text: string): KeywordDetection {
  const tokens = mergeNegations(joinSpelledLetters(normalizeReply(text)));
  const content = tokens.filter((t) => t !== SENTENCE_BREAK);
  const polite = content.filter((t) => !POLITE.has(t));
  let matched: string | null = null;
  let lookAlike: string | null = null;

  // 1. whole message
  if (polite.length === 1 && WHOLE_MESSAGE_ONLY.has(polite[0]!)) matched = polite[0]!;
  else if (WHOLE_PHRASES.has(content.join('_'))) matched = content.join(' ');
  else if (polite.length > 0 && WHOLE_PHRASES.has(polite.join('_'))) matched = polite.join(' ');

  // 2. a sentence made only of keywords and fillers
  if (matched === null) {
    let core: string[] = [];
    let allKeywords = true;
    for (let i = 0; i <= tokens.length && matched === null; i++) {
      const t = tokens[i];
      if (t === undefined || t === SENTENCE_BREAK) {
        if (core.length > 0 && allKeywords) matched = core.join(' ');
        core = [];
        allKeywords = true;
      } else if (!FILLERS.has(t)) {
        core.push(t);
        const kw = keywordOf(t);
        if (kw === null) allKeywords = false;
      }
    }
  }

  // 3. per-se words in context
  if (matched === null) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === SENTENCE_BREAK) continue;
      const kw = keywordOf(t);
      if (kw === null) continue;
      const reading = readKeyword(kw, tokens, i);
      if (reading === 'opt_out') { matched = t; break; }
      if (reading === 'look_alike' && lookAlike === null) lookAlike = t;
    }
  }

  // 4. phrases
  if (matched === null) matched = findPhrase(tokens, OPT_OUT_PATTERNS);

  // 5. legal threats
  let legal: string | null = null;
  for (const t of content) if (LEGAL_WORDS.has(t)) { legal = t; break; }
  if (legal === null) legal = findPhrase(tokens, LEGAL_PATTERNS);
  if (matched === null && legal !== null) matched = legal;

  const optOut = matched !== null;
  const wrongNumber = findPhrase(tokens, WRONG_NUMBER_PATTERNS) !== null;
  const helpCore = polite.filter((t) => t !== 'me' && t !== 'more');
  const help = helpCore.length > 0 && helpCore.every((t) => HELP_WORDS.has(t));
  const optIn = !optOut && polite.length > 0 && polite.every((t) => OPT_IN_WORDS.has(t));
  return {
    optOut,
    help,
    optIn,
    matched: optOut ? matched : help ? helpCore.join(' ') : optIn ? polite.join(' ') : null,
    lookAlike: optOut ? null : lookAlike,
    wrongNumber,
    legalThreat: legal !== null,
  };
}

/**
 * The output guard: every message, written by a model or rendered from a template, passes here before
 * it can be queued. It cleans the text, makes sure the opt-out language is there, checks every claim
 * against the facts, blocks forbidden content (C6) and lints what carriers filter.
 */
import type { FactSet } from './build-fact-set.js';
import { cleanMessage } from './clean-message.js';
import { countSegments, type SegmentCount } from './count-segments.js';
import {
  EMAIL_ADDRESS,
  HAS_DIGIT,
  MAYBE_URL,
  MONEY,
  NUMBER,
  PHONE,
  SHORTENER_HOSTS,
  STREET_ADDRESS,
  URL,
  moneyKey,
  normalizeText,
  numberKey,
  phoneKey,
  urlHost,
  urlKey,
} from './fact-patterns.js';
import { messageLimits, type MessageLimits } from './message-limits.js';
import type { Channel, TemplateKind } from './template.js';

export type GuardVerdict = 'pass' | 'rewrite' | 'reject';

/** Reason codes and how bad each is: `reject` never sends, `rewrite` asks for another try. */
export const GUARD_REASON_SEVERITY = {
  empty: 'reject',
  forbidden_content: 'reject',
  url_shortener: 'reject',
  unsupported_link: 'reject',
  unsupported_email: 'reject',
  unsupported_phone: 'reject',
  unsupported_price: 'reject',
  unsupported_address: 'reject',
  unsupported_number: 'reject',
  unsupported_date: 'reject',
  unsupported_name: 'reject',
  missing_opt_out: 'reject',
  missing_identity: 'reject',
  missing_callback_number: 'reject',
  missing_unsubscribe: 'reject',
  missing_postal_address: 'reject',
  missing_subject: 'reject',
  deceptive_subject: 'reject',
  too_long: 'reject',
  over_length_target: 'rewrite',
  too_short: 'rewrite',
  subject_too_long: 'rewrite',
  all_caps: 'rewrite',
  repeated_punctuation: 'rewrite',
  spam_phrase: 'rewrite',
  cost_doubling: 'rewrite',
} as const satisfies Record<string, Exclude<GuardVerdict, 'pass'>>;
export type GuardReasonCode = keyof typeof GUARD_REASON_SEVERITY;

export interface GuardReason {
  code: GuardReasonCode;
  detail: string;
  severity: Exclude<GuardVerdict, 'pass'>;
}

export interface GuardMessageOptions {
  channel: Channel;
  /** Decides default limits and whether a "Re:" subject is honest (only for a response). */
  kind?: TemplateKind;
  text: string;
  subject?: string;
  facts: FactSet;
  /** First SMS of a sequence, every email, every voicemail (see buildFooter). */
  requireFooter: boolean;
  /** Appended when the required opt-out language is missing. Its own claims are not fact-checked. */
  footer?: string;
  /** Business name a first SMS must carry (C5, TCPA sender identification). */
  identity?: string;
  /** Postal address every email must carry (E1). */
  postalAddress?: string;
  limits?: Partial<MessageLimits>;
}

export interface GuardResult {
  verdict: GuardVerdict;
  /** The cleaned text, footer included: what would be sent. */
  text: string;
  subject?: string;
  reasons: GuardReason[];
  segments: SegmentCount;
  words: number;
  /** Cleaning steps applied (role prefix, markdown, footer_added, …). */
  changes: string[];
}

const SMS_OPT_OUT = /\b(?:reply|text|send|respond with)\s+["']?stop\b/i;
const VOICEMAIL_OPT_OUT = /\b(?:rather not|opt[ -]out|stop|won't call|will not call|remove (?:you|your))\b/i;
// Word lists are checked on one tokenising pass (a big alternation regex tried at every position was the
// guard's slowest step); multi-word phrases are looked up by their first word in the same pass.
const FORBIDDEN_WORDS = new Set(
  ('sex sexy sexual xxx escort escorts nude nudes onlyfans alcohol beer wine liquor vodka whiskey tequila firearm firearms gun guns ' +
    'rifle rifles pistol pistols handgun handguns ammo ammunition tobacco cigarette cigarettes cigar cigars vape vaping nicotine cannabis ' +
    'marijuana cbd thc dispensary dispensaries kratom casino gambling sweepstakes').split(' '),
);
const FORBIDDEN_PREFIX = 'porn';
const FORBIDDEN_PHRASES = [
  'lead generation',
  ...['we', 'i'].flatMap((who) => ['sell', 'share'].flatMap((verb) => ['leads', 'information', 'info', 'data', 'number'].flatMap((what) => [`${who} ${verb} ${what}`, `${who} ${verb} your ${what}`]))),
  ...['partner', 'partners'].flatMap((p) => ['will', 'may', 'can'].flatMap((v) => [`${p} ${v} contact you`, `${p} ${v} call you`])),
];
const SPAM_WORDS = new Set(['guaranteed', 'guarantee', 'guarantees', 'winner', 'congratulations', 'urgent', 'urgently']);
const SPAM_PHRASES = [
  'act now', 'apply now', 'buy now', 'call now', 'order now', '100% free', 'risk free', 'risk-free', "you've won", 'you have won',
  'limited time', 'click here', 'cash cash', 'free money', 'no credit check', 'once in a lifetime', 'exclusive deal', 'final notice',
  'last chance', 'make money', 'double your', '$$',
];
// Phrases indexed by their first word: the word pass looks a phrase up only when its first word occurs.
const PHRASES_BY_FIRST_WORD = new Map<string, Array<{ phrase: string; code: 'forbidden_content' | 'spam_phrase' }>>();
for (const [list, code] of [[FORBIDDEN_PHRASES, 'forbidden_content'], [SPAM_PHRASES, 'spam_phrase']] as const) {
  for (const phrase of list) {
    const first = phrase.split(' ')[0]!;
    if (!/^[a-z]/.test(first)) continue;
    const entries = PHRASES_BY_FIRST_WORD.get(first) ?? [];
    entries.push({ phrase, code });
    PHRASES_BY_FIRST_WORD.set(first, entries);
  }
}
const DATE_WORDS = new Set('monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december'.split(' '));
const MONEY_WORDS = new Set(['hundred', 'thousand', 'million', 'billion', 'grand']);

// Every word the pass looks for, with what it is: one map lookup per word instead of one per list.
const PHRASE_START = 1;
const FORBIDDEN = 2;
const SPAM = 4;
const DATE = 8;
const MONEY_WORD = 16;
const WORD_FLAGS = new Map<string, number>();
for (const [words, flag] of [[PHRASES_BY_FIRST_WORD.keys(), PHRASE_START], [FORBIDDEN_WORDS, FORBIDDEN], [SPAM_WORDS, SPAM], [DATE_WORDS, DATE], [MONEY_WORDS, MONEY_WORD]] as const) {
  for (const w of words) WORD_FLAGS.set(w, (WORD_FLAGS.get(w) ?? 0) | flag);
}
const REPEATED_PUNCTUATION = /[!?]{2,}|\.{4,}/g;
const DECEPTIVE_SUBJECT = /^\s*(?:re|fwd?|fw)\s*:/i;
const CAPS_ALLOWED = new Set(['STOP', 'HELP', 'START', 'INFO', 'YES', 'LLC', 'INC', 'PLLC', 'USA', 'HOA', 'MLS', 'FAQ', 'EST', 'EDT', 'UNSUBSCRIBE', 'CEO']);
// Words people capitalise mid-sentence that are not names.
const COMMON_CAPITALIZED = new Set([
  'i', "i'm", "i'd", "i'll", "i've", 'hi', 'hello', 'hey', 'dear', 'thanks', 'thank', 'best', 'regards', 'sincerely', 'cheers',
  'warmly', 'mr', 'mrs', 'ms', 'dr', 'jr', 'sr', 'stop', 'help', 'start', 'reply', 'text', 'call', 'email', 'sms', 'ok', 'okay', 'yes',
  'no', 'llc', 'inc', 'pllc', 'fl', 'florida', 'central', 'us', 'usa', 'am', 'pm', 'est', 'edt', 'ps', 'p', 's', 're', 'hoa', 'mls',
  'realtor', 'realtors', 'unsubscribe', 'info', 'county', 'p.s',
]);
const MAX_REASONS_PER_CODE = 5;
// A non-global twin of the shared pattern, for `test` (a global regex keeps state between calls).
const ANY_PHONE = new RegExp(PHONE.source);

/**
 * @example
 * const r = guardMessage({ channel: 'sms', text, facts, requireFooter: true, footer: 'Reply STOP to opt out', identity: 'Acme Homes' });
 * if (r.verdict === 'reject') useTemplate();
 */
export function guardMessage(o: GuardMessageOptions): GuardResult {
  const defaults = messageLimits({ channel: o.channel, kind: o.kind });
  const limits = o.limits ? { ...defaults, ...o.limits } : defaults;
  const reasons: GuardReason[] = [];
  const add = (code: GuardReasonCode, detail: string): void => {
    if (reasons.filter((r) => r.code === code).length < MAX_REASONS_PER_CODE) reasons.push({ code, detail, severity: GUARD_REASON_SEVERITY[code] });
  };
  const cleaned = cleanMessage({ text: o.text, channel: o.channel });
  const changes = [...cleaned.changes];
  let text = cleaned.text;
  const subject = o.subject === undefined ? undefined : cleanMessage({ text: o.subject, channel: 'sms' }).text;
  // Email length is the body's, before the footer is added.
  const bodyWords = o.channel === 'email' ? countWords(text) : 0;

  if (text === '') add('empty', 'the message is empty after cleaning');
  else if (o.requireFooter || o.channel === 'voicemail') text = ensureFooter(o, text, changes, add);

  // The footer is ours (settings, not the model): its address and phone need no fact check.
  const footer = o.footer?.trim();
  const claimsText = (subject ? `${subject}.\n` : '') + (footer && text.endsWith(footer) ? text.slice(0, text.length - footer.length) : text);
  const work = checkClaims(claimsText, o.facts, add);
  checkWords(work, o.facts, limits, add);
  checkPunctuation(claimsText, add);

  const segments = countSegments(text);
  const words = o.channel === 'email' ? bodyWords : countWords(text);
  if (o.channel === 'sms') {
    if (segments.encoding === 'UCS-2') {
      const stray = segments.nonGsmChars.filter((ch) => !o.facts.raw.includes(ch) && !(footer ?? '').includes(ch));
      if (stray.length > 0) add('cost_doubling', `${stray.join(' ')} switch the SMS to UCS-2 (${segments.segments} segment(s) of ${segments.unitsPerSegment} instead of 160/153)`);
    }
    if (segments.segments > limits.hardMaxSegments) add('too_long', `${segments.segments} SMS segments; never more than ${limits.hardMaxSegments}`);
    else if (segments.segments > limits.maxSegments) add('over_length_target', `${segments.segments} SMS segments (${segments.units} ${segments.encoding} units); the target is ${limits.maxSegments}`);
  } else {
    if (words > limits.hardMaxWords) add('too_long', `${words} words; never more than ${limits.hardMaxWords}`);
    else if (words > limits.maxWords) add('over_length_target', `${words} words; the target is at most ${limits.maxWords}`);
    else if (words < limits.minWords && text !== '') add('too_short', `${words} words; the target is at least ${limits.minWords}`);
  }
  if (o.channel === 'email') checkSubject(o, subject, limits, add);

  const verdict: GuardVerdict = reasons.some((r) => r.severity === 'reject') ? 'reject' : reasons.length > 0 ? 'rewrite' : 'pass';
  return { verdict, text, ...(subject === undefined ? {} : { subject }), reasons, segments, words, changes };
}

type Add = (code: GuardReasonCode, detail: string) => void;

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function includesText(haystack: string, needle: string): boolean {
  // Exact containment is the common case (the business name as configured) and needs no normalising.
  return haystack.includes(needle) || normalizeText(haystack).includes(normalizeText(needle));
}

function ensureFooter(o: GuardMessageOptions, text: string, changes: string[], add: Add): string {
  const footer = o.footer?.trim() ?? '';
  const append = (sep: string): string => {
    changes.push('footer_added');
    return `${text}${sep}${footer}`;
  };
  if (o.channel === 'sms') {
    let t = text;
    // Either opt-out wording or the configured footer itself (whatever its wording) counts as present.
    if (o.requireFooter && !SMS_OPT_OUT.test(t) && !(footer && t.includes(footer))) {
      if (footer) t = append(' ');
      else add('missing_opt_out', 'a first SMS must say how to opt out (e.g. "Reply STOP to opt out") and no footer is configured');
    }
    if (o.requireFooter && o.identity && !includesText(t, o.identity)) add('missing_identity', `a first SMS must name the business (${o.identity})`);
    return t;
  }
  if (o.channel === 'email') {
    // The whole footer, not just the word "unsubscribe": a body may mention unsubscribing and still lack
    // the postal address.
    const t = footer && !text.includes(footer) ? append('\n\n') : text;
    if (!/unsubscribe/i.test(t)) add('missing_unsubscribe', 'every email needs an unsubscribe line (CAN-SPAM, RFC 8058)');
    if (o.postalAddress && !includesText(t, o.postalAddress)) add('missing_postal_address', `every email must carry the postal address (${o.postalAddress})`);
    else if (!o.postalAddress) add('missing_postal_address', 'no postal address configured; every email must carry one (CAN-SPAM)');
    return t;
  }
  let t = text;
  if (!VOICEMAIL_OPT_OUT.test(t)) {
    if (footer) t = append(' ');
    else add('missing_opt_out', 'a voicemail must tell the listener how to stop further calls');
  }
  if (!ANY_PHONE.test(t)) add('missing_callback_number', 'a voicemail must leave a callback number');
  if (o.identity && !includesText(t, o.identity)) add('missing_identity', `a voicemail must name the business (${o.identity})`);
  return t;
}

// Sentence punctuation at the end of a claim stays, so the name check still sees where sentences start.
function blank(m: string): string {
  const end = /[.!?]+$/.exec(m)?.[0] ?? '';
  return ' '.repeat(m.length - end.length) + end;
}

// Each claim found is blanked out of the working copy so the number scan at the end sees only what is left.
function checkClaims(text: string, facts: FactSet, add: Add): string {
  let work = text;
  if (work.includes('@')) {
    work = work.replace(EMAIL_ADDRESS, (m) => {
      if (!facts.emails.has(m.toLowerCase())) add('unsupported_email', `${m} is not an address from the record or the settings`);
      return blank(m);
    });
  }
  if (MAYBE_URL.test(work)) {
    work = work.replace(URL, (m) => {
      const key = urlKey(m);
      if (SHORTENER_HOSTS.has(urlHost(key))) add('url_shortener', `${m}: public URL shorteners are filtered by carriers (C6)`);
      else if (!facts.urls.has(key)) add('unsupported_link', `${m} is not a link from the settings`);
      return blank(m);
    });
  }
  const digits = HAS_DIGIT.test(work);
  if (digits) {
    work = work.replace(PHONE, (m) => {
      if (!facts.phones.has(phoneKey(m))) add('unsupported_phone', `${m} is not a phone number from the record or the settings`);
      return blank(m);
    });
    work = work.replace(MONEY, (m) => {
      if (!facts.numbers.has(moneyKey(m))) add('unsupported_price', `${m.trim()}: no such amount in the facts (no invented offers or prices)`);
      return blank(m);
    });
    work = work.replace(STREET_ADDRESS, (m) => {
      if (!facts.text.includes(normalizeText(m))) add('unsupported_address', `${m.trim()} is not an address from the record`);
      return blank(m);
    });
  }
  if (digits) for (const m of work.matchAll(NUMBER)) {
    if (!facts.numbers.has(numberKey(m[0]))) add('unsupported_number', `${m[0]} is not a number from the facts (dates, counts and amounts must be real)`);
  }
  return work;
}

function isSentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '"' || c === "'" || c === '(' || c === '“' || c === '‘' || c === '\t' || c === '\r') continue;
    if (c === '\n') return !isSignatureLine(text, i, index);
    // A dash is not a sentence start: "- Bob" is a sign-off, and its name is checked.
    return c === '.' || c === '!' || c === '?' || c === ':' || c === ';';
  }
  return true;
}

// "Thanks,\nBob" — a short line after a line ending in a comma is a signature, where a model likes to
// invent a name.
function isSignatureLine(text: string, newline: number, index: number): boolean {
  let j = newline;
  while (j >= 0 && /\s/.test(text[j]!)) j--;
  if (text[j] !== ',') return false;
  const end = text.indexOf('\n', index);
  return text.slice(index, end < 0 ? undefined : end).trim().split(/\s+/).length <= 3;
}

/**
 * One pass over the words left after the claims were blanked out:
 * - forbidden words (C6), spam words, spelled-out amounts and weekdays/months not in the facts;
 * - ALL-CAPS shouting;
 * - names: a capitalised word in mid-sentence is a name (person, company, place) and must be one of the
 *   facts' words. Sentence-initial words cannot be told from ordinary words, so they are let through.
 */
function checkWords(work: string, facts: FactSet, limits: MessageLimits, add: Add): void {
  const names = new Set<string>();
  const caps: string[] = [];
  let lower: string | undefined;
  const n = work.length;
  // A hand-rolled scan for WORD (/[A-Za-z][A-Za-z'’-]*/): a long email has hundreds of words, and most
  // are lower-case words that need one map lookup and no copies.
  for (let i = 0; i < n; ) {
    const c = work.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    const start = i;
    let upper = c <= 90;
    let joined = false;
    for (i++; i < n; i++) {
      const d = work.charCodeAt(i);
      if (isLetter(d)) {
        if (d <= 90) upper = true;
      } else if (d === 39 || d === 0x2019 || d === 45) joined = true;
      else break;
    }
    const w = work.slice(start, i);
    let key = upper ? w.toLowerCase() : w;
    if (joined) key = key.replace(/’/g, "'").replace(/'s$/, '').replace(/[-']+$/, '');
    const flags = WORD_FLAGS.get(key) ?? 0;
    if (flags & PHRASE_START) {
      // Same length as `work`, so the word's index points at the same word.
      lower ??= work.toLowerCase().replace(/’/g, "'");
      for (const { phrase, code } of PHRASES_BY_FIRST_WORD.get(key)!) {
        if (!lower.startsWith(phrase, start)) continue;
        if (code === 'forbidden_content') add(code, `"${phrase}": no third-party lead generation or sharing of contact data`);
        else if (!facts.text.includes(normalizeText(phrase))) add(code, `"${phrase}" is a phrase carriers and spam filters flag`);
      }
    }
    if (flags & FORBIDDEN || (key.charCodeAt(0) === 112 && key.startsWith(FORBIDDEN_PREFIX))) {
      // A street named "Gun Club Rd" in the prospect's own address is not a firearms message.
      if (!facts.text.includes(` ${key} `)) add('forbidden_content', `"${w}" is disallowed content on US messaging (SHAFT, cannabis, gambling, lead sharing)`);
      continue;
    }
    if (flags & SPAM) add('spam_phrase', `"${w}" is a word carriers and spam filters flag`);
    if (flags & DATE) {
      if (!facts.words.has(key)) add('unsupported_date', `"${w}": dates and deadlines must come from the facts`);
      continue;
    }
    if (flags & MONEY_WORD && !facts.words.has(key)) add('unsupported_price', `"${w}": amounts must come from the facts`);
    if (c > 90) continue;
    if (w.length > 1 && w === w.toUpperCase()) {
      // Shouting is the lint's business; acronyms of facts (an LLC's initials) are fine.
      if (w.length >= 3 && !CAPS_ALLOWED.has(w) && !facts.raw.includes(w)) caps.push(w);
      continue;
    }
    if (COMMON_CAPITALIZED.has(key) || names.has(key) || isSentenceStart(work, start) || facts.words.has(key)) continue;
    names.add(key);
    add('unsupported_name', `"${w}" looks like a name that is not in the facts (no invented people, companies or places)`);
  }
  if (caps.length > limits.maxAllCapsWords) add('all_caps', `${caps.length} ALL-CAPS words (${caps.slice(0, 5).join(', ')}); carriers filter shouting`);
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

// Punctuation-led spam ("100% free", "$$") that the word pass cannot see.
function checkPunctuation(text: string, add: Add): void {
  for (const m of text.matchAll(REPEATED_PUNCTUATION)) add('repeated_punctuation', `"${m[0]}" reads as spam`);
  if (text.includes('$$')) add('spam_phrase', '"$$" is a phrase carriers and spam filters flag');
  if (text.includes('%') && /100\s?% free/i.test(text)) add('spam_phrase', '"100% free" is a phrase carriers and spam filters flag');
}

function checkSubject(o: GuardMessageOptions, subject: string | undefined, limits: MessageLimits, add: Add): void {
  if (!subject) {
    add('missing_subject', 'an email needs an honest subject line');
    return;
  }
  if (o.kind !== 'response' && DECEPTIVE_SUBJECT.test(subject)) add('deceptive_subject', `"${subject}" pretends to be a reply or forward (CAN-SPAM: honest subject)`);
  if (subject.length > limits.maxSubjectChars) add('subject_too_long', `${subject.length} characters; keep subjects under ${limits.maxSubjectChars}`);
}

import {
  EMAIL_ADDRESS,
  HAS_DIGIT,
  MAYBE_URL,
  MONEY,
  NUMBER,
  PHONE,
  URL,
  moneyKey,
  normalizeText,
  numberKey,
  phoneKey,
  urlKey,
} from './fact-patterns.js';

/**
 * Everything a message may state, indexed for the guard's fact check. Build it from the prospect
 * record's values, the location settings (company, agent, phone, postal address, links), the market
 * context and the rendered template text (its literal words are ours, so they count as facts).
 */
/** Membership test; a fact set built on a base checks its own values, then the base's. */
export interface FactLookup {
  has(value: string): boolean;
}

export interface FactSet {
  /** Lower-cased, punctuation-free, space-padded text of every fact, for address and phrase checks. */
  readonly text: string;
  /** The facts as written, for case-sensitive checks (ALL-CAPS company names, non-GSM letters in names). */
  readonly raw: string;
  readonly words: FactLookup;
  readonly numbers: FactLookup;
  readonly phones: FactLookup;
  readonly urls: FactLookup;
  readonly emails: FactLookup;
}

export type FactValue = string | number | null | undefined;

export interface BuildFactSetOptions {
  values: ReadonlyArray<FactValue | Readonly<Record<string, FactValue>>>;
  /**
   * Fact sets to extend, built once and shared: the location's facts, a template's literal text
   * (templateFactSet). Values already present verbatim in a base are not indexed again.
   */
  base?: FactSet | readonly FactSet[];
}

/**
 * @example
 * const facts = buildFactSet({ values: [{ situs_address: '12 Oak St', agent_phone: '(407) 555-0100' }] });
 */
export function buildFactSet({ values, base: baseOption }: BuildFactSetOptions): FactSet {
  const base = Array.isArray(baseOption) ? mergeBases(baseOption as readonly FactSet[]) : (baseOption as FactSet | undefined);
  const parts: string[] = [];
  // Only a whole value already in a base is skipped: "12" must still be indexed when a base has "1234".
  const known = base ? padded(base) : '';
  const push = (x: FactValue): void => {
    if (x === null || x === undefined) return;
    const s = String(x);
    if (s !== '' && !known.includes(`\n${s}\n`)) parts.push(s);
  };
  for (const v of values) {
    if (v !== null && typeof v === 'object') for (const x of Object.values(v)) push(x);
    else push(v);
  }
  const raw = parts.join('\n');
  const words = new Set<string>();
  const numbers = new Set<string>();
  const phones = new Set<string>();
  const urls = new Set<string>();
  const emails = new Set<string>();
  // The scans are skipped when their trigger character is absent: this runs once per message.
  if (raw.includes('@')) for (const m of raw.matchAll(EMAIL_ADDRESS)) emails.add(m[0].toLowerCase());
  if (MAYBE_URL.test(raw)) for (const m of raw.matchAll(URL)) urls.add(urlKey(m[0]));
  if (HAS_DIGIT.test(raw)) {
    for (const m of raw.matchAll(PHONE)) phones.add(phoneKey(m[0]));
    for (const m of raw.matchAll(MONEY)) numbers.add(moneyKey(m[0]));
    // A price stored as 250000 may be written $250,000 or $250k: numberKey and moneyKey agree on plain numbers.
    for (const m of raw.matchAll(NUMBER)) numbers.add(numberKey(m[0]));
  }
  for (const m of raw.toLowerCase().replace(/’/g, "'").matchAll(WORD)) {
    const w = m[0];
    words.add(w);
    if (w.includes('-')) for (const part of w.split('-')) if (part) words.add(part);
  }
  const text = normalizeText(raw);
  return {
    text: base ? `${base.text}${text}` : text,
    raw: base ? `${base.raw}\n${raw}` : raw,
    words: layer(words, base?.words),
    numbers: layer(numbers, base?.numbers),
    phones: layer(phones, base?.phones),
    urls: layer(urls, base?.urls),
    emails: layer(emails, base?.emails),
  };
}

const WORD = /[a-z0-9][a-z0-9'-]*/g;

const paddedRaw = new WeakMap<FactSet, string>();
function padded(f: FactSet): string {
  let p = paddedRaw.get(f);
  if (p === undefined) paddedRaw.set(f, (p = `\n${f.raw}\n`));
  return p;
}

// Merged views are cached per combination (location facts × template facts) so building a message's
// fact set does not re-join the bases' text every time.
const merged = new WeakMap<FactSet, WeakMap<FactSet, FactSet>>();

function mergeBases(bases: readonly FactSet[]): FactSet | undefined {
  if (bases.length <= 1) return bases[0];
  if (bases.length === 2) {
    const [a, b] = bases as [FactSet, FactSet];
    let inner = merged.get(a);
    if (!inner) merged.set(a, (inner = new WeakMap()));
    let m = inner.get(b);
    if (!m) inner.set(b, (m = mergeMany(bases)));
    return m;
  }
  return mergeMany(bases);
}

function mergeMany(bases: readonly FactSet[]): FactSet {
  const any = (pick: (f: FactSet) => FactLookup): FactLookup => {
    const lookups = bases.map(pick);
    return {
      has: (v) => {
        for (const l of lookups) if (l.has(v)) return true;
        return false;
      },
    };
  };
  return {
    text: bases.map((b) => b.text).join(''),
    raw: bases.map((b) => b.raw).join('\n'),
    words: any((b) => b.words),
    numbers: any((b) => b.numbers),
    phones: any((b) => b.phones),
    urls: any((b) => b.urls),
    emails: any((b) => b.emails),
  };
}

// Layering instead of copying keeps a per-message fact set cheap when the location's facts are shared.
function layer(own: Set<string>, base: FactLookup | undefined): FactLookup {
  if (!base) return own;
  return { has: (v) => own.has(v) || base.has(v) };
}

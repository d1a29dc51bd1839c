import {
  EMAIL_ADDRESS,
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
export interface FactSet {
  /** Lower-cased, punctuation-free, space-padded text of every fact, for address and phrase checks. */
  readonly text: string;
  /** The facts as written, for case-sensitive checks (ALL-CAPS company names, non-GSM letters in names). */
  readonly raw: string;
  readonly words: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
  readonly phones: ReadonlySet<string>;
  readonly urls: ReadonlySet<string>;
  readonly emails: ReadonlySet<string>;
}

export type FactValue = string | number | null | undefined;

export interface BuildFactSetOptions {
  values: ReadonlyArray<FactValue | Readonly<Record<string, FactValue>>>;
  /** A fact set to extend (e.g. the location's facts, built once and shared by every message). */
  base?: FactSet;
}

/**
 * @example
 * const facts = buildFactSet({ values: [{ situs_address: '12 Oak St', agent_phone: '(407) 555-0100' }] });
 */
export function buildFactSet({ values, base }: BuildFactSetOptions): FactSet {
  const parts: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'object') {
      for (const x of Object.values(v)) if (x !== null && x !== undefined) parts.push(String(x));
    } else parts.push(String(v));
  }
  const raw = parts.join('\n');
  const words = new Set(base?.words);
  const numbers = new Set(base?.numbers);
  const phones = new Set(base?.phones);
  const urls = new Set(base?.urls);
  const emails = new Set(base?.emails);
  for (const m of raw.matchAll(EMAIL_ADDRESS)) emails.add(m[0].toLowerCase());
  for (const m of raw.matchAll(URL)) urls.add(urlKey(m[0]));
  for (const m of raw.matchAll(PHONE)) phones.add(phoneKey(m[0]));
  for (const m of raw.matchAll(MONEY)) numbers.add(moneyKey(m[0]));
  for (const m of raw.matchAll(NUMBER)) {
    numbers.add(numberKey(m[0]));
    // A price stored as 250000 may be written $250,000 or $250k: moneyKey normalises both sides.
    numbers.add(moneyKey(m[0]));
  }
  for (const w of raw.toLowerCase().replace(/’/g, "'").split(/[^a-z0-9'-]+/)) {
    if (!w) continue;
    words.add(w);
    if (w.includes('-')) for (const part of w.split('-')) if (part) words.add(part);
  }
  const text = normalizeText(raw);
  return {
    text: base ? `${base.text}${text}` : text,
    raw: base ? `${base.raw}\n${raw}` : raw,
    words,
    numbers,
    phones,
    urls,
    emails,
  };
}

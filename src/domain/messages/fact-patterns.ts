/**
 * The patterns the guard uses to find claims in a message (links, phones, prices, addresses, numbers)
 * and to index the same things in the facts. Kept together so facts and messages are read alike.
 */

/** Cheap pre-checks: most messages have no link and few digits, so the expensive scans can be skipped. */
export const HAS_DIGIT = /\d/;
export const MAYBE_URL = /www\.|https?:|[a-z0-9]\.[a-z]{2}/i;

export const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

export const URL = /\b(?:https?:\/\/|www\.)[^\s<>()"']+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|ly|co|us|me|gl|gd|at|cc|gy|info|biz|link|to|sh|app|site|online|page)\b(?:\/[^\s<>()"']*)?/gi;

// Public shorteners carriers filter (C6). Matched on the host, with or without a scheme.
export const SHORTENER_HOSTS = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 'goo.gl', 't.co', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at',
  'tiny.cc', 'rb.gy', 't.ly', 'bl.ink', 'soo.gd', 's.id', 'v.gd', 'qr.ae', 'lnkd.in', 'shorte.st', 'adf.ly', 'short.io',
  'tiny.one', 'urlz.fr', 'x.co', 'bit.do', 'mcaf.ee', 'su.pr', 'po.st', 'trib.al', 'smarturl.it', 'dub.sh', 'sl.fo',
]);

export const PHONE = /(?<![\d+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g;

export const MONEY =
  /\$\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|mm|million|thousand|grand)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:k|million|thousand|grand|dollars|bucks)\b/gi;

const STREET_SUFFIX =
  'st|street|ave|avenue|rd|road|dr|drive|ln|lane|blvd|boulevard|ct|court|way|pl|place|cir|circle|ter|terrace|trl|trail|pkwy|parkway|hwy|highway|loop|run|pt|point|xing|crossing|sq|square|cv|cove|pass|path|row|walk';
export const STREET_ADDRESS = new RegExp(`\\b\\d{1,6}[A-Za-z]?\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Za-z0-9.'-]+\\s+){0,4}?(?:${STREET_SUFFIX})\\b\\.?`, 'gi');

export const NUMBER = /\d+(?:[.,:/]\d+)*/g;

/** Digits of a phone number without the country code. */
export function phoneKey(raw: string): string {
  const d = raw.replace(/\D/g, '');
  return d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
}

/** A money mention as a plain number string: `$250k`, `$250,000`, `250 thousand` → `250000`. */
export function moneyKey(raw: string): string {
  const m = /(\d[\d,]*(?:\.\d+)?)\s?(k|mm|m|million|thousand|grand)?/i.exec(raw);
  if (!m) return raw;
  let n = Number(m[1]!.replace(/,/g, ''));
  const unit = m[2]?.toLowerCase();
  if (unit === 'k' || unit === 'thousand' || unit === 'grand') n *= 1_000;
  else if (unit === 'm' || unit === 'mm' || unit === 'million') n *= 1_000_000;
  return String(Math.round(n * 100) / 100);
}

/** A bare number as it would be compared: commas dropped, trailing decimal zeros dropped (`3.50` → `3.5`). */
export function numberKey(raw: string): string {
  const s = raw.includes(',') ? raw.replace(/,/g, '') : raw;
  return /^\d+\.\d*0$/.test(s) ? s.replace(/\.?0+$/, '') : s;
}

const ADDRESS_WORDS: Readonly<Record<string, string>> = {
  street: 'st', avenue: 'ave', road: 'rd', drive: 'dr', lane: 'ln', boulevard: 'blvd', court: 'ct', place: 'pl', circle: 'cir',
  terrace: 'ter', trail: 'trl', parkway: 'pkwy', highway: 'hwy', crossing: 'xing', square: 'sq', cove: 'cv', point: 'pt',
  north: 'n', south: 's', east: 'e', west: 'w',
};
const ADDRESS_WORD = new RegExp(`\\b(?:${Object.keys(ADDRESS_WORDS).join('|')})\\b`, 'g');

/**
 * Lower case, punctuation to spaces, single spaces, padded (so substring tests respect word edges), and
 * street words abbreviated, so "12 Oak Street" in a message matches "12 OAK ST" in the record.
 */
export function normalizeText(s: string): string {
  const t = s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().replace(ADDRESS_WORD, (w) => ADDRESS_WORDS[w]!);
  return ` ${t} `;
}

/** A URL without scheme, `www.` and trailing slash or punctuation, lower case. */
export function urlKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[.,;:!?)]+$/, '')
    .replace(/\/$/, '');
}

export function urlHost(key: string): string {
  return key.split(/[/?#]/)[0]!;
}

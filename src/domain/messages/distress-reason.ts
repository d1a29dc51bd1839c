/**
 * `{{distress_reason}}` from a property's scoring: the strongest distress signal, said the way a person
 * would ("back taxes", not `tax_delinquent_2y`). The wording is gentle on purpose: it reads after
 * "dealing with something … like", and a text that says "your foreclosure" to a stranger is both rude
 * and a carrier-filter risk.
 */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/^(lis_pendens|foreclosure)/, 'a foreclosure notice'],
  [/^tax_(delinquent|deed)|^taxdelinquent|^taxdeed/, 'back taxes'],
  [/^(probate|inherited|estate)/, 'an inherited house'],
  [/^code_|^codeviolation|^codelien/, 'a code enforcement notice'],
  [/^vacant/, 'a vacant house'],
  [/^tired_landlord|^tiredlandlord/, 'a rental that has become a hassle'],
  [/^(out_of_state|outofstate|absentee|foreign_owner|foreignowner)/, 'owning a house from a distance'],
];

function phraseFor(signal: string): string | undefined {
  const s = signal.toLowerCase();
  return PHRASES.find(([re]) => re.test(s))?.[1];
}

export interface DistressReasonOptions {
  /** `properties.score_contributions`: `{ signal, points }` items, as scoreProperty writes them. */
  contributions?: readonly unknown[];
  /** `properties.signals`: flags by name (vendor fields such as `taxDelinquent`, or derived signal keys). */
  signals?: Readonly<Record<string, unknown>>;
}

/**
 * @example
 * distressReason({ contributions: [{ signal: 'tax_delinquent_2y', points: 12 }] }) // 'back taxes'
 */
export function distressReason({ contributions = [], signals = {} }: DistressReasonOptions): string | undefined {
  // The contribution with the most points is the reason the lead scored; ties keep the scorer's order.
  let best: { phrase: string; points: number } | undefined;
  for (const c of contributions) {
    if (typeof c !== 'object' || c === null) continue;
    const { signal, points } = c as { signal?: unknown; points?: unknown };
    if (typeof signal !== 'string' || typeof points !== 'number' || points <= 0) continue;
    const phrase = phraseFor(signal);
    if (phrase && (!best || points > best.points)) best = { phrase, points };
  }
  if (best) return best.phrase;
  for (const [name, value] of Object.entries(signals)) {
    if (value === false || value === null || value === undefined || value === 0) continue;
    const phrase = phraseFor(name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`));
    if (phrase) return phrase;
  }
  return undefined;
}

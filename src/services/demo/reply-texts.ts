/**
 * What the demo's owners text back: real-world-style replies from the reply classifier's labelled data
 * (data-files/replies/intent-train.jsonl), grouped by intent — so the replies the simulation sends are
 * the kind of messages the classifier was built for, typos and all.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Random } from './seeded-random.js';

export type ReplyIntent = 'interested' | 'not_interested' | 'opt_out' | 'question' | 'wrong_number' | 'unknown';

/** The data file shipped with Curb, found from this file (src/ or dist/), not the working directory. */
const DATA_FILE = fileURLToPath(new URL('../../../data-files/replies/intent-train.jsonl', import.meta.url));

export type ReplyTexts = Record<ReplyIntent, string[]>;

export function loadReplyTexts(path = DATA_FILE): ReplyTexts {
  const out: ReplyTexts = { interested: [], not_interested: [], opt_out: [], question: [], wrong_number: [], unknown: [] };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { text, intent } = JSON.parse(line) as { text: string; intent: ReplyIntent };
    // Full sentences read better in the inbox than the bare "Yes"/"ok" rows of the training set.
    if (out[intent] && text.trim().length >= 8) out[intent].push(text.trim());
  }
  for (const [intent, texts] of Object.entries(out)) if (texts.length === 0) throw new Error(`${path}: no ${intent} replies`);
  return out;
}

/** After a person writes back to a hot lead, the owner's answer (a person's words, not the training set's). */
export const OWNER_ANSWERS_TO_AGENT = [
  'Tomorrow after 3 works, call me then',
  'Sure, Thursday morning is good. What kind of number are you thinking?',
  'Ok you can call me at this number this evening',
  'Yes please. The roof needs work, just so you know',
  'Friday works. My sister is on the deed too, can she join the call?',
  'Sounds good, I can do a walkthrough on Saturday',
];

/** What the demo's person (Jane at Demo Home Buyers) writes to a lead the bot handed over. */
export function agentReply(random: Random, o: { firstName: string | null; street: string | null }): string {
  const name = o.firstName ? `Hi ${o.firstName}, ` : 'Hi, ';
  const about = o.street ? ` about ${o.street}` : '';
  return random.pick([
    `${name}this is Jane with Demo Home Buyers, thanks for getting back to me. When is a good time for a quick call${about}?`,
    `${name}Jane here from Demo Home Buyers. Happy to put together a cash offer${about}. Could we talk tomorrow?`,
    `${name}thanks for the reply! I'd like to hear more${about}. What time works for a 10-minute call this week?`,
  ]);
}

/**
 * F8 (since 2025-04-11): "stop", "quit", "end", "revoke", "opt out", "cancel", "unsubscribe" are revocations
 * per se, in any sentence — and C1 adds Twilio's STOPALL and OPTOUT. Each word is tried inside many
 * sentence shapes (start, middle, end, with punctuation, shouting, typos in the sentence around it), in the
 * detector the inbound pipeline runs first, and through the whole reply classifier.
 */
import { describe, expect, it } from 'vitest';
import { classifyReply } from './classify-reply.js';
import { detectKeywords } from './opt-out.js';

const PER_SE = ['stop', 'quit', 'end', 'revoke', 'opt out', 'cancel', 'unsubscribe', 'stopall', 'optout'] as const;

const SENTENCES = [
  (w: string) => `${w}`,
  (w: string) => `${w.toUpperCase()}!!!`,
  (w: string) => `${w} please`,
  (w: string) => `Please ${w}`,
  (w: string) => `please ${w} now`,
  (w: string) => `I said ${w}.`,
  (w: string) => `${w} texting me`,
  (w: string) => `${w} these messages`,
  (w: string) => `${w} sending me texts`,
  (w: string) => `Not interested. ${w}`,
  (w: string) => `who is this? ${w}`,
  (w: string) => `I want to ${w}`,
  (w: string) => `${w} all messages from you`,
  (w: string) => `ok ${w} thanks`,
  (w: string) => `I already told you to ${w}`,
  (w: string) => `This is the third time, ${w}!`,
  (w: string) => `${w} ${w} ${w}`,
  (w: string) => `${w} this number`,
  (w: string) => `hey can you ${w} the texts`,
  (w: string) => `${w} 🛑`,
];

describe('every per-se opt-out word is caught inside sentences (F8, C1)', () => {
  for (const word of PER_SE) {
    it.each(SENTENCES.map((f) => f(word)))(`"%s"`, (text) => {
      const k = detectKeywords(text);
      expect(k.optOut, `detectKeywords(${JSON.stringify(text)})`).toBe(true);
      expect(classifyReply(text, { keywords: k }).intent).toBe('opt_out');
    });
  }

  it.each(["I'll stop by Tuesday", 'the weekend works', 'end of the month is fine', 'can we cancel the appointment and do Friday'])('"%s" is not a revocation (C3: whole words and meaning)', (text) => {
    expect(detectKeywords(text).optOut).toBe(false);
  });
});

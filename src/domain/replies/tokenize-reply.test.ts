import { describe, expect, it } from 'vitest';
import { tokenizeReply } from './tokenize-reply.js';

describe('tokenizeReply', () => {
  it('normalizes words, slang and apostrophes', () => {
    expect(tokenizeReply('Tame me off yoyr list').words).toEqual(['tame', 'me', 'off', 'your', 'list']);
    expect(tokenizeReply("Don’t text me, what's ur offer?").words).toEqual(['dont', 'text', 'me', 'whats', 'your', 'offer']);
    expect(tokenizeReply("I'll stop by").words).toEqual(["i'll", 'stop', 'by']);
    expect(tokenizeReply('Número equivocado').words).toEqual(['numero', 'equivocado']);
  });

  it('keeps emoji (without selectors and skin tones) and counts ? and !', () => {
    const r = tokenizeReply('who is this?? ⛵️ 🖕🏻!');
    expect(r.tokens.filter((t) => t.kind === 'emoji').map((t) => t.norm)).toEqual(['⛵', '🖕']);
    expect(r.questionMarks).toBe(2);
    expect(r.exclamations).toBe(1);
  });
});

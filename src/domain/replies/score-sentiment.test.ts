import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './score-sentiment.js';

const s = (text: string) => scoreSentiment(text).score;

describe('scoreSentiment', () => {
  it('reads "not interested" as negative in any casing (the npm VADER port gets this wrong)', () => {
    for (const t of ['not interested', 'Not interested', 'NOT INTERESTED', "I'm not interested", 'not intrested']) expect(s(t), t).toBeLessThan(-0.3);
  });

  it('makes a negated negative mildly positive', () => {
    expect(s('not bad')).toBeGreaterThan(0);
    expect(s('not bad')).toBeLessThan(0.6);
  });

  it('scores refusals, hostility and revocations strongly negative', () => {
    for (const t of ['not selling', 'stop', 'leave me alone', 'this is a scam', 'this is harassment', 'stop texting me', 'fuck off'])
      expect(s(t), t).toBeLessThan(-0.5);
  });

  it('scores buying signals positive', () => {
    for (const t of ['yes', 'interested', 'call me', "what's your offer", 'how much u offering', 'make me an offer']) expect(s(t), t).toBeGreaterThan(0.3);
  });

  it('maps texting slang', () => {
    expect(s('thx')).toBeCloseTo(s('thanks'));
    expect(s('ty')).toBeGreaterThan(0);
    expect(s('nah')).toBeLessThan(0);
    expect(s('nope')).toBeCloseTo(s('no'));
    expect(s('yep')).toBeCloseTo(s('yes'));
    expect(s('lol')).toBeGreaterThan(0);
  });

  it('reads emoji: positive, negative and neutral ones', () => {
    for (const e of ['👍', '🙏', '😊']) expect(s(e), e).toBeGreaterThan(0.3);
    for (const e of ['😡', '🖕']) expect(s(e), e).toBeLessThan(-0.5);
    expect(s('⛵️')).toBe(0);
    expect(s('🏠')).toBe(0);
  });

  it('applies intensifiers, ALL-CAPS emphasis and exclamation marks', () => {
    expect(s('very good')).toBeGreaterThan(s('good'));
    expect(s('kinda good')).toBeLessThan(s('good'));
    expect(s('this is GREAT')).toBeGreaterThan(s('this is great'));
    expect(s('great!!!')).toBeGreaterThan(s('great'));
    expect(s('NOT INTERESTED!!!')).toBeLessThan(s('not interested'));
  });

  it('weighs what follows "but" more', () => {
    expect(s('great but not interested')).toBeLessThan(0);
    expect(s('not great but interested')).toBeGreaterThan(0);
  });

  it('does not let a negation reach across a phrase or "but"', () => {
    expect(s('Not now but maybe next year')).toBeGreaterThan(-0.3);
  });

  it('ignores look-alikes: "I\'ll stop by Tuesday" is not a revocation', () => {
    expect(s("I'll stop by Tuesday")).toBe(0);
  });

  it('is neutral on empty and content-free text, and bounded', () => {
    expect(s('')).toBe(0);
    expect(s('Sold it')).toBe(0);
    const extreme = s('HATE HATE HATE terrible awful horrible scam!!!!!!!! 🖕🖕🖕');
    expect(extreme).toBeGreaterThanOrEqual(-1);
    expect(extreme).toBeLessThan(-0.9);
  });

  it('is deterministic and explains itself', () => {
    const a = scoreSentiment('Maybe. Whats ur number 🙏');
    expect(scoreSentiment('Maybe. Whats ur number 🙏')).toEqual(a);
    expect(a.tokens.map((t) => t.text)).toEqual(['Maybe', '🙏']);
  });
});

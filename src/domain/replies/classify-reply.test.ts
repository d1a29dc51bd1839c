import { describe, expect, it } from 'vitest';
import { classifyBatch, classifyReply } from './classify-reply.js';

describe('classifyReply', () => {
  it('"not interested": not_interested, negative, objection, stop', () => {
    const r = classifyReply('Not interested');
    expect(r).toMatchObject({ intent: 'not_interested', objection: 'not_interested', stopOutreach: true });
    expect(r.sentiment).toBeLessThan(-0.3);
  });

  it('FCC per-se revocation words inside sentences are opt_out without the keyword detector', () => {
    for (const t of ['please STOP texting me', 'I want to opt out', 'Cancel, unsubscribe me', 'revoke my consent', 'quit texting me', 'STOP. Not interested.']) {
      const r = classifyReply(t);
      expect(r.intent, t).toBe('opt_out');
      expect(r.stopOutreach, t).toBe(true);
    }
  });

  it("the keyword detector's opt-out flag forces opt_out", () => {
    const r = classifyReply('yes please call me', { keywords: { optOut: true, help: false, optIn: false } });
    expect(r).toMatchObject({ intent: 'opt_out', confidence: 1, intentSource: 'keywords', stopOutreach: true });
    expect(classifyReply('HELP', { keywords: { optOut: false, help: true, optIn: false } }).keywords?.help).toBe(true);
  });

  it('keeps the examples from real inboxes straight', () => {
    expect(classifyReply('Tame me off yoyr list')).toMatchObject({ intent: 'opt_out', stopOutreach: true });
    expect(classifyReply('⛵️')).toMatchObject({ intent: 'unknown', sentiment: 0, stopOutreach: false });
    expect(classifyReply('Sold it')).toMatchObject({ intent: 'wrong_number', stopOutreach: true });
    expect(classifyReply('how much u offering')).toMatchObject({ intent: 'interested', stopOutreach: false });
    expect(classifyReply('Maybe. Whats ur number')).toMatchObject({ intent: 'interested', stopOutreach: false });
    expect(classifyReply('who is this??')).toMatchObject({ intent: 'question', stopOutreach: false });
  });

  it('a timing put-off is not_interested today but not a stop', () => {
    expect(classifyReply('Not now but maybe next year')).toMatchObject({ intent: 'not_interested', objection: 'timing', stopOutreach: false });
  });

  it('an agent or a price objection on an interested reply does not stop outreach', () => {
    expect(classifyReply('Zillow says 350, can you do that?')).toMatchObject({ objection: 'price', stopOutreach: false });
  });

  it('is deterministic and classifyBatch equals classifyReply on each text', () => {
    const texts = ['Tame me off yoyr list', 'how much u offering', '👍', 'hmm maybe', 'Not interested'];
    expect(classifyBatch(texts)).toEqual(texts.map((t) => classifyReply(t)));
    expect(classifyBatch(texts)).toEqual(classifyBatch(texts));
    const flags = [{ optOut: true, help: false, optIn: false }];
    expect(classifyBatch(['yes'], { keywords: flags })[0]!.intent).toBe('opt_out');
  });
});

import { describe, expect, it } from 'vitest';
import { classifyObjection } from './classify-objection.js';
import { shouldStopOutreach } from './should-stop-outreach.js';

const o = (t: string) => classifyObjection(t).objection;

describe('classifyObjection', () => {
  it("covers seed 003's patterns", () => {
    for (const t of ['not interested', "don't contact me", 'remove me', 'stop texting']) expect(o(t), t).toBe('not_interested');
    for (const t of ['I have an agent', 'working with someone', 'my realtor handles that', 'already listed', "it's listed"]) expect(o(t), t).toBe('already_listed');
    for (const t of ['not ready', 'maybe later', 'in a few months', 'next year']) expect(o(t), t).toBe('timing');
    for (const t of ['too low', 'that is a lowball', "it's worth more", 'zillow says 350', 'the market is crazy', "I can't afford to sell for that"])
      expect(o(t), t).toBe('price');
    for (const t of ['tell me more', "what's this about", 'how did you get my number']) expect(o(t), t).toBe('info_request');
  });

  it('tolerates misspellings and slang', () => {
    expect(o('not intrested')).toBe('not_interested');
    expect(o('we hve a realtr already')).toBe('already_listed');
    expect(o('ur offer is wayyy too low')).toBe('price');
    expect(o('maybe latr, not reddy')).toBe('timing');
    expect(o('how did u get my numbr')).toBe('info_request');
  });

  it('puts a refusal before a timing put-off, and a timing put-off alone stays timing', () => {
    expect(o('Not interested, maybe next year')).toBe('not_interested');
    expect(o('Not now but maybe next year')).toBe('timing');
  });

  it('reports the matched pattern, and null when nothing matches', () => {
    expect(classifyObjection('zillow says its worth 300k')).toEqual({ objection: 'price', matched: 'zillow says' });
    expect(classifyObjection('yes call me')).toEqual({ objection: null, matched: null });
    expect(classifyObjection('⛵️')).toEqual({ objection: null, matched: null });
  });

  it('reads a bare "no" as the not_interested objection', () => {
    expect(o('No')).toBe('not_interested');
    expect(o('nope')).toBe('not_interested');
  });
});

describe('shouldStopOutreach', () => {
  it('stops only on not_interested (seed 003 should_opt_out)', () => {
    expect(shouldStopOutreach('not_interested')).toBe(true);
    for (const x of ['already_listed', 'timing', 'price', 'info_request', null] as const) expect(shouldStopOutreach(x)).toBe(false);
  });
});

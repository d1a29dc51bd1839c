import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from './facts.js';
import { FactsSchema } from './facts.js';
import { extractFacts } from './facts-extract.js';

const at = '2025-03-01T15:00:00Z';
const inbound = (...bodies: string[]): ConversationMessage[] => bodies.map((body) => ({ direction: 'inbound' as const, body, at }));

describe('extractFacts', () => {
  it('pulls every fact with its evidence sentence and message index', () => {
    const conversation: ConversationMessage[] = [
      { direction: 'outbound', body: 'Hi, would you sell 12 Oak St?', at },
      { direction: 'inbound', body: 'Maybe. Going through a divorce and need to sell asap.', at },
      { direction: 'outbound', body: 'Sorry to hear. Any idea on price?', at },
      { direction: 'inbound', body: 'Want $250k. It needs a roof. Tenant is in there til June. Need to talk to my brother first', at },
    ];
    const f = extractFacts({ conversation });
    expect(FactsSchema.parse(f)).toEqual(f);
    expect(f.motivation).toMatchObject({ value: 'divorce', messageIndex: 1, evidence: 'Going through a divorce and need to sell asap.' });
    expect(f.timeline).toMatchObject({ value: 'asap', messageIndex: 1 });
    expect(f.askingPrice).toMatchObject({ value: 250_000, messageIndex: 3, evidence: 'Want $250k.' });
    expect(f.condition).toMatchObject({ value: 'needs_work', evidence: 'It needs a roof.' });
    expect(f.occupancy).toMatchObject({ value: 'tenant' });
    expect(f.decisionMaker).toMatchObject({ value: 'needs_others', evidence: 'Need to talk to my brother first' });
  });

  it('ignores our own (outbound) messages', () => {
    const f = extractFacts({ conversation: [{ direction: 'outbound', body: 'We buy fast, 30 days, $200k, any condition' }] });
    expect(Object.values(f).every((x) => x === null)).toBe(true);
  });

  it.each([
    ['$250k', 250_000],
    ['I want 250,000 for it', 250_000],
    ['around 300k', 300_000],
    ['would take 260 thousand', 260_000],
    ['asking 1.2 million', 1_200_000],
    ['Would you do 320?', 320_000],
    ['$185,500 firm', 185_500],
  ])('parses asking price in %s', (text, value) => {
    expect(extractFacts({ conversation: inbound(text) }).askingPrice?.value).toBe(value);
  });

  it('does not read days, bedrooms or times as a price', () => {
    for (const t of ['can close in 30 days', 'its a 3 bedroom', 'call me after 5', 'we bought it in 2004']) expect(extractFacts({ conversation: inbound(t) }).askingPrice, t).toBeNull();
  });

  it('trusts a quoted Zillow figure less than the owner’s own number', () => {
    const zillow = extractFacts({ conversation: inbound('zillow says its worth 350k') }).askingPrice!;
    const own = extractFacts({ conversation: inbound('I want 350k') }).askingPrice!;
    expect(zillow.confidence).toBeLessThan(own.confidence);
  });

  it('reads timelines, motivations, decision makers and occupancy', () => {
    const one = (t: string) => extractFacts({ conversation: inbound(t) });
    expect(one('inherited it from my dad').motivation?.value).toBe('inherited');
    expect(one('we are relocating for work').motivation?.value).toBe('relocating');
    expect(one('behind on payments').motivation?.value).toBe('behind_on_payments');
    expect(one('im so tired of being a landlord').motivation?.value).toBe('tired_landlord');
    expect(one('owe back taxes').motivation?.value).toBe('taxes');
    expect(one('within 30 days').timeline?.value).toBe('30_days');
    expect(one('in a few months').timeline?.value).toBe('3_months');
    expect(one('no rush, maybe next year').timeline?.value).toBe('6_months_plus');
    expect(one('my wife and I own it').decisionMaker?.value).toBe('joint');
    expect(one('it is just me, sole owner').decisionMaker?.value).toBe('sole');
    expect(one('need to check with my siblings').decisionMaker?.value).toBe('needs_others');
    expect(one('the house is vacant').occupancy?.value).toBe('vacant');
    expect(one('we live there').occupancy?.value).toBe('owner_occupied');
    expect(one('great condition, move in ready').condition?.value).toBe('good');
    expect(one('fire damage in the kitchen').condition?.value).toBe('needs_major_work');
  });

  it('lets a later statement replace an earlier one', () => {
    const f = extractFacts({ conversation: inbound('no rush really, 6 months', 'actually we need to sell asap') });
    expect(f.timeline).toMatchObject({ value: 'asap', messageIndex: 1 });
  });

  it('tolerates typos in longer words', () => {
    expect(extractFacts({ conversation: inbound('goin thru a divorse') }).motivation?.value).toBe('divorce');
    expect(extractFacts({ conversation: inbound('behnd on paymnts') }).motivation?.value).toBe('behind_on_payments');
  });
});

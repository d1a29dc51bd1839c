import { describe, expect, it } from 'vitest';
import type { ConversationMessage, Facts } from './facts.js';
import { extractFacts } from './facts-extract.js';
import { computeFrs } from './frs-score.js';
import { computePcs } from './pcs-score.js';
import { evaluateGate, GateDecisionSchema } from './gate-evaluate.js';

const at = '2025-03-01T15:00:00Z';
const conv = (...bodies: string[]): ConversationMessage[] => bodies.map((body, i) => ({ direction: i % 2 === 0 ? 'outbound' : 'inbound', body, at }));
const fact = <T>(value: T, confidence = 0.9) => ({ value, confidence, evidence: 'x', messageIndex: 1 });
const strong: Facts = {
  motivation: fact('divorce'),
  timeline: fact('asap'),
  condition: null,
  askingPrice: fact(250_000),
  decisionMaker: fact('sole'),
  occupancy: null,
};
const seller = conv('Would you sell?', 'Yes I want to sell my house');

describe('evaluateGate', () => {
  it('passes a motivated seller at the thresholds and routes by engagement', () => {
    const hot = evaluateGate({ facts: strong, frs: 60, pcs: 70, conversation: seller });
    expect(GateDecisionSchema.parse(hot)).toEqual(hot);
    expect(hot).toMatchObject({ passed: true, leadType: 'seller', handoffTarget: 'human', disqualifyReason: null });
    expect(hot.confidence).toBeGreaterThanOrEqual(0.7);
    expect(evaluateGate({ facts: strong, frs: 60, pcs: 40, conversation: seller })).toMatchObject({ passed: true, handoffTarget: 'seller_bot' });
  });

  it('fails just below the FRS threshold, and honours custom thresholds', () => {
    expect(evaluateGate({ facts: strong, frs: 59.9, pcs: 70, conversation: seller })).toMatchObject({ passed: false, handoffTarget: null, disqualifyReason: 'frs_below_threshold: 59.9 < 60' });
    expect(evaluateGate({ facts: strong, frs: 59.9, pcs: 70, conversation: seller, thresholds: { frs: 50 } }).passed).toBe(true);
  });

  it('fails below the confidence threshold when the facts behind the FRS are thin', () => {
    const thin: Facts = { ...strong, timeline: null, askingPrice: null, decisionMaker: null, motivation: fact('divorce', 0.6) };
    const d = evaluateGate({ facts: thin, frs: 80, pcs: 70, conversation: seller });
    expect(d.passed).toBe(false);
    expect(d.confidence).toBeLessThan(0.7);
    expect(d.disqualifyReason).toMatch(/^confidence_below_threshold/);
  });

  it('never passes an opt-out, a wrong party or a latest "no"', () => {
    expect(evaluateGate({ facts: strong, frs: 95, pcs: 90, conversation: conv('Hi', 'I want 250k', 'ok', 'actually stop texting me') }).disqualifyReason).toBe('opted_out');
    expect(evaluateGate({ facts: strong, frs: 95, pcs: 90, conversation: conv('Hi', 'wrong number') }).disqualifyReason).toBe('wrong_party');
    expect(evaluateGate({ facts: strong, frs: 95, pcs: 90, conversation: conv('Hi', 'I want 250k', 'How about 200k?', 'No thanks, not interested') }).disqualifyReason).toBe('not_interested');
    // A "no" earlier that they walked back is not a disqualification.
    expect(evaluateGate({ facts: strong, frs: 95, pcs: 90, conversation: conv('Hi', 'no', 'Sure?', 'ok actually yes, I want to sell my house for 250k') }).passed).toBe(true);
  });

  it('tells buyers from sellers', () => {
    const none: Facts = { motivation: null, timeline: fact('asap'), condition: null, askingPrice: null, decisionMaker: fact('sole'), occupancy: null };
    const buyer = evaluateGate({ facts: none, frs: 65, pcs: 70, conversation: conv('Hi', 'Im a cash buyer, do you have any deals?', 'Yes', 'send me deals in Orlando') });
    expect(buyer).toMatchObject({ leadType: 'buyer' });
    const unclear = evaluateGate({ facts: none, frs: 65, pcs: 70, conversation: conv('Hi', 'ok') });
    expect(unclear).toMatchObject({ leadType: 'ambiguous', passed: false, handoffTarget: 'lead_bot', disqualifyReason: 'lead_type_ambiguous' });
  });

  it('works end to end from a raw conversation', () => {
    const conversation: ConversationMessage[] = [
      { direction: 'outbound', body: 'Hi Ana, would you consider selling 12 Oak St?', at: '2025-03-01T15:00:00Z' },
      { direction: 'inbound', body: 'Yes. Going through a divorce and need to sell asap. How fast can you close?', at: '2025-03-01T15:04:00Z' },
      { direction: 'outbound', body: 'Within 2 weeks. Any number in mind?', at: '2025-03-01T15:06:00Z' },
      { direction: 'inbound', body: 'I want 240k. It is just me on the deed. Call me tonight!', at: '2025-03-01T15:09:00Z' },
    ];
    const facts = extractFacts({ conversation });
    const frs = computeFrs({ facts, estimatedValue: 300_000 }).score;
    const pcs = computePcs({ conversation }).score;
    const d = evaluateGate({ facts, frs, pcs, conversation });
    expect(d).toMatchObject({ passed: true, leadType: 'seller' });
    expect(frs).toBeGreaterThanOrEqual(90);
  });
});

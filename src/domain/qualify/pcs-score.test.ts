import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from './facts.js';
import { computePcs, PCS_WEIGHTS } from './pcs-score.js';

const msg = (direction: 'inbound' | 'outbound', body: string, minute: number): ConversationMessage => ({
  direction,
  body,
  at: new Date(Date.UTC(2025, 2, 1, 15, minute)).toISOString(),
});

describe('computePcs', () => {
  it('weights sum to 1', () => {
    expect(Object.values(PCS_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('is 0 for a conversation with no reply', () => {
    expect(computePcs({ conversation: [msg('outbound', 'Hi', 0)] }).score).toBe(0);
  });

  it('scores an engaged, positive, quick owner far above a one-word reply days later', () => {
    const engaged = computePcs({
      conversation: [
        msg('outbound', 'Hi, would you sell?', 0),
        msg('inbound', 'Yes actually, we have been thinking about selling. How fast can you close?', 3),
        msg('outbound', 'Within 2 weeks.', 5),
        msg('inbound', 'Great! Do you pay cash? The roof needs work but otherwise it is in good shape', 8),
        msg('outbound', 'Yes, cash.', 9),
        msg('inbound', 'Perfect, call me tonight please, thanks!', 12),
        msg('inbound', 'My wife and I are both home after 6', 13),
      ],
    });
    const cold = computePcs({
      conversation: [
        { direction: 'outbound', body: 'Hi, would you sell?', at: '2025-03-01T15:00:00Z' },
        { direction: 'inbound', body: 'no', at: '2025-03-04T15:00:00Z' },
      ],
    });
    expect(engaged.score).toBeGreaterThan(75);
    expect(cold.score).toBeLessThan(25);
    expect(engaged.components.responsiveness.value).toBe(1);
  });
});

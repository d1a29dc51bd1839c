import type { Situation } from './situation.js';

/**
 * A marketing text that every rule allows at `at` (given the window is open): written consent, a scrub a day
 * old, no lists, no history. Tests change one thing at a time. Test-only helper (imported by *.test.ts files).
 */
export function compliantSms(at: string, over: Partial<Situation> = {}): Situation {
  const scrub = new Date(Date.parse(at) - 86_400_000).toISOString();
  return {
    at,
    channel: 'sms',
    purpose: 'marketing',
    initiation: 'automated',
    to: '+14075551234',
    body: 'Hi Jane, this is Sam with Oak Homes. Would you consider an offer on 12 Elm St? Reply STOP to opt out.',
    contact: { lists: [], consent: { kind: 'written', at: '2020-01-01T00:00:00Z' } },
    history: [],
    account: { lastNationalDncScrubAt: scrub, postalAddress: '1 Main St, Orlando FL 32801', maxMessagesPerContactPerDay: 1 },
    ...over,
  };
}

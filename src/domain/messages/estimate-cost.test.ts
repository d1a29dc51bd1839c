import { describe, expect, it } from 'vitest';
import { estimateCost } from './estimate-cost.js';

describe('estimateCost', () => {
  it('charges SMS per segment at the Twilio US default', () => {
    expect(estimateCost({ channel: 'sms', segments: 1 })).toEqual({ usd: 0.0079, quantity: 1, unitPriceUsd: 0.0079 });
    expect(estimateCost({ channel: 'sms', segments: 3 }).usd).toBe(0.0237);
  });
  it('takes configured prices', () => {
    expect(estimateCost({ channel: 'sms', segments: 2, prices: { smsPerSegment: 0.01 } }).usd).toBe(0.02);
    expect(estimateCost({ channel: 'voicemail', segments: 0, prices: { voicemailPerCall: 0.05 } }).usd).toBe(0.05);
  });
  it('email is free by default and ignores segments', () => {
    expect(estimateCost({ channel: 'email', segments: 9 })).toEqual({ usd: 0, quantity: 1, unitPriceUsd: 0 });
  });
});

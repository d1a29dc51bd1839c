import { describe, expect, it } from 'vitest';
import { nextTouch, type StepTiming } from './next-touch.js';

const steps: StepTiming[] = [
  { step: 'SMS_1', day: 0 },
  { step: 'EMAIL_1', day: 1 },
  { step: 'SMS_2', day: 3 },
  { step: 'NURTURE_PAUSE', day: 21 },
];
const enrolledAt = new Date('2026-03-02T14:00:00Z');

describe('nextTouch', () => {
  it('the first step is due at enrollment plus its day offset', () => {
    expect(nextTouch({ steps, currentStep: 'ENROLLED', enrolledAt })).toEqual({ step: 'SMS_1', dueAt: enrolledAt });
  });

  it('on time: enrolledAt + day(next)', () => {
    expect(nextTouch({ steps, currentStep: 'SMS_1', enrolledAt, lastTouchAt: enrolledAt })).toEqual({ step: 'EMAIL_1', dueAt: new Date('2026-03-03T14:00:00Z') });
  });

  it('a late touch pushes the next one to keep the planned gap', () => {
    const r = nextTouch({ steps, currentStep: 'EMAIL_1', enrolledAt, lastTouchAt: new Date('2026-03-04T13:00:00Z') });
    expect(r).toEqual({ step: 'SMS_2', dueAt: new Date('2026-03-06T13:00:00Z') });
  });

  it('the last touch leads to NURTURE_PAUSE, then nothing', () => {
    expect(nextTouch({ steps, currentStep: 'SMS_2', enrolledAt, lastTouchAt: new Date('2026-03-05T14:00:00Z') })?.step).toBe('NURTURE_PAUSE');
    expect(nextTouch({ steps, currentStep: 'NURTURE_PAUSE', enrolledAt })).toBeUndefined();
    expect(nextTouch({ steps, currentStep: 'QUALIFIED', enrolledAt })).toBeUndefined();
  });

  it('with a zone, days are counted in local wall time across the DST change (2026-03-08 in New York)', () => {
    // 09:00 EST on Mar 6 (14:00Z) + 3 days → 09:00 EDT on Mar 9 (13:00Z), not 10:00 EDT.
    const r = nextTouch({ steps, currentStep: 'SMS_1', enrolledAt: new Date('2026-03-06T14:00:00Z'), lastTouchAt: new Date('2026-03-06T14:00:00Z'), zone: 'America/New_York' });
    expect(r?.dueAt).toEqual(new Date('2026-03-07T14:00:00Z'));
    const r2 = nextTouch({ steps, currentStep: 'EMAIL_1', enrolledAt: new Date('2026-03-06T14:00:00Z'), zone: 'America/New_York' });
    expect(r2?.dueAt).toEqual(new Date('2026-03-09T13:00:00Z'));
  });
});

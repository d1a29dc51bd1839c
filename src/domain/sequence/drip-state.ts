/**
 * Seed 000 (Phase 4E) names the same machine by progress: not_started → touch_1_sent → … → completed.
 * The mapping from seed 003's steps:
 *
 * | seed 003 step                                   | seed 000 drip state |
 * |---|---|
 * | ENROLLED                                        | not_started |
 * | SMS_1 … VOICEMAIL_2 (the n-th touch of the plan) | touch_n_sent (a skipped touch counts as passed) |
 * | NURTURE_PAUSE, QUALIFIED, BOOKED, DISQUALIFIED, OPTED_OUT | completed |
 */
import type { SequenceState } from './sequence-state.js';
import { isTouchStep } from './steps.js';

export type DripState = 'not_started' | `touch_${number}_sent` | 'completed';

export function toDripState(s: Pick<SequenceState, 'step' | 'plan'>): DripState {
  if (s.step === 'ENROLLED') return 'not_started';
  if (isTouchStep(s.step)) {
    const i = s.plan.indexOf(s.step);
    if (i >= 0) return `touch_${i + 1}_sent`;
  }
  return 'completed';
}

import { DAY_MS, fromLocalEpochMs, localEpochMs } from '../compliance/time/local-time.js';
import type { SequenceStep, TouchStep } from './steps.js';

/** One scheduled step of a sequence: a touch, or NURTURE_PAUSE (the end of the cadence), at a day offset from enrollment. */
export interface StepTiming<S extends string = TouchStep | 'NURTURE_PAUSE'> {
  step: S;
  /** Days after enrollment (may be fractional). */
  day: number;
}

export interface NextTouchOptions<S extends string = TouchStep | 'NURTURE_PAUSE'> {
  /** The plan; a campaign's own steps may use any unique names (or positions). */
  steps: readonly StepTiming<S>[];
  /** The step last reached (`ENROLLED` before the first touch). */
  currentStep: SequenceStep | S;
  enrolledAt: Date;
  /** When the current step's touch went out; a late touch pushes the rest back to keep the gaps. */
  lastTouchAt?: Date;
  /** When given, days are counted in this zone's wall-clock time, so a DST change does not shift the hour. */
  zone?: string;
}

function addDays(t: number, days: number, zone: string | undefined): number {
  if (zone === undefined) return t + days * DAY_MS;
  return fromLocalEpochMs(zone, localEpochMs(zone, t) + days * DAY_MS);
}

/**
 * The next step and the instant it is due: `enrolledAt + day(next)`, but never sooner after the last
 * touch than the plan's gap between the two steps (a touch deferred by quiet hours or caps delays the
 * following ones instead of bunching them). Undefined when the current step is the last one or is not a
 * scheduled step (QUALIFIED, BOOKED…).
 *
 * @example
 * nextTouch({ steps, currentStep: 'SMS_1', enrolledAt, lastTouchAt }) // → { step: 'EMAIL_1', dueAt }
 */
export function nextTouch<S extends string = TouchStep | 'NURTURE_PAUSE'>(o: NextTouchOptions<S>): { step: S; dueAt: Date } | undefined {
  const i = o.currentStep === 'ENROLLED' ? -1 : o.steps.findIndex((s) => s.step === o.currentStep);
  if (i < -1 || (i === -1 && o.currentStep !== 'ENROLLED')) return undefined;
  const next = o.steps[i + 1];
  if (next === undefined) return undefined;
  let due = addDays(o.enrolledAt.getTime(), next.day, o.zone);
  const current = i >= 0 ? o.steps[i] : undefined;
  if (current !== undefined && o.lastTouchAt !== undefined) {
    due = Math.max(due, addDays(o.lastTouchAt.getTime(), next.day - current.day, o.zone));
  }
  return { step: next.step, dueAt: new Date(due) };
}

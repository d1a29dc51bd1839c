import type { SequenceStep, TouchStep } from './steps.js';

/**
 * One enrollment's place in its sequence. `step` is the seed 003 step last reached (for a touch step:
 * the touch last sent or skipped). Pause, conversation and human takeover are flags beside the step
 * because they stop the cadence without changing where it stands.
 */
export interface SequenceState {
  step: SequenceStep;
  /** The touches of this enrollment's variant, in order (default seed 003's seven). */
  plan: readonly TouchStep[];
  touchesSent: number;
  /** Touch steps passed over because compliance blocked them for good. */
  skipped: readonly TouchStep[];
  lastTouchAt?: Date;
  /** The campaign is paused: nothing is scheduled until it resumes. */
  paused: boolean;
  /** The owner replied: the automated cadence stops and the conversation takes over. */
  conversing: boolean;
  /** A human took over the conversation. */
  handedOff: boolean;
  /** Why the sequence ended, for DISQUALIFIED / OPTED_OUT. */
  endReason?: string;
}

/** A fresh enrollment (seed 000 `not_started`). */
export function initialSequenceState(plan: readonly TouchStep[]): SequenceState {
  if (plan.length === 0) throw new Error('initialSequenceState: a sequence needs at least one touch');
  if (new Set(plan).size !== plan.length) throw new Error('initialSequenceState: a touch step appears twice in the plan');
  return { step: 'ENROLLED', plan: [...plan], touchesSent: 0, skipped: [], paused: false, conversing: false, handedOff: false };
}

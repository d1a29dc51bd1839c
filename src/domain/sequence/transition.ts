/**
 * The sequence state machine: one pure function from (state, event) to (state, effects). Effects are
 * instructions for the scheduler (schedule the next touch, cancel pending touches, ask the qualification
 * gate…); the function itself does nothing and reads no clock.
 *
 * Terminal steps (BOOKED, DISQUALIFIED, OPTED_OUT) absorb every event: the answer is the same state, no
 * effects and `absorbed: true`. (Suppression after an opt-out is the compliance layer's job and happens
 * whatever state a sequence is in.) An event that makes no sense in a live state — a touch out of order,
 * a touch while paused — is an error value, never an exception.
 */
import type { SequenceState } from './sequence-state.js';
import { isTerminalStep, isTouchStep, type TouchStep } from './steps.js';

export type ReplyIntent = 'interested' | 'question' | 'objection' | 'not_interested' | 'opt_out' | 'wrong_number' | 'unknown';

export type SequenceEvent =
  | { type: 'enrolled' }
  | { type: 'touch_sent'; step: TouchStep; at: Date }
  /** Compliance blocked the touch for good (no consent for this channel, suppressed number…): skip it. */
  | { type: 'touch_blocked'; step: TouchStep; reason: string }
  | { type: 'reply_received'; intent: ReplyIntent; at: Date }
  | { type: 'opted_out'; source: string }
  | { type: 'qualified' }
  | { type: 'booked' }
  | { type: 'disqualified'; reason: string }
  | { type: 'handoff' }
  | { type: 'campaign_paused' }
  | { type: 'campaign_resumed' }
  /** Nothing is left to send (the last touch's follow-up delay has passed, or every remaining touch is blocked). */
  | { type: 'sequence_exhausted' };

export type SequenceEffect =
  | { type: 'schedule_touch'; step: TouchStep }
  /** Schedule the end of the cadence (NURTURE_PAUSE), due after the last touch's follow-up delay. */
  | { type: 'schedule_exhaustion' }
  | { type: 'cancel_pending_touches' }
  | { type: 'record_skip'; step: TouchStep; reason: string }
  | { type: 'record_opt_out'; source: string }
  | { type: 'evaluate_qualification' }
  | { type: 'request_handoff' }
  | { type: 'notify_booking' }
  | { type: 'sequence_completed' };

export interface TransitionError {
  code: 'illegal_transition';
  message: string;
  from: SequenceState['step'];
  event: SequenceEvent['type'];
}

export type TransitionResult =
  | { ok: true; state: SequenceState; effects: SequenceEffect[]; absorbed: boolean }
  | { ok: false; error: TransitionError };

const illegal = (s: SequenceState, e: SequenceEvent, why: string): TransitionResult => ({
  ok: false,
  error: { code: 'illegal_transition', message: `${e.type} in ${s.step}: ${why}`, from: s.step, event: e.type },
});
const to = (state: SequenceState, effects: SequenceEffect[]): TransitionResult => ({ ok: true, state, effects, absorbed: false });

/** The touch due next, or undefined when every touch of the plan is sent or skipped. */
export function nextTouchStep(s: Pick<SequenceState, 'step' | 'plan'>): TouchStep | undefined {
  if (s.step === 'ENROLLED') return s.plan[0];
  if (!isTouchStep(s.step)) return undefined;
  const i = s.plan.indexOf(s.step);
  return i < 0 ? undefined : s.plan[i + 1];
}

/** Whether the automated cadence may schedule touches (a live touch state, not paused, nobody talking). */
function cadenceRuns(s: SequenceState): boolean {
  return !s.paused && !s.conversing && !s.handedOff && (s.step === 'ENROLLED' || isTouchStep(s.step));
}

function scheduleAfter(s: SequenceState): SequenceEffect[] {
  if (!cadenceRuns(s)) return [];
  const next = nextTouchStep(s);
  return [next ? { type: 'schedule_touch', step: next } : { type: 'schedule_exhaustion' }];
}

const CANCEL: SequenceEffect = { type: 'cancel_pending_touches' };

/**
 * @example
 * let s = initialSequenceState(DEFAULT_TOUCH_PLAN);
 * const r = transition(s, { type: 'enrolled' }); // → effects [{ type: 'schedule_touch', step: 'SMS_1' }]
 */
export function transition(s: SequenceState, e: SequenceEvent): TransitionResult {
  if (isTerminalStep(s.step)) return { ok: true, state: s, effects: [], absorbed: true };

  switch (e.type) {
    case 'enrolled':
      if (s.step !== 'ENROLLED' || s.touchesSent > 0) return illegal(s, e, 'already enrolled and started');
      return to(s, scheduleAfter(s));

    case 'touch_sent':
    case 'touch_blocked': {
      if (s.paused) return illegal(s, e, 'the campaign is paused');
      if (s.conversing || s.handedOff) return illegal(s, e, 'the owner is in a conversation; automated touches stopped');
      const expected = nextTouchStep(s);
      if (expected === undefined) return illegal(s, e, 'no touch is left in the plan');
      if (e.step !== expected) return illegal(s, e, `expected ${expected}, got ${e.step}`);
      const next: SequenceState =
        e.type === 'touch_sent'
          ? { ...s, step: e.step, touchesSent: s.touchesSent + 1, lastTouchAt: e.at }
          : { ...s, step: e.step, skipped: [...s.skipped, e.step] };
      const record: SequenceEffect[] = e.type === 'touch_blocked' ? [{ type: 'record_skip', step: e.step, reason: e.reason }] : [];
      return to(next, [...record, ...scheduleAfter(next)]);
    }

    case 'reply_received':
      switch (e.intent) {
        case 'opt_out':
        // The seed's objection handler opts out "not interested" ("remove me", "stop texting"): revocation
        // by any reasonable means (COMPLIANCE.md F8) is read broadly.
        // falls through
        case 'not_interested':
          return to({ ...s, step: 'OPTED_OUT', endReason: `reply:${e.intent}` }, [CANCEL, { type: 'record_opt_out', source: `reply:${e.intent}` }]);
        case 'wrong_number':
          return to({ ...s, step: 'DISQUALIFIED', endReason: 'wrong_number' }, [CANCEL]);
        default:
          // Any other reply stops the automated cadence; the gate decides whether the lead is qualified.
          return to({ ...s, conversing: true }, s.conversing ? [{ type: 'evaluate_qualification' }] : [CANCEL, { type: 'evaluate_qualification' }]);
      }

    case 'opted_out':
      return to({ ...s, step: 'OPTED_OUT', endReason: e.source }, [CANCEL, { type: 'record_opt_out', source: e.source }]);

    case 'qualified':
      if (s.step === 'QUALIFIED') return illegal(s, e, 'already qualified');
      return to({ ...s, step: 'QUALIFIED' }, [CANCEL, { type: 'request_handoff' }]);

    case 'booked':
      return to({ ...s, step: 'BOOKED' }, [CANCEL, { type: 'notify_booking' }]);

    case 'disqualified':
      return to({ ...s, step: 'DISQUALIFIED', endReason: e.reason }, [CANCEL]);

    case 'handoff':
      if (s.handedOff) return illegal(s, e, 'already handed off');
      return to({ ...s, handedOff: true }, [CANCEL, { type: 'request_handoff' }]);

    case 'campaign_paused':
      if (s.paused) return illegal(s, e, 'already paused');
      return to({ ...s, paused: true }, [CANCEL]);

    case 'campaign_resumed': {
      if (!s.paused) return illegal(s, e, 'not paused');
      const resumed = { ...s, paused: false };
      return to(resumed, scheduleAfter(resumed));
    }

    case 'sequence_exhausted':
      if (s.step !== 'ENROLLED' && !isTouchStep(s.step)) return illegal(s, e, 'the cadence already ended');
      return to({ ...s, step: 'NURTURE_PAUSE' }, [CANCEL, { type: 'sequence_completed' }]);
  }
}

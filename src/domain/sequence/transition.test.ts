import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toDripState } from './drip-state.js';
import { initialSequenceState, type SequenceState } from './sequence-state.js';
import { DEFAULT_TOUCH_PLAN, TouchStepSchema, type TouchStep } from './steps.js';
import { nextTouchStep, transition, type SequenceEvent } from './transition.js';

const at = new Date('2026-01-05T15:00:00Z');

function run(s: SequenceState, events: SequenceEvent[]): SequenceState {
  for (const e of events) {
    const r = transition(s, e);
    if (!r.ok) throw new Error(r.error.message);
    s = r.state;
  }
  return s;
}

const sendAll = (plan: readonly TouchStep[]): SequenceEvent[] => plan.map((step) => ({ type: 'touch_sent', step, at }));

describe('sequence transition — the happy path', () => {
  it('enrolled schedules SMS_1; each touch schedules the next; the last schedules exhaustion', () => {
    const s0 = initialSequenceState(DEFAULT_TOUCH_PLAN);
    const r0 = transition(s0, { type: 'enrolled' });
    expect(r0.ok && r0.effects).toEqual([{ type: 'schedule_touch', step: 'SMS_1' }]);
    const r1 = transition(s0, { type: 'touch_sent', step: 'SMS_1', at });
    expect(r1.ok && r1.state).toMatchObject({ step: 'SMS_1', touchesSent: 1, lastTouchAt: at });
    expect(r1.ok && r1.effects).toEqual([{ type: 'schedule_touch', step: 'EMAIL_1' }]);
    const s7 = run(s0, sendAll(DEFAULT_TOUCH_PLAN.slice(0, 6)));
    const r7 = transition(s7, { type: 'touch_sent', step: 'VOICEMAIL_2', at });
    expect(r7.ok && r7.effects).toEqual([{ type: 'schedule_exhaustion' }]);
    const end = transition(r7.ok ? r7.state : s7, { type: 'sequence_exhausted' });
    expect(end.ok && end.state.step).toBe('NURTURE_PAUSE');
    expect(end.ok && end.effects).toEqual([{ type: 'cancel_pending_touches' }, { type: 'sequence_completed' }]);
  });

  it('maps to seed 000 drip states: not_started → touch_n_sent → completed', () => {
    let s = initialSequenceState(DEFAULT_TOUCH_PLAN);
    const seen = [toDripState(s)];
    for (const e of [...sendAll(DEFAULT_TOUCH_PLAN), { type: 'sequence_exhausted' } as const]) {
      s = run(s, [e]);
      seen.push(toDripState(s));
    }
    expect(seen).toEqual(['not_started', 'touch_1_sent', 'touch_2_sent', 'touch_3_sent', 'touch_4_sent', 'touch_5_sent', 'touch_6_sent', 'touch_7_sent', 'completed']);
    for (const step of ['QUALIFIED', 'BOOKED', 'DISQUALIFIED', 'OPTED_OUT'] as const) expect(toDripState({ step, plan: DEFAULT_TOUCH_PLAN })).toBe('completed');
  });

  it('a blocked touch is skipped and recorded, and the next is scheduled', () => {
    const s = run(initialSequenceState(DEFAULT_TOUCH_PLAN), [{ type: 'touch_sent', step: 'SMS_1', at }]);
    const r = transition(s, { type: 'touch_blocked', step: 'EMAIL_1', reason: 'no_email_address' });
    expect(r.ok && r.state).toMatchObject({ step: 'EMAIL_1', touchesSent: 1, skipped: ['EMAIL_1'] });
    expect(r.ok && r.effects).toEqual([{ type: 'record_skip', step: 'EMAIL_1', reason: 'no_email_address' }, { type: 'schedule_touch', step: 'SMS_2' }]);
  });

  it('a custom plan (A/B sequence variant) is followed in its own order', () => {
    const s = run(initialSequenceState(['EMAIL_1', 'SMS_1']), [{ type: 'touch_sent', step: 'EMAIL_1', at }]);
    expect(nextTouchStep(s)).toBe('SMS_1');
    expect(transition(s, { type: 'touch_sent', step: 'SMS_2', at }).ok).toBe(false);
  });
});

describe('sequence transition — replies and outcomes', () => {
  const started = run(initialSequenceState(DEFAULT_TOUCH_PLAN), sendAll(['SMS_1', 'EMAIL_1']));

  it.each(['opt_out', 'not_interested'] as const)('a %s reply opts out and cancels everything', (intent) => {
    const r = transition(started, { type: 'reply_received', intent, at });
    expect(r.ok && r.state.step).toBe('OPTED_OUT');
    expect(r.ok && r.effects).toEqual([{ type: 'cancel_pending_touches' }, { type: 'record_opt_out', source: `reply:${intent}` }]);
  });

  it('a wrong-number reply disqualifies', () => {
    const r = transition(started, { type: 'reply_received', intent: 'wrong_number', at });
    expect(r.ok && r.state).toMatchObject({ step: 'DISQUALIFIED', endReason: 'wrong_number' });
  });

  it('an engaged reply stops the cadence and asks the gate; touches are then illegal', () => {
    const r = transition(started, { type: 'reply_received', intent: 'interested', at });
    expect(r.ok && r.state).toMatchObject({ step: 'EMAIL_1', conversing: true });
    expect(r.ok && r.effects).toEqual([{ type: 'cancel_pending_touches' }, { type: 'evaluate_qualification' }]);
    const again = transition(r.ok ? r.state : started, { type: 'reply_received', intent: 'question', at });
    expect(again.ok && again.effects).toEqual([{ type: 'evaluate_qualification' }]);
    const t = transition(r.ok ? r.state : started, { type: 'touch_sent', step: 'SMS_2', at });
    expect(!t.ok && t.error.code).toBe('illegal_transition');
  });

  it('qualified → booked, with handoff and booking effects', () => {
    const q = transition(started, { type: 'qualified' });
    expect(q.ok && q.state.step).toBe('QUALIFIED');
    expect(q.ok && q.effects).toEqual([{ type: 'cancel_pending_touches' }, { type: 'request_handoff' }]);
    const b = transition(q.ok ? q.state : started, { type: 'booked' });
    expect(b.ok && b.state.step).toBe('BOOKED');
    expect(b.ok && b.effects).toContainEqual({ type: 'notify_booking' });
    expect(transition(q.ok ? q.state : started, { type: 'qualified' }).ok).toBe(false);
    expect(transition(q.ok ? q.state : started, { type: 'sequence_exhausted' }).ok).toBe(false);
  });

  it('handoff stops the cadence without changing the step', () => {
    const h = transition(started, { type: 'handoff' });
    expect(h.ok && h.state).toMatchObject({ step: 'EMAIL_1', handedOff: true });
    expect(transition(h.ok ? h.state : started, { type: 'handoff' }).ok).toBe(false);
  });

  it('pause cancels, blocks touches, and resume schedules the next touch', () => {
    const p = transition(started, { type: 'campaign_paused' });
    expect(p.ok && p.effects).toEqual([{ type: 'cancel_pending_touches' }]);
    const paused = p.ok ? p.state : started;
    expect(transition(paused, { type: 'touch_sent', step: 'SMS_2', at }).ok).toBe(false);
    expect(transition(paused, { type: 'campaign_paused' }).ok).toBe(false);
    const r = transition(paused, { type: 'campaign_resumed' });
    expect(r.ok && r.effects).toEqual([{ type: 'schedule_touch', step: 'SMS_2' }]);
    expect(transition(started, { type: 'campaign_resumed' }).ok).toBe(false);
  });

  it('illegal transitions are values naming the step and event', () => {
    const r = transition(started, { type: 'touch_sent', step: 'VOICEMAIL_1', at });
    expect(r).toEqual({ ok: false, error: { code: 'illegal_transition', message: 'touch_sent in EMAIL_1: expected SMS_2, got VOICEMAIL_1', from: 'EMAIL_1', event: 'touch_sent' } });
    expect(transition(started, { type: 'enrolled' }).ok).toBe(false);
  });
});

const touchStep = fc.constantFrom(...TouchStepSchema.options);
const eventArb: fc.Arbitrary<SequenceEvent> = fc.oneof(
  fc.constant({ type: 'enrolled' } as const),
  touchStep.map((step) => ({ type: 'touch_sent', step, at }) as const),
  touchStep.map((step) => ({ type: 'touch_blocked', step, reason: 'r' }) as const),
  fc.constantFrom('interested', 'question', 'objection', 'not_interested', 'opt_out', 'wrong_number', 'unknown' as const).map((intent) => ({ type: 'reply_received', intent, at }) as const),
  fc.constant({ type: 'opted_out', source: 'sms:21610' } as const),
  fc.constant({ type: 'qualified' } as const),
  fc.constant({ type: 'booked' } as const),
  fc.constant({ type: 'disqualified', reason: 'x' } as const),
  fc.constant({ type: 'handoff' } as const),
  fc.constant({ type: 'campaign_paused' } as const),
  fc.constant({ type: 'campaign_resumed' } as const),
  fc.constant({ type: 'sequence_exhausted' } as const),
);

describe('sequence transition — properties', () => {
  it('terminal states absorb every event: same state, no effects', () => {
    fc.assert(
      fc.property(fc.constantFrom('BOOKED', 'DISQUALIFIED', 'OPTED_OUT' as const), eventArb, (step, e) => {
        const s = { ...initialSequenceState(DEFAULT_TOUCH_PLAN), step };
        const r = transition(s, e);
        expect(r).toEqual({ ok: true, state: s, effects: [], absorbed: true });
      }),
    );
  });

  it('any event sequence: never throws, touches only go forward, nothing is scheduled unless the cadence runs', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        let s = initialSequenceState(DEFAULT_TOUCH_PLAN);
        let lastIndex = -1;
        for (const e of events) {
          const r = transition(s, e);
          if (!r.ok) {
            expect(r.error.code).toBe('illegal_transition');
            continue;
          }
          s = r.state;
          const i = DEFAULT_TOUCH_PLAN.indexOf(s.step as TouchStep);
          if (i >= 0) {
            expect(i).toBeGreaterThanOrEqual(lastIndex);
            lastIndex = i;
          }
          const schedules = r.effects.some((x) => x.type === 'schedule_touch' || x.type === 'schedule_exhaustion');
          if (schedules) expect(s.paused || s.conversing || s.handedOff).toBe(false);
          expect(s.touchesSent + s.skipped.length).toBeLessThanOrEqual(DEFAULT_TOUCH_PLAN.length);
        }
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { decideReplyAction, type ReplyDecisionInput } from './decide-reply-action.js';

const base: ReplyDecisionInput = {
  intent: 'unknown',
  confidence: 0.9,
  sentiment: 0,
  objection: null,
  stopOutreach: false,
  keywords: { optOut: false, help: false, optIn: false },
  optedOut: false,
  humanTakeover: false,
};
const d = (o: Partial<ReplyDecisionInput>) => decideReplyAction({ ...base, ...o });

describe('decideReplyAction (seed 000 decision engine, seed 003 objections)', () => {
  it('opt-out wins over everything, even a warm reply', () => {
    expect(d({ keywords: { optOut: true, help: false, optIn: false }, intent: 'interested', sentiment: 0.9 })).toMatchObject({ action: 'opt_out', stopOutreach: 'opt_out' });
    expect(d({ intent: 'opt_out' }).action).toBe('opt_out');
  });
  it('HELP is answered; START re-subscribes only an opted-out contact', () => {
    expect(d({ keywords: { optOut: false, help: true, optIn: false } }).action).toBe('help');
    expect(d({ keywords: { optOut: false, help: false, optIn: true }, optedOut: true }).action).toBe('opt_in');
    // "Yes" to our question from a subscribed owner is interest, not a carrier START.
    expect(d({ keywords: { optOut: false, help: false, optIn: true }, intent: 'interested' }).action).toBe('handoff');
  });
  it('interested or sentiment above the threshold hands off; the threshold is configurable', () => {
    expect(d({ intent: 'interested' })).toMatchObject({ action: 'handoff', stopOutreach: 'handoff' });
    expect(d({ intent: 'unknown', sentiment: 0.6 }).action).toBe('handoff');
    expect(d({ intent: 'unknown', sentiment: 0.6, thresholds: { handoffSentiment: 0.7 } }).action).toBe('none');
    expect(d({ gate: { passed: true, handoffTarget: 'human' } }).action).toBe('handoff');
    expect(d({ intent: 'not_interested', stopOutreach: true, sentiment: 0.7 }).action).toBe('mark_cold');
  });
  it('questions get an auto-reply, objections a rebuttal, refusals go cold, wrong numbers are suppressed', () => {
    expect(d({ intent: 'question' })).toMatchObject({ action: 'auto_reply', stopOutreach: 'reply' });
    expect(d({ intent: 'question', confidence: 0.4 }).action).toBe('none');
    expect(d({ intent: 'not_interested', objection: 'already_listed', stopOutreach: true }).action).toBe('rebuttal');
    expect(d({ intent: 'not_interested', objection: 'timing' })).toMatchObject({ action: 'rebuttal', stopOutreach: null });
    expect(d({ intent: 'not_interested', objection: 'not_interested', stopOutreach: true })).toMatchObject({ action: 'mark_cold', stopOutreach: 'not_interested' });
    expect(d({ intent: 'wrong_number', stopOutreach: true })).toMatchObject({ action: 'wrong_number' });
  });
  it('never lets the bot speak over a person', () => {
    expect(d({ intent: 'question', humanTakeover: true }).action).toBe('notify_human');
    expect(d({ objection: 'price', humanTakeover: true }).action).toBe('notify_human');
    expect(d({ intent: 'interested', humanTakeover: true }).action).toBe('notify_human');
    expect(d({ keywords: { optOut: true, help: false, optIn: false }, humanTakeover: true }).action).toBe('opt_out');
  });
});

/**
 * The outreach sequence's steps (seed 003 `SequenceStep`) and what kind each is. Touch steps send one
 * message; NURTURE_PAUSE ends the active cadence; QUALIFIED is an outcome that may still become BOOKED;
 * BOOKED, DISQUALIFIED and OPTED_OUT are terminal.
 */
import { z } from 'zod';

export const SequenceStepSchema = z.enum([
  'ENROLLED',
  'SMS_1',
  'EMAIL_1',
  'SMS_2',
  'VOICEMAIL_1',
  'EMAIL_2',
  'SMS_3',
  'VOICEMAIL_2',
  'NURTURE_PAUSE',
  'QUALIFIED',
  'BOOKED',
  'DISQUALIFIED',
  'OPTED_OUT',
]);
export type SequenceStep = z.infer<typeof SequenceStepSchema>;

export const TouchStepSchema = z.enum(['SMS_1', 'EMAIL_1', 'SMS_2', 'VOICEMAIL_1', 'EMAIL_2', 'SMS_3', 'VOICEMAIL_2']);
export type TouchStep = z.infer<typeof TouchStepSchema>;

/** Seed 003's default order of touches. */
export const DEFAULT_TOUCH_PLAN: readonly TouchStep[] = TouchStepSchema.options;

export const TERMINAL_STEPS: ReadonlySet<SequenceStep> = new Set(['BOOKED', 'DISQUALIFIED', 'OPTED_OUT']);

export type TouchChannel = 'sms' | 'email' | 'voicemail';

export function isTouchStep(step: SequenceStep): step is TouchStep {
  return (TouchStepSchema.options as readonly string[]).includes(step);
}

export function isTerminalStep(step: SequenceStep): boolean {
  return TERMINAL_STEPS.has(step);
}

/** The channel a touch step uses, from its name (`SMS_2` → sms). */
export function channelOfStep(step: TouchStep): TouchChannel {
  if (step.startsWith('SMS_')) return 'sms';
  if (step.startsWith('EMAIL_')) return 'email';
  return 'voicemail';
}

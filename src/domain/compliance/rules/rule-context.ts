import type { StateRule } from '../data/state-rules.js';

/** A rule's verdict when it does not allow. `notBefore` (epoch ms) is required for a defer. */
export interface Verdict {
  effect: 'block' | 'defer';
  rule: string;
  code: string;
  detail: string;
  notBefore?: number;
}

/** One time window to satisfy in one zone, and the rule ids to report when it is closed. */
export interface WindowConstraint {
  zone: string;
  windows: StateRule['windows'];
  noFederalHolidays: boolean;
  tags: ReadonlyArray<{ rule: string; code: string; label: string }>;
}

/**
 * Everything the rules read, parsed once per decision: instants as epoch ms, the safe readings applied. Rules
 * are pure functions of (context, candidate instant t) so the engine can re-ask them at a later instant.
 */
export interface RuleContext {
  at: number;
  channel: 'sms' | 'email' | 'voice';
  purpose: 'marketing' | 'informational' | 'opt_out_confirmation' | 'help';
  automated: boolean;
  isPhone: boolean;
  to: string;
  body: string | undefined;
  /** purpose marketing and no offer-to-buy exemption (F14) */
  solicitation: boolean;
  /** sms or voice: a channel that interrupts the recipient */
  interrupting: boolean;
  zones: readonly string[];
  /** the phone's zones could not be determined (and no recipientZones were given) */
  phoneZoneUnknown: boolean;
  states: readonly string[];
  unknownStates: readonly string[];
  stateRules: ReadonlyArray<{ state: string; rule: StateRule }>;
  windowConstraints: readonly WindowConstraint[];
  /** epoch ms; NaN when the stored value is unreadable (treated as opted out) */
  optedOutAt: number | null;
  lists: { national: boolean; state: boolean; internal: boolean; litigator: boolean };
  consent: { kind: 'written' | 'express'; at: number } | null;
  ebr: { kind: 'transaction' | 'inquiry'; at: number } | null;
  /** outbound marketing instants, ascending: every channel, and sms/voice only */
  marketingOutbound: readonly number[];
  marketingOutboundPhone: readonly number[];
  /** outbound opt-out confirmation instants */
  confirmationsSent: readonly number[];
  /** inbound message instants, ascending */
  inbound: readonly number[];
  lastNationalDncScrubAt: number | null;
  offerToBuyExemption: boolean;
  postalAddress: string | null;
  maxMessagesPerContactPerDay: number;
  automatedColdOutreachApproved: boolean;
  hasUnsubscribeLink: boolean;
}

export type Rule = (ctx: RuleContext, t: number, out: Verdict[]) => void;

/** ISO text of an instant for reason details. */
export function isoOf(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString() : String(t);
}

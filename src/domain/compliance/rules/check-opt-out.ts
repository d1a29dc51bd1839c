import type { RuleContext, Verdict } from './rule-context.js';
import { isoOf } from './rule-context.js';

/**
 * F8 + Curb's "an opt-out on any channel suppresses every channel": once a contact opted out, no marketing and
 * no informational message goes out on any channel. Only the single confirmation (F10) and a HELP answer are
 * judged by their own rules. An unreadable opt-out date still counts as an opt-out.
 */
export function checkOptOut(ctx: RuleContext, _t: number, out: Verdict[]): void {
  if (ctx.optedOutAt === null) return;
  if (ctx.purpose !== 'marketing' && ctx.purpose !== 'informational') return;
  out.push({
    effect: 'block',
    rule: 'F8',
    code: 'opted_out',
    detail: `the contact opted out at ${isoOf(ctx.optedOutAt)}; an opt-out on any channel suppresses every channel and message type (F9 revoke-all applied now)`,
  });
}

import type { RuleContext, Verdict } from './rule-context.js';
import { isoOf } from './rule-context.js';

/** How long after an opt-out the one confirmation may go out (47 CFR 64.1200(a)(12)). Inclusive. */
export const CONFIRMATION_WINDOW_MS = 5 * 60_000;

const LINK = /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:com|net|org|io|co|ly|us|info|biz|me|app)\b/i;

/**
 * F10: after an opt-out, exactly one confirmation, within 5 minutes, with no marketing in it. A second one, a
 * late one, one before the opt-out, one to a contact who never opted out, one by voice, or one carrying a link
 * (the usual vehicle of marketing) is blocked.
 */
export function checkOptOutConfirmation(ctx: RuleContext, t: number, out: Verdict[]): void {
  if (ctx.purpose !== 'opt_out_confirmation') return;
  const rule = 'F10';
  if (ctx.optedOutAt === null) {
    out.push({ effect: 'block', rule, code: 'not_opted_out', detail: 'there is no opt-out to confirm' });
    return;
  }
  if (ctx.channel === 'voice') {
    out.push({ effect: 'block', rule, code: 'confirmation_channel', detail: 'an opt-out confirmation is a text (or email), never a call' });
  }
  const since = t - ctx.optedOutAt;
  if (!(since >= 0)) {
    out.push({ effect: 'block', rule, code: 'confirmation_before_opt_out', detail: `the opt-out time ${isoOf(ctx.optedOutAt)} is not before the send` });
  } else if (since > CONFIRMATION_WINDOW_MS) {
    out.push({ effect: 'block', rule, code: 'confirmation_window_passed', detail: `more than 5 minutes since the opt-out at ${isoOf(ctx.optedOutAt)}` });
  }
  const optedOutAt = ctx.optedOutAt;
  if (ctx.confirmationsSent.some((c) => !(c < optedOutAt))) {
    out.push({ effect: 'block', rule, code: 'confirmation_already_sent', detail: 'a confirmation was already sent for this opt-out; never a second one' });
  }
  if (ctx.body !== undefined && LINK.test(ctx.body)) {
    out.push({ effect: 'block', rule, code: 'confirmation_contains_link', detail: 'the confirmation may carry no marketing; links are not allowed in it' });
  }
}

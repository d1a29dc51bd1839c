import type { RuleContext, Verdict } from './rule-context.js';

/** A HELP answer must follow the person's own message within this time. */
export const HELP_REPLY_WINDOW_MS = 15 * 60_000;

/**
 * HELP answers (CTIA C5; Twilio HELP/INFO) carry only who is writing and how to opt out, so they are allowed even
 * to an opted-out contact and outside quiet hours — but only as an answer: an inbound message must have arrived
 * in the last 15 minutes. Never by voice.
 */
export function checkHelpReply(ctx: RuleContext, t: number, out: Verdict[]): void {
  if (ctx.purpose !== 'help') return;
  if (ctx.channel === 'voice') {
    out.push({ effect: 'block', rule: 'C5', code: 'help_channel', detail: 'a HELP answer is a text or an email, never a call' });
  }
  const recent = ctx.inbound.some((i) => i <= t && t - i <= HELP_REPLY_WINDOW_MS);
  if (!recent) {
    out.push({ effect: 'block', rule: 'C5', code: 'help_without_request', detail: 'no inbound message in the last 15 minutes to answer' });
  }
}

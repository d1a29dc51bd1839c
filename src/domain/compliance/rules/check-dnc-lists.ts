import { hasDncExemption } from './has-dnc-exemption.js';
import type { RuleContext, Verdict } from './rule-context.js';

/**
 * F2 (national DNC, texts included), S6 (state DNC lists), F4 (our internal DNC list) and litigator lists, for
 * phone channels only (the DNC lists do not cover email).
 *
 * - national and state lists bar solicitations, unless F5 exempts (written permission or a live EBR); with the
 *   offer-to-buy exemption (F14) a marketing message is not a solicitation, so they do not apply;
 * - the internal list and the litigator list have no exemption and also bar informational messages; a
 *   litigator is not even sent a HELP answer (a human answers instead). Opt-out confirmations are never barred:
 *   the person has just been added to the internal list by their own request.
 */
export function checkDncLists(ctx: RuleContext, t: number, out: Verdict[]): void {
  if (!ctx.isPhone || ctx.purpose === 'opt_out_confirmation') return;
  const l = ctx.lists;
  if (l.litigator) {
    out.push({ effect: 'block', rule: 'R-LIT-SCRUB', code: 'litigator', detail: 'the number is on a known-litigator list; no exemption' });
  }
  if (ctx.purpose === 'help') return;
  if (l.internal) {
    out.push({ effect: 'block', rule: 'F4', code: 'internal_dnc', detail: 'the number is on our internal do-not-call list; no exemption' });
  }
  if (!ctx.solicitation || !(l.national || l.state)) return;
  if (hasDncExemption(ctx, t) !== null) return;
  if (l.national) {
    out.push({ effect: 'block', rule: 'F2', code: 'national_dnc', detail: 'the number is on the National Do Not Call Registry and there is no written permission or live EBR (F5)' });
  }
  if (l.state) {
    out.push({ effect: 'block', rule: 'S6', code: 'state_dnc', detail: 'the number is on a state do-not-call list and there is no written permission or live EBR (F5)' });
  }
}

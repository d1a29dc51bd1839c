import { addCalendarMonths } from './add-calendar-months.js';
import type { RuleContext } from './rule-context.js';

/** Established business relationship lengths (47 CFR 64.1200(f)(5); FTC TSR). */
export const EBR_TRANSACTION_MONTHS = 18;
export const EBR_INQUIRY_MONTHS = 3;

/**
 * F5: a number on the national or a state DNC list may still be called with signed written permission, or within
 * an established business relationship: 18 months after a transaction, 3 months after an inquiry, both ends
 * inclusive (exactly 18 months later is still inside). An opt-out overrides both (checked by the caller: an
 * opted-out contact is blocked by F8 before any exemption is looked at). A consent or EBR dated after the send
 * does not count.
 */
export function hasDncExemption(ctx: RuleContext, t: number): 'written_consent' | 'ebr_transaction' | 'ebr_inquiry' | null {
  if (ctx.optedOutAt !== null) return null;
  const c = ctx.consent;
  if (c !== null && c.kind === 'written' && c.at <= t) return 'written_consent';
  const e = ctx.ebr;
  if (e !== null && e.at <= t) {
    const months = e.kind === 'transaction' ? EBR_TRANSACTION_MONTHS : EBR_INQUIRY_MONTHS;
    if (t <= addCalendarMonths(e.at, months)) return e.kind === 'transaction' ? 'ebr_transaction' : 'ebr_inquiry';
  }
  return null;
}

import type { RuleContext, Verdict } from './rule-context.js';
import { isoOf } from './rule-context.js';

/** The registry copy may be at most this old at the moment of the send (FCC 04-204). */
export const MAX_SCRUB_AGE_MS = 31 * 86_400_000;

/**
 * F3: a solicitation to a phone relies on the National DNC scrub, so it needs a registry copy no older than
 * 31 days at the send instant: exactly 31 days (31 × 24 h) old is allowed, 1 ms more is blocked. No scrub date
 * at all means never scrubbed. A scrub dated after the send (clock skew) counts as fresh.
 */
export function checkDncScrub(ctx: RuleContext, t: number, out: Verdict[]): void {
  if (!ctx.isPhone || !ctx.solicitation) return;
  const s = ctx.lastNationalDncScrubAt;
  if (s === null || Number.isNaN(s)) {
    out.push({ effect: 'block', rule: 'F3', code: 'national_dnc_not_scrubbed', detail: 'no National DNC Registry download is recorded for this account' });
  } else if (t - s > MAX_SCRUB_AGE_MS) {
    out.push({ effect: 'block', rule: 'F3', code: 'national_dnc_scrub_stale', detail: `the last National DNC download (${isoOf(s)}) is more than 31 days old at ${isoOf(t)}; re-scrub first` });
  }
}

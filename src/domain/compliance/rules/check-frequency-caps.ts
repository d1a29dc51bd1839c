import type { RuleContext, Verdict } from './rule-context.js';

const WINDOW_MS = 86_400_000;

/** First index of an ascending array whose value is > x. */
function firstAbove(sorted: readonly number[], x: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * When `cap` or more messages fall in the rolling 24 h before `t` (every recorded message later than t − 24 h
 * counts, so one stamped in the future counts too), the instant the oldest excess message leaves the window;
 * otherwise null. A message exactly 24 h old no longer counts.
 */
function capReleasedAt(sorted: readonly number[], cap: number, t: number): number | null {
  const first = firstAbove(sorted, t - WINDOW_MS);
  const count = sorted.length - first;
  if (count < cap) return null;
  return sorted[first + count - cap]! + WINDOW_MS;
}

/**
 * S2 / S7 caps (FL, OK, MD: at most 3 marketing calls/texts to the number in any rolling 24 h, across channels
 * and sender numbers) and Curb's per-contact cap (`maxMessagesPerContactPerDay`, default 1, every channel).
 * A full cap defers until enough counted messages are 24 h old.
 */
export function checkFrequencyCaps(ctx: RuleContext, t: number, out: Verdict[]): void {
  if (ctx.purpose !== 'marketing') return;
  const curbCap = ctx.maxMessagesPerContactPerDay;
  if (curbCap <= 0) {
    out.push({ effect: 'block', rule: 'CURB-DAILY-CAP', code: 'daily_cap_zero', detail: 'the account allows no marketing messages per contact' });
  } else {
    const released = capReleasedAt(ctx.marketingOutbound, curbCap, t);
    if (released !== null) {
      out.push({ effect: 'defer', rule: 'CURB-DAILY-CAP', code: 'daily_cap_reached', detail: `already ${curbCap} marketing message(s) to this contact in the last 24 h`, notBefore: released });
    }
  }
  if (!ctx.isPhone) return;
  for (const { state, rule } of ctx.stateRules) {
    const cap = rule.maxSolicitationsPer24h;
    if (cap === null) continue;
    const released = capReleasedAt(ctx.marketingOutboundPhone, cap, t);
    if (released !== null) {
      out.push({ effect: 'defer', rule: state === 'FL' ? 'S2' : rule.ruleId, code: 'state_frequency_cap', detail: `${state}: at most ${cap} solicitation calls/texts in any rolling 24 h`, notBefore: released });
    }
  }
}

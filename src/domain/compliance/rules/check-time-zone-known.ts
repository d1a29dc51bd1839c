import type { RuleContext, Verdict } from './rule-context.js';

/**
 * R-TZ-UNKNOWN / R-GEN-FAILCLOSED: a call or text whose recipient time zone cannot be determined (non-geographic,
 * foreign or unmapped number with no `recipientZones`), or whose recipient state is unknown to the rule tables,
 * is held for a human. Only messages that must respect a time window need a zone: the single opt-out
 * confirmation and a HELP answer are replies the person just asked for.
 */
export function checkTimeZoneKnown(ctx: RuleContext, _t: number, out: Verdict[]): void {
  if (!ctx.isPhone || (ctx.purpose !== 'marketing' && ctx.purpose !== 'informational')) return;
  if (ctx.phoneZoneUnknown) {
    out.push({ effect: 'block', rule: 'R-TZ-UNKNOWN', code: 'unknown_time_zone', detail: `no time zone is known for ${ctx.to}; hold for a human` });
  }
  if (ctx.unknownStates.length > 0) {
    out.push({ effect: 'block', rule: 'R-TZ-UNKNOWN', code: 'unknown_state', detail: `unknown recipient state(s): ${ctx.unknownStates.join(', ')}` });
  }
}

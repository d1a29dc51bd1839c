import type { Decision, Reason } from './decision.js';
import { buildRuleContext } from './rules/build-rule-context.js';
import { checkConsent } from './rules/check-consent.js';
import { checkContent } from './rules/check-content.js';
import { checkDncLists } from './rules/check-dnc-lists.js';
import { checkDncScrub } from './rules/check-dnc-scrub.js';
import { checkEmail } from './rules/check-email.js';
import { checkFrequencyCaps } from './rules/check-frequency-caps.js';
import { checkHelpReply } from './rules/check-help-reply.js';
import { checkOptOut } from './rules/check-opt-out.js';
import { checkOptOutConfirmation } from './rules/check-opt-out-confirmation.js';
import { checkTimeWindows } from './rules/check-time-windows.js';
import { checkTimeZoneKnown } from './rules/check-time-zone-known.js';
import type { Rule, RuleContext, Verdict } from './rules/rule-context.js';
import { isoOf } from './rules/rule-context.js';
import type { Situation } from './situation.js';

export interface DecideOptions {
  /** how far ahead a defer may land before the engine gives up and blocks (default 14 days) */
  horizonDays?: number;
}

/** Every rule, each tagged with its COMPLIANCE.md id inside. Order only affects the order of reasons. */
const RULES: readonly Rule[] = [
  checkOptOut,
  checkOptOutConfirmation,
  checkHelpReply,
  checkDncLists,
  checkDncScrub,
  checkConsent,
  checkContent,
  checkEmail,
  checkTimeZoneKnown,
  checkFrequencyCaps,
  checkTimeWindows,
];

const MAX_ITERATIONS = 64;
const CHANNELS = new Set(['sms', 'email', 'voice']);
const PURPOSES = new Set(['marketing', 'informational', 'opt_out_confirmation', 'help']);

function evaluate(ctx: RuleContext, t: number): Verdict[] {
  const out: Verdict[] = [];
  for (const rule of RULES) rule(ctx, t, out);
  return out;
}

const toReason = (v: Verdict, effect: Reason['effect'] = v.effect): Reason => ({ rule: v.rule, code: v.code, detail: v.detail, effect });

function infoReasons(ctx: RuleContext): Reason[] {
  const info: Reason[] = [];
  if (ctx.purpose === 'marketing' && ctx.offerToBuyExemption) {
    info.push({ rule: 'F14', code: 'offer_to_buy_exemption', effect: 'info', detail: 'the account treats offers to buy as non-solicitations (counsel\'s logged decision): national/state DNC and the scrub rule do not apply; windows, caps, consent and the internal list still do' });
  }
  if (ctx.optedOutAt !== null) {
    info.push({ rule: 'F9', code: 'revoke_all_applied', effect: 'info', detail: 'revoke-all is federally delayed to 2027-01-31; Curb applies it now: one opt-out covers every channel and message type' });
  }
  return info;
}

function blockDecision(ctx: RuleContext, reasons: Reason[]): Decision {
  return { decision: 'block', notBefore: null, reasons: [...reasons, ...infoReasons(ctx)], zones: [...ctx.zones], states: [...ctx.states] };
}

/**
 * Decides one outbound message: `allow` now, `defer` until `notBefore`, or `block`. Pure: time is `situation.at`.
 *
 * Every rule gives a verdict at the instant; the most restrictive wins (block > defer > allow). For a defer the
 * engine moves to the latest instant any rule asked for and asks EVERY rule again there (a window may be closed
 * again, a Sunday rule may apply, a scrub may have gone stale), until all allow — so `notBefore` is the earliest
 * instant at which every rule allows — or until the horizon (14 days), past which it blocks. A rule that blocks
 * at the later instant blocks the whole decision: the message cannot go out without a change of facts.
 *
 * @example decide({ at: '2025-06-10T14:00:00Z', channel: 'sms', to: '+14075551234', … }).decision // 'allow' | …
 */
export function decide(situation: Situation, options: DecideOptions = {}): Decision {
  const ctx = buildRuleContext(situation);
  const invalid: Reason[] = [];
  if (!Number.isFinite(ctx.at)) invalid.push({ rule: 'R-GEN-FAILCLOSED', code: 'invalid_input', effect: 'block', detail: '`at` is not a readable instant' });
  if (!CHANNELS.has(ctx.channel)) invalid.push({ rule: 'R-GEN-FAILCLOSED', code: 'invalid_input', effect: 'block', detail: '`channel` must be sms, email or voice' });
  if (!PURPOSES.has(ctx.purpose)) invalid.push({ rule: 'R-GEN-FAILCLOSED', code: 'invalid_input', effect: 'block', detail: '`purpose` is not one of the known purposes' });
  if (typeof ctx.to !== 'string' || (ctx.channel === 'email') !== ctx.to.includes('@')) {
    invalid.push({ rule: 'R-GEN-FAILCLOSED', code: 'invalid_input', effect: 'block', detail: '`to` does not match the channel (an email address for email, an E.164 phone for sms/voice)' });
  }
  if (invalid.length > 0) return blockDecision(ctx, invalid);

  const first = evaluate(ctx, ctx.at);
  if (first.length === 0) {
    return { decision: 'allow', notBefore: null, reasons: infoReasons(ctx), zones: [...ctx.zones], states: [...ctx.states] };
  }
  const blocks = first.filter((v) => v.effect === 'block');
  if (blocks.length > 0) return blockDecision(ctx, [...blocks.map((v) => toReason(v)), ...first.filter((v) => v.effect === 'defer').map((v) => toReason(v))]);

  const reasons: Reason[] = first.map((v) => toReason(v));
  const seen = new Set(reasons.map((r) => `${r.rule}|${r.code}`));
  const horizon = ctx.at + (options.horizonDays ?? 14) * 86_400_000;
  let verdicts = first;
  let t = ctx.at;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    let next = t;
    for (const v of verdicts) if (v.notBefore !== undefined && v.notBefore > next) next = v.notBefore;
    if (next <= t || !Number.isFinite(next)) {
      return blockDecision(ctx, [...reasons, { rule: 'R-GEN-FAILCLOSED', code: 'no_allowed_time', effect: 'block', detail: 'the rules name no later instant at which they would allow' }]);
    }
    if (next > horizon) {
      return blockDecision(ctx, [...reasons, { rule: 'R-GEN-FAILCLOSED', code: 'no_allowed_time_within_horizon', effect: 'block', detail: `no instant within ${options.horizonDays ?? 14} days satisfies every rule` }]);
    }
    t = next;
    verdicts = evaluate(ctx, t);
    if (verdicts.length === 0) {
      return { decision: 'defer', notBefore: isoOf(t), reasons: [...reasons, ...infoReasons(ctx)], zones: [...ctx.zones], states: [...ctx.states] };
    }
    const later = verdicts.filter((v) => v.effect === 'block');
    if (later.length > 0) {
      return blockDecision(ctx, [...reasons, ...later.map((v) => ({ ...toReason(v), detail: `at the earliest otherwise-allowed instant ${isoOf(t)}: ${v.detail}` }))]);
    }
    for (const v of verdicts) {
      const key = `${v.rule}|${v.code}`;
      if (!seen.has(key)) {
        seen.add(key);
        reasons.push(toReason(v));
      }
    }
  }
  return blockDecision(ctx, [...reasons, { rule: 'R-GEN-FAILCLOSED', code: 'no_allowed_time', effect: 'block', detail: 'the search for an allowed instant did not settle' }]);
}

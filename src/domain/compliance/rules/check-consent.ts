import type { RuleContext, Verdict } from './rule-context.js';

/**
 * Consent rules for calls and texts:
 * - F6 (+ R-TCPA-PEWC, AI/prerecorded voice): automated marketing needs prior express written consent. A
 *   message a person sends with one click each is "manual" and is not held by F6.
 * - Curb default: cold contacts (no written consent) wait in the approval queue: reason
 *   `needs_manual_approval`. `automatedColdOutreachApproved` removes only this queue reason — it can never lift F6
 *   or a state law, so an automated cold text is still blocked; a person's click remains the way to send it.
 * - S3 / S7: FL, OK, MD, CT require written consent for automated systems; CT for every sales call or text,
 *   even manual; WA requires some recorded consent for commercial texts.
 * - Informational automated messages need some prior consent (any kind), or the person having written to us.
 */
export function checkConsent(ctx: RuleContext, t: number, out: Verdict[]): void {
  if (!ctx.isPhone) return;
  const c = ctx.consent;
  const consentValid = c !== null && c.at <= t;
  const written = consentValid && c.kind === 'written';
  if (ctx.purpose === 'informational') {
    if (ctx.automated && !consentValid && !ctx.inbound.some((i) => i <= t)) {
      out.push({ effect: 'block', rule: 'F6', code: 'no_prior_express_consent', detail: 'an automated informational message needs prior express consent or an earlier message from the person' });
    }
    return;
  }
  if (ctx.purpose !== 'marketing' || written) return;
  if (ctx.automated) {
    out.push({
      effect: 'block',
      rule: 'F6',
      code: 'no_written_consent',
      detail: ctx.channel === 'voice'
        ? 'automated, prerecorded or AI-voice marketing calls need prior express written consent'
        : 'automated marketing texts need prior express written consent; a person may send it one click at a time',
    });
    if (!ctx.automatedColdOutreachApproved) {
      out.push({ effect: 'block', rule: 'CURB-COLD', code: 'needs_manual_approval', detail: 'cold contact without written consent: goes to the approval queue and is sent by a person\'s click' });
    }
  }
  for (const { state, rule } of ctx.stateRules) {
    const id = state === 'FL' ? 'S3' : rule.ruleId;
    if (rule.everySolicitationNeedsWrittenConsent || (ctx.automated && rule.automatedNeedsWrittenConsent)) {
      out.push({ effect: 'block', rule: id, code: 'state_written_consent_required', detail: `${state} requires prior express written consent for ${rule.everySolicitationNeedsWrittenConsent ? 'every telephonic sales call or text' : 'automated sales calls and texts'}` });
    } else if (rule.textsNeedConsent && ctx.channel === 'sms' && !consentValid) {
      out.push({ effect: 'block', rule: id, code: 'state_consent_required', detail: `${state} requires the recipient's prior consent for commercial texts` });
    }
  }
}

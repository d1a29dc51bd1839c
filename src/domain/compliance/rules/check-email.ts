import type { RuleContext, Verdict } from './rule-context.js';

/** Carrier email-to-SMS domains (FCC wireless domain list, 47 CFR 64.3100): commercial mail needs prior authorization. */
const WIRELESS_DOMAINS = new Set([
  'vtext.com', 'vzwpix.com', 'txt.att.net', 'mms.att.net', 'tmomail.net', 'messaging.sprintpcs.com', 'pm.sprint.com',
  'mymetropcs.com', 'sms.myboostmobile.com', 'myboostmobile.com', 'email.uscc.net', 'mms.cricketwireless.net',
  'sms.cricketwireless.net', 'msg.fi.google.com', 'vmobl.com', 'text.republicwireless.com', 'mailmymobile.net',
]);

/**
 * Email rules for commercial (marketing) mail: E1 CAN-SPAM needs the sender's valid postal address; E4 needs a
 * working unsubscribe link with RFC 8058 one-click headers (`hasUnsubscribeLink`, missing = absent); and no
 * commercial mail to wireless carrier domains (R-EMAIL-WIRELESS).
 */
export function checkEmail(ctx: RuleContext, _t: number, out: Verdict[]): void {
  if (ctx.channel !== 'email' || ctx.purpose !== 'marketing') return;
  if (ctx.postalAddress === null) {
    out.push({ effect: 'block', rule: 'E1', code: 'missing_postal_address', detail: 'commercial email must carry the sender\'s valid postal address (account.postalAddress)' });
  }
  if (!ctx.hasUnsubscribeLink) {
    out.push({ effect: 'block', rule: 'E4', code: 'missing_unsubscribe', detail: 'commercial email needs a working unsubscribe link and one-click List-Unsubscribe headers (hasUnsubscribeLink)' });
  }
  const domain = ctx.to.slice(ctx.to.lastIndexOf('@') + 1).toLowerCase();
  if (WIRELESS_DOMAINS.has(domain)) {
    out.push({ effect: 'block', rule: 'R-EMAIL-WIRELESS', code: 'wireless_email_domain', detail: `${domain} delivers to a phone; commercial mail there needs prior express authorization` });
  }
}

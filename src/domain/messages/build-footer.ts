import { renderTemplate } from './render-template.js';
import type { Channel, TemplateKind, TemplateVars } from './template.js';

/** Footer wording per channel; template syntax, so `{{company}}` and friends work. */
export interface FooterWording {
  /** First SMS of a sequence: opt-out instructions (the business name is in the message itself). */
  sms: string;
  /** Every email: who we are, the postal address (E1), the solicitation notice and the opt-out (E4). */
  email: string;
  /** Added to the email footer only when the location has an unsubscribe link. */
  emailLink: string;
  /** Every voicemail: how to stop further calls. */
  voicemail: string;
}

export const DEFAULT_FOOTER_WORDING: FooterWording = {
  sms: 'Reply STOP to opt out',
  email: '--\n{{company}}\n{{postal_address}}\nThis email is a solicitation to buy real estate. To stop getting these emails, reply "unsubscribe".',
  emailLink: 'Unsubscribe with one click: {{unsubscribe_url}}',
  voicemail: "If you'd rather not hear from us, just tell us at that number and we won't call again.",
};

export interface BuildFooterOptions {
  channel: Channel;
  kind: TemplateKind;
  /** Step of the sequence, 1-based. */
  touch?: number;
  vars: TemplateVars;
  wording?: Partial<FooterWording>;
}

export interface Footer {
  required: boolean;
  /** The rendered footer ('' when not required or a variable it needs is missing). */
  text: string;
  /** Variables the footer needed and did not get (the guard will then reject the message). */
  missing: string[];
}

/**
 * Which messages carry a compliance footer, and its text: the first SMS of a sequence (STOP
 * instructions), every email (postal address + unsubscribe), every voicemail (how to stop calls).
 * Later SMS touches and replies in a live conversation do not repeat it.
 *
 * @example
 * buildFooter({ channel: 'sms', kind: 'initial', touch: 1, vars }) // { required: true, text: 'Reply STOP to opt out', missing: [] }
 */
export function buildFooter({ channel, kind, touch, vars, wording }: BuildFooterOptions): Footer {
  const required = channel !== 'sms' || (kind === 'initial' && (touch ?? 1) === 1);
  if (!required) return { required, text: '', missing: [] };
  const w = { ...DEFAULT_FOOTER_WORDING, ...wording };
  // The one-click link (RFC 8058) also goes in the List-Unsubscribe header; the body line is for readers.
  const body = channel === 'email' && vars.unsubscribe_url ? `${w.email}\n${w.emailLink}` : w[channel];
  // The SMS wording usually has no variables: skip rendering on the hot path.
  if (!body.includes('{{')) return { required, text: body.trim(), missing: [] };
  const r = renderTemplate({ template: { body }, vars });
  if (!r.ok) return { required, text: '', missing: r.error.code === 'missing_variable' ? r.error.variables : [] };
  return { required, text: r.value.body, missing: [] };
}

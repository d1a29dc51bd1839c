import { buildFactSet } from '../../domain/messages/build-fact-set.js';
import { buildFooter } from '../../domain/messages/build-footer.js';
import { estimateCost, type ChannelPrices } from '../../domain/messages/estimate-cost.js';
import { guardMessage } from '../../domain/messages/guard-message.js';
import { templateFactSet } from '../../domain/messages/template-fact-set.js';
import type { Channel, Template, TemplateKind, TemplateVars } from '../../domain/messages/template.js';
import type { MessageCheck } from './template-schemas.js';

export interface CheckMessageOptions {
  channel: Channel;
  kind: TemplateKind;
  touch?: number;
  text: string;
  subject?: string;
  vars: TemplateVars;
  /** The template the text was rendered from: its literal words are facts too. */
  template?: Pick<Template, 'body' | 'subject'>;
  variant: string | null;
  prices: ChannelPrices;
}

/**
 * Guards a text exactly as the sender would (same footer, facts, identity and postal address as
 * writeMessage) and measures it, for previews. Pure: the caller loads the values.
 */
export function checkMessage(o: CheckMessageOptions): MessageCheck {
  const footer = buildFooter({ channel: o.channel, kind: o.kind, ...(o.touch === undefined ? {} : { touch: o.touch }), vars: o.vars });
  const facts = buildFactSet({ values: [o.vars], ...(o.template ? { base: [templateFactSet(o.template)] } : {}) });
  const g = guardMessage({
    channel: o.channel,
    kind: o.kind,
    text: o.text,
    ...(o.subject === undefined ? {} : { subject: o.subject }),
    facts,
    requireFooter: footer.required,
    footer: footer.text,
    ...(o.vars.company ? { identity: String(o.vars.company) } : {}),
    ...(o.vars.postal_address ? { postalAddress: String(o.vars.postal_address) } : {}),
  });
  return {
    ...(g.subject === undefined ? {} : { subject: g.subject }),
    body: g.text,
    variant: o.variant,
    segments: { encoding: g.segments.encoding, segments: g.segments.segments, characters: g.segments.characters },
    cost: { usd: estimateCost({ channel: o.channel, segments: g.segments.segments, prices: o.prices }).usd },
    guard: { verdict: g.verdict, reasons: g.reasons.map((r) => ({ code: r.code, detail: r.detail, severity: r.severity })) },
  };
}

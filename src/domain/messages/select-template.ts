import type { Channel, ResponseTo, Template, TemplateKind } from './template.js';

export interface SelectTemplateOptions {
  templates: readonly Template[];
  channel: Channel;
  kind: TemplateKind;
  /** Sequence step; the template for the highest touch not above it is used (touch 4 may reuse touch 3). */
  touch?: number;
  responseTo?: ResponseTo | 'already_agent';
  market?: string;
}

/**
 * Picks the template for a touch or a reply: a market-specific template wins over a generic one, an
 * exact touch over an earlier one. Undefined when nothing fits (the caller reports a missing template).
 *
 * @example
 * selectTemplate({ templates: DEFAULT_TEMPLATES, channel: 'sms', kind: 'response', responseTo: 'price' })
 */
export function selectTemplate({ templates, channel, kind, touch, responseTo, market }: SelectTemplateOptions): Template | undefined {
  const wanted = responseTo === 'already_agent' ? 'already_listed' : responseTo;
  const m = market?.toLowerCase();
  let best: Template | undefined;
  let bestScore = -1;
  for (const t of templates) {
    if (t.channel !== channel || t.kind !== kind) continue;
    if (kind === 'response' && t.responseTo !== wanted) continue;
    if (t.market !== undefined && t.market.toLowerCase() !== m) continue;
    if (touch !== undefined && t.touch !== undefined && t.touch > touch) continue;
    // Market match outweighs any touch distance; among equals, the closest earlier touch wins.
    const score = (t.market !== undefined ? 100 : 0) + (t.touch ?? 0);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

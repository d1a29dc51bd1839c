/**
 * Messages: how many template renders + guard passes per second (the work done for every outbound
 * message in template mode, and after every model answer), and raw segment counting speed.
 */
import { buildFactSet } from '../src/domain/messages/build-fact-set.js';
import { buildFooter } from '../src/domain/messages/build-footer.js';
import { countSegments } from '../src/domain/messages/count-segments.js';
import { DEFAULT_TEMPLATES } from '../src/domain/messages/default-templates.js';
import { guardMessage } from '../src/domain/messages/guard-message.js';
import { marketContextFor } from '../src/domain/messages/market-context.js';
import { renderTemplate } from '../src/domain/messages/render-template.js';
import { templateFactSet } from '../src/domain/messages/template-fact-set.js';
import type { TemplateVars } from '../src/domain/messages/template.js';
import { opsPerSecond, type BenchContext } from './harness.js';

// The bench shares two cores with other work: the best of a few rounds is the code's speed, the rest is
// the neighbours' noise.
function bestOf(rounds: number, iterations: number, fn: (i: number) => void): number {
  let best = 0;
  for (let r = 0; r < rounds; r++) best = Math.max(best, opsPerSecond(iterations, fn));
  return best;
}

const FIRST = ['Margaret', 'José', 'Ann', 'Robert', 'Keisha', 'Tom', '', 'Lakshmi'];
const STREETS = ['Lake Underhill Rd', 'Oak St', 'N Orange Blossom Trl', 'Kissimmee Park Rd', 'W New York Ave', 'Lakeshore Blvd'];
const MARKETS = ['orange', 'seminole', 'osceola', 'lake', 'volusia'];
const location = {
  agent_name: 'Dana Ruiz',
  company: 'Sunshine Home Buyers',
  agent_phone: '(407) 555-0134',
  postal_address: '100 N Orange Ave, Orlando, FL 32801',
  unsubscribe_url: 'https://sunshinehomebuyers.example.com/u/abc123',
};
const locationFacts = buildFactSet({ values: [location] });

function varsFor(i: number, channel: 'sms' | 'email' | 'voicemail'): TemplateVars {
  const market = MARKETS[i % MARKETS.length]!;
  return {
    ...location,
    first_name: FIRST[i % FIRST.length],
    situs_address: `${100 + (i % 9000)} ${STREETS[i % STREETS.length]}`,
    county: market[0]!.toUpperCase() + market.slice(1),
    market_context: marketContextFor({ market, channel }),
  };
}

// What Curb does per message in template mode: render, build the message's fact set on top of the
// shared location facts, add the footer, guard.
function renderAndGuard(i: number, templates: typeof DEFAULT_TEMPLATES): void {
  const t = templates[i % templates.length]!;
  const vars = varsFor(i, t.channel);
  const r = renderTemplate({ template: t, vars, seed: `contact-${i}:${t.touch ?? 1}` });
  if (!r.ok) throw new Error(r.error.message);
  const footer = buildFooter({ channel: t.channel, kind: t.kind, touch: t.touch, vars });
  const facts = buildFactSet({ values: [vars], base: [locationFacts, templateFactSet(t)] });
  const g = guardMessage({
    channel: t.channel,
    kind: t.kind,
    text: r.value.body,
    subject: r.value.subject,
    facts,
    requireFooter: footer.required,
    footer: footer.text,
    identity: location.company,
    postalAddress: location.postal_address,
  });
  if (g.verdict === 'reject') throw new Error(`${t.key}: ${g.reasons.map((x) => x.detail).join('; ')}`);
}

export async function run(ctx: BenchContext): Promise<void> {
  const sms = DEFAULT_TEMPLATES.filter((t) => t.channel === 'sms');
  const all = DEFAULT_TEMPLATES;
  for (let i = 0; i < 2_000; i++) renderAndGuard(i, all); // warm-up (JIT, template cache)
  ctx.report({ metric: 'render_guard', value: bestOf(5, 20_000, (i) => renderAndGuard(i, sms)), unit: 'messages/s' });
  ctx.report({ metric: 'render_guard_all_channels', value: bestOf(5, 10_000, (i) => renderAndGuard(i, all)), unit: 'messages/s' });

  const texts = [
    'Hi Margaret, this is Dana with Sunshine Home Buyers. Would you consider an as-is offer on 1234 Lake Underhill Rd? Reply STOP to opt out',
    'Hi José, it’s Dana — any interest in selling? 🏠',
    `${'We buy houses as-is in any condition. '.repeat(9)}{€}`,
  ];
  for (let i = 0; i < 10_000; i++) countSegments(texts[i % 3]!);
  ctx.report({ metric: 'segments', value: bestOf(5, 200_000, (i) => countSegments(texts[i % 3]!)), unit: 'counts/s' });
}

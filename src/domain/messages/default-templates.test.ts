import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFactSet } from './build-fact-set.js';
import { buildFooter } from './build-footer.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { guardMessage } from './guard-message.js';
import { DEFAULT_MARKET_CONTEXTS, marketContextFor } from './market-context.js';
import { renderTemplate } from './render-template.js';
import { selectTemplate } from './select-template.js';
import { templateFactSet } from './template-fact-set.js';
import { TemplateSchema, type Template, type TemplateVars } from './template.js';

// Typical values: a common first name, a mid-length street address, a three-word company.
const base: TemplateVars = {
  first_name: 'Margaret',
  owner_name: 'Margaret Ellison',
  situs_address: '1234 Lake Underhill Rd',
  agent_name: 'Dana Ruiz',
  company: 'Sunshine Home Buyers',
  agent_phone: '(407) 555-0134',
  postal_address: '100 N Orange Ave, Orlando, FL 32801',
  unsubscribe_url: 'https://sunshinehomebuyers.example.com/u/abc123',
  distress_reason: 'back taxes',
};

function guardTemplate(t: Template, market: string, vars: TemplateVars = base) {
  const v = { ...vars, county: DEFAULT_MARKET_CONTEXTS[market]!.county, market_context: marketContextFor({ market, channel: t.channel }) };
  const rendered = renderTemplate({ template: t, vars: v, seed: `${market}:${t.key}` });
  if (!rendered.ok) throw new Error(`${t.key}: ${rendered.error.message}`);
  const footer = buildFooter({ channel: t.channel, kind: t.kind, touch: t.touch, vars: v });
  const facts = buildFactSet({ values: [v], base: templateFactSet(t) });
  return guardMessage({
    channel: t.channel,
    kind: t.kind,
    text: rendered.value.body,
    subject: rendered.value.subject,
    facts,
    requireFooter: footer.required,
    footer: footer.text,
    identity: String(v.company),
    postalAddress: String(v.postal_address),
  });
}

describe('default templates', () => {
  it('are valid templates with unique keys', () => {
    for (const t of DEFAULT_TEMPLATES) expect(() => TemplateSchema.parse(t), t.key).not.toThrow();
    expect(new Set(DEFAULT_TEMPLATES.map((t) => t.key)).size).toBe(DEFAULT_TEMPLATES.length);
  });

  it('cover every touch, reply and objection on SMS and email, and two voicemails', () => {
    for (const channel of ['sms', 'email'] as const) {
      expect(selectTemplate({ templates: DEFAULT_TEMPLATES, channel, kind: 'initial', touch: 1 })).toBeDefined();
      for (const touch of [2, 3, 4, 5]) expect(selectTemplate({ templates: DEFAULT_TEMPLATES, channel, kind: 'follow_up', touch })?.touch).toBe(touch);
      for (const responseTo of ['interested', 'question', 'not_interested', 'already_listed', 'timing', 'price', 'info_request'] as const) {
        expect(selectTemplate({ templates: DEFAULT_TEMPLATES, channel, kind: 'response', responseTo }), `${channel} ${responseTo}`).toBeDefined();
      }
    }
    expect(selectTemplate({ templates: DEFAULT_TEMPLATES, channel: 'voicemail', kind: 'voicemail', touch: 2 })?.key).toBe('voicemail.2');
  });

  it('pass the guard in every seed market with the footer added', () => {
    for (const market of Object.keys(DEFAULT_MARKET_CONTEXTS)) {
      for (const t of DEFAULT_TEMPLATES) {
        const r = guardTemplate(t, market);
        expect(r.reasons, `${market} ${t.key}: ${r.text}`).toEqual([]);
        expect(r.verdict).toBe('pass');
      }
    }
  });

  it('first SMS fits one GSM-7 segment with the STOP footer, in both variants', () => {
    const t = DEFAULT_TEMPLATES.find((x) => x.key === 'sms.initial')!;
    for (const variant of ['A', 'B']) {
      const rendered = renderTemplate({ template: t, vars: base, variant });
      expect(rendered.ok).toBe(true);
      const r = guardTemplate({ ...t, body: t.body.replace(variant === 'A' ? /\{\{#variant B\}\}.*?\{\{\/variant\}\}/ : /\{\{#variant A\}\}.*?\{\{\/variant\}\}/, '') }, 'orange');
      expect(r.text).toMatch(/Reply STOP to opt out$/);
      expect(r.text).toContain('Sunshine Home Buyers');
      expect(r.segments).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    }
  });

  it('emails run 200 to 300 words and carry the postal address and unsubscribe line', () => {
    for (const t of DEFAULT_TEMPLATES.filter((x) => x.channel === 'email' && x.kind !== 'response')) {
      const r = guardTemplate(t, 'seminole');
      expect(r.words, t.key).toBeGreaterThanOrEqual(200);
      expect(r.words, t.key).toBeLessThanOrEqual(300);
      expect(r.text).toContain('100 N Orange Ave, Orlando, FL 32801');
      expect(r.text).toMatch(/unsubscribe/i);
    }
  });

  it('voicemails name the caller, leave the callback number and say how to stop calls, under 60 words', () => {
    for (const t of DEFAULT_TEMPLATES.filter((x) => x.channel === 'voicemail')) {
      const r = guardTemplate(t, 'lake');
      expect(r.text).toContain('Dana Ruiz with Sunshine Home Buyers');
      expect(r.text).toContain('(407) 555-0134');
      expect(r.text).toMatch(/rather not hear from us/);
      expect(r.words).toBeLessThanOrEqual(60);
    }
  });

  it('render without a first name or distress reason', () => {
    const { first_name: _f, distress_reason: _d, ...vars } = base;
    for (const t of DEFAULT_TEMPLATES) expect(guardTemplate(t, 'volusia', vars).verdict, t.key).toBe('pass');
  });
});

describe('default templates with arbitrary prospect values', () => {
  it('never trip the fact check on their own output', () => {
    const name = fc.stringMatching(/^[A-Z][a-zà-ÿ]{1,11}$/);
    const street = fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.constantFrom('Oak St', 'Lake Underhill Rd', 'N Orange Blossom Trl', 'Gun Club Rd', 'Main Street', 'Wine Ct'));
    fc.assert(
      fc.property(name, street, name, fc.constantFrom(...Object.keys(DEFAULT_MARKET_CONTEXTS)), (first, [num, road], agent, market) => {
        const vars = { ...base, first_name: first, situs_address: `${num} ${road}`, agent_name: agent };
        for (const t of DEFAULT_TEMPLATES) {
          const r = guardTemplate(t, market, vars);
          const rejects = r.reasons.filter((x) => x.severity === 'reject');
          if (rejects.length > 0) throw new Error(`${t.key}: ${rejects.map((x) => x.detail).join('; ')}`);
        }
      }),
      { numRuns: 40 },
    );
  });
});

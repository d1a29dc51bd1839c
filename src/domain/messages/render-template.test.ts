import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

describe('renderTemplate: variables', () => {
  it('substitutes values and reports the variables used', () => {
    const r = renderTemplate({ template: { body: 'Hi {{first_name}}, about {{situs_address}}.' }, vars: { first_name: 'Ann', situs_address: '12 Oak St' } });
    expect(r).toEqual({ ok: true, value: { body: 'Hi Ann, about 12 Oak St.', usedVariables: ['first_name', 'situs_address'], variant: null } });
  });
  it('uses the fallback for a missing or blank value', () => {
    const r = renderTemplate({ template: { body: 'Hi {{first_name|there}}!' }, vars: { first_name: '  ' } });
    expect(r.ok && r.value.body).toBe('Hi there!');
    expect(r.ok && r.value.usedVariables).toEqual([]);
  });
  it('allows spaces around the fallback bar', () => {
    const r = renderTemplate({ template: { body: 'Hi {{ first_name | there }}!' }, vars: {} });
    expect(r.ok && r.value.body).toBe('Hi there!');
  });
  it('an empty fallback leaves no doubled space or space before punctuation', () => {
    const r = renderTemplate({ template: { body: 'Hi {{first_name|}}, how are you?' }, vars: {} });
    expect(r.ok && r.value.body).toBe('Hi, how are you?');
  });
  it('a missing required variable is an error naming it', () => {
    const r = renderTemplate({ template: { body: 'Hi {{first_name}}, I am {{agent_name}} at {{company}}' }, vars: { company: 'Acme' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'missing_variable', variables: ['first_name', 'agent_name'] });
      expect(r.error.message).toContain('{{first_name}}');
    }
  });
  it('rejects unknown variables and malformed placeholders', () => {
    const unknown = renderTemplate({ template: { body: 'Hi {{frist_name}}' }, vars: {} });
    expect(!unknown.ok && unknown.error.code).toBe('invalid_template');
    expect(!unknown.ok && unknown.error.message).toContain('frist_name');
    const broken = renderTemplate({ template: { body: 'Hi {{first_name' }, vars: {} });
    expect(!broken.ok && broken.error.code).toBe('invalid_template');
  });
  it('a value is inserted as text: placeholders inside it are not expanded, whitespace is collapsed', () => {
    const r = renderTemplate({ template: { body: 'Hi {{first_name}}' }, vars: { first_name: '{{agent_phone}}\nX' } });
    expect(r.ok && r.value.body).toBe('Hi {{agent_phone}} X');
  });
  it('renders the subject with the same values', () => {
    const r = renderTemplate({ template: { subject: 'About {{situs_address}}', body: 'Hello' }, vars: { situs_address: '12 Oak St' } });
    expect(r.ok && r.value.subject).toBe('About 12 Oak St');
  });
});

describe('renderTemplate: variants', () => {
  const template = { body: '{{#variant A}}Hello{{/variant}}{{#variant B}}Hi{{/variant}} {{first_name|there}}' };
  it('renders the variant asked for', () => {
    const r = renderTemplate({ template, vars: {}, variant: 'B' });
    expect(r.ok && r.value).toMatchObject({ body: 'Hi there', variant: 'B' });
  });
  it('picks the same variant for the same seed, and spreads seeds over variants', () => {
    const pick = (seed: string) => {
      const r = renderTemplate({ template, vars: {}, seed });
      return r.ok ? r.value.variant : null;
    };
    expect(pick('contact-1:1')).toBe(pick('contact-1:1'));
    const seen = new Set(Array.from({ length: 50 }, (_, i) => pick(`contact-${i}:1`)));
    expect(seen).toEqual(new Set(['A', 'B']));
  });
  it('refuses an unknown variant and nested blocks', () => {
    const r = renderTemplate({ template, vars: {}, variant: 'C' });
    expect(!r.ok && r.error.code).toBe('unknown_variant');
    const nested = renderTemplate({ template: { body: '{{#variant A}}{{#variant B}}x{{/variant}}{{/variant}}' }, vars: {} });
    expect(!nested.ok && nested.error.code).toBe('invalid_template');
  });
});

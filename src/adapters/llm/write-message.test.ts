import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../domain/messages/default-templates.js';
import { selectTemplate } from '../../domain/messages/select-template.js';
import type { TemplateVars } from '../../domain/messages/template.js';
import { startFakeLlmServer, textReply, type FakeLlmServer } from '../../../test/fakes/llm-servers.js';
import { createFakeLlmProvider } from './fake.js';
import { LlmFailureCode } from './interface.js';
import { createOllamaProvider } from './ollama.js';
import { createTemplateProvider } from './template-provider.js';
import { writeMessage } from './write-message.js';

const vars: TemplateVars = {
  first_name: 'Margaret',
  situs_address: '1234 Lake Underhill Rd',
  county: 'Orange',
  agent_name: 'Dana',
  company: 'Sunshine Home Buyers',
  agent_phone: '(407) 555-0134',
  postal_address: '100 N Orange Ave, Orlando, FL 32801',
};
const smsInitial = selectTemplate({ templates: DEFAULT_TEMPLATES, channel: 'sms', kind: 'initial', touch: 1 })!;
const good = 'Hi Margaret, Dana with Sunshine Home Buyers. Would you ever consider an as-is offer on 1234 Lake Underhill Rd?';

describe('writeMessage: template mode', () => {
  it('sends the rendered template with the STOP footer, without a model', async () => {
    for (const provider of [undefined, createTemplateProvider()]) {
      const r = await writeMessage({ provider, template: smsInitial, vars, variant: 'A' });
      expect(r.ok && r.value).toMatchObject({
        text: 'Hi Margaret, this is Dana with Sunshine Home Buyers. Would you consider an as-is offer on 1234 Lake Underhill Rd? Reply STOP to opt out',
        source: 'template',
        verdict: 'pass',
        variant: 'A',
        tokens: { in: 0, out: 0 },
        cost: { usd: 0.0079, quantity: 1 },
      });
    }
  });
  it('a missing required value is an error naming the variable', async () => {
    const { situs_address: _s, ...rest } = vars;
    const r = await writeMessage({ template: smsInitial, vars: rest });
    expect(!r.ok && r.error.code).toBe('template_render_failed');
    expect(!r.ok && r.error.message).toContain('{{situs_address}}');
  });
  it('an email without a postal address cannot be written', async () => {
    const { postal_address: _p, ...rest } = vars;
    const email = selectTemplate({ templates: DEFAULT_TEMPLATES, channel: 'email', kind: 'initial', touch: 1 })!;
    const r = await writeMessage({ template: email, vars: rest });
    expect(!r.ok && r.error).toMatchObject({ code: 'footer_incomplete', details: { variables: ['postal_address'] } });
  });
});

describe('writeMessage: with a model', () => {
  it("sends the model's text when it passes the guard, with its tokens", async () => {
    const provider = createFakeLlmProvider({ replies: [`Sure! Here's the SMS: "${good}"`] });
    const r = await writeMessage({ provider, template: smsInitial, vars, seed: 'c1:1' });
    expect(r.ok && r.value).toMatchObject({ text: `${good} Reply STOP to opt out`, source: 'model', path: 'candidate' });
    expect(r.ok && r.value.tokens.out).toBeGreaterThan(0);
    const prompt = provider.requests[0]!;
    expect(prompt.system).toContain('- situs_address: 1234 Lake Underhill Rd');
    // 160 minus the footer and its space
    expect(prompt.system).toContain('At most 138 characters');
  });
  it('falls back to the template when the model invents a price, without asking again', async () => {
    const provider = createFakeLlmProvider({ replies: ['Hi Margaret, Sunshine Home Buyers can pay $180,000 cash for 1234 Lake Underhill Rd this week.'] });
    const r = await writeMessage({ provider, template: smsInitial, vars, variant: 'B' });
    expect(r.ok && r.value).toMatchObject({ source: 'template', path: 'fallback', modelFailure: { code: 'guard_refused' } });
    expect(r.ok && r.value.text).not.toContain('$180,000');
    expect(provider.requests).toHaveLength(1);
  });
  it('asks once more when the text is over-long, passing the reasons, and sends the rewrite', async () => {
    const long = `${good} We buy houses in any condition and can work around your schedule, so there is no need to fix anything at all first.`;
    const provider = createFakeLlmProvider({ replies: [long, good] });
    const r = await writeMessage({ provider, template: smsInitial, vars });
    expect(r.ok && r.value).toMatchObject({ source: 'model', path: 'rewrite', text: `${good} Reply STOP to opt out` });
    expect(provider.requests[1]!.messages[0]!.content).toContain('Your previous answer was refused');
    expect(provider.requests[1]!.messages[0]!.content).toMatch(/SMS segments/);
  });
  it('sends the template when the model is down, and says why', async () => {
    const provider = createFakeLlmProvider({ replies: [{ code: LlmFailureCode.Timeout, message: 'slow', retry: true }] });
    const r = await writeMessage({ provider, template: smsInitial, vars });
    expect(r.ok && r.value).toMatchObject({ source: 'template', modelFailure: { code: LlmFailureCode.Timeout } });
  });
  it('a rebuttal prompt carries the objection guidance and the conversation', async () => {
    const template = selectTemplate({ templates: DEFAULT_TEMPLATES, channel: 'sms', kind: 'response', responseTo: 'price' })!;
    const provider = createFakeLlmProvider({ replies: ["Fair question, Margaret. I'd need to learn a bit about 1234 Lake Underhill Rd before giving a number. Would a short call work?"] });
    const r = await writeMessage({ provider, template, vars, objection: 'price', history: [{ direction: 'inbound', text: 'how much would you pay?' }] });
    expect(r.ok && r.value.source).toBe('model');
    expect(provider.requests[0]!.messages[0]!.content).toContain('Do not give or hint at any number');
    expect(provider.requests[0]!.messages[0]!.content).toContain('Owner: """how much would you pay?"""');
  });
});

describe('writeMessage: through the Ollama adapter', () => {
  let server: FakeLlmServer;
  afterEach(() => server.close());
  it('cleans markdown and prefixes from a real-shaped answer and counts its tokens', async () => {
    server = await startFakeLlmServer({ kind: 'ollama', replies: [textReply('ollama', `Assistant: **${good}**`, { in: 310, out: 40 })] });
    const provider = createOllamaProvider({ host: server.url, retries: 0 });
    const r = await writeMessage({ provider, template: smsInitial, vars });
    expect(r.ok && r.value).toMatchObject({ text: `${good} Reply STOP to opt out`, source: 'model', tokens: { in: 310, out: 40 } });
  });
});

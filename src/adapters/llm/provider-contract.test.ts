/**
 * One contract, three adapters: each runs against a local server that speaks its provider's API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../../lib/clock.js';
import { errorReply, startFakeLlmServer, textReply, type FakeLlmKind, type FakeLlmServer } from '../../../test/fakes/llm-servers.js';
import { createAnthropicProvider } from './anthropic.js';
import type { HttpProviderOptions } from './build-transport.js';
import { GenerationSchema, LlmFailureCode, LlmHealthSchema, type LlmProvider } from './interface.js';
import { createOllamaProvider } from './ollama.js';
import { createOpenAiCompatibleProvider } from './openai-compatible.js';

const make: Record<FakeLlmKind, (url: string, o: HttpProviderOptions) => LlmProvider> = {
  ollama: (url, o) => createOllamaProvider({ ...o, host: url, model: 'llama3.1:8b' }),
  openai: (url, o) => createOpenAiCompatibleProvider({ ...o, baseUrl: url, model: 'llama3.1:8b', apiKey: 'sk-test' }),
  anthropic: (url, o) => createAnthropicProvider({ ...o, baseUrl: url, model: 'claude-test', apiKey: 'key-test' }),
};

const servers: FakeLlmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe.each(['ollama', 'openai', 'anthropic'] as const)('%s adapter contract', (kind) => {
  const sleeps: number[] = [];
  const setup = async (o: HttpProviderOptions = {}) => {
    const server = await startFakeLlmServer({ kind });
    servers.push(server);
    sleeps.length = 0;
    const provider = make[kind](server.url, { retries: 2, timeoutMs: 2_000, backoffBaseMs: 100, random: () => 1, sleep: async (ms) => void sleeps.push(ms), ...o });
    return { server, provider };
  };
  const ask = { system: 'Be brief.', messages: [{ role: 'user' as const, content: 'Say hi' }] };

  it('returns the text, tokens, latency and model of a successful call', async () => {
    const { server, provider } = await setup();
    server.reply(textReply(kind, 'Hi there!', { in: 12, out: 3 }, 'served-model'));
    const r = await provider.generate(ask);
    expect(r.ok && r.value).toMatchObject({ text: 'Hi there!', tokensIn: 12, tokensOut: 3, model: 'served-model' });
    expect(r.ok && GenerationSchema.parse(r.value)).toBeTruthy();
    expect(server.chatRequests()).toHaveLength(1);
  });

  it.each([
    [400, LlmFailureCode.BadRequest, 'invalid_request_error'],
    [401, LlmFailureCode.Unauthorized, 'authentication_error'],
  ])('a %i is not retried', async (status, code, type) => {
    const { server, provider } = await setup();
    server.reply(errorReply(kind, status, 'nope', type));
    const r = await provider.generate(ask);
    expect(!r.ok && r.error).toMatchObject({ code, retry: false });
    expect(!r.ok && r.error.message).toContain('nope');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('a 500 is retried with exponential back-off, then fails retryable', async () => {
    const { server, provider } = await setup();
    server.reply(errorReply(kind, 500, 'boom'), errorReply(kind, 500, 'boom'), errorReply(kind, 500, 'boom'));
    const r = await provider.generate(ask);
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.Unavailable, retry: true });
    expect(server.chatRequests()).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('a 429 is retried and the next success is returned', async () => {
    const { server, provider } = await setup();
    server.reply(errorReply(kind, 429, 'slow down', 'rate_limit_error'), textReply(kind, 'ok now'));
    const r = await provider.generate(ask);
    expect(r.ok && r.value.text).toBe('ok now');
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('times out a server that never answers, retries, then fails retryable', async () => {
    const { server, provider } = await setup({ timeoutMs: 150, retries: 1 });
    server.reply({ hang: true }, { hang: true });
    const r = await provider.generate(ask);
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.Timeout, retry: true });
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('a malformed JSON body is an invalid response, not retried', async () => {
    const { server, provider } = await setup();
    server.reply({ raw: '{"message": {"content": "unterminated' });
    const r = await provider.generate(ask);
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.InvalidResponse, retry: false });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('a well-formed body of the wrong shape is an invalid response', async () => {
    const { server, provider } = await setup();
    server.reply({ json: { unexpected: true } });
    const r = await provider.generate(ask);
    expect(!r.ok && r.error.code).toBe(LlmFailureCode.InvalidResponse);
  });

  it('a connection error is retryable', async () => {
    const { server, provider } = await setup({ retries: 0 });
    await server.close();
    const r = await provider.generate(ask);
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.Unavailable, retry: true });
  });

  const Intent = z.object({ intent: z.enum(['interested', 'not_interested', 'question']), confidence: z.number().min(0).max(1) });

  it('structured output: an invalid answer is repaired once with the validation errors', async () => {
    const { server, provider } = await setup();
    server.reply(textReply(kind, '{"intent": "maybe", "confidence": 2}', { in: 10, out: 5 }), textReply(kind, '```json\n{"intent": "interested", "confidence": 0.9}\n```', { in: 20, out: 6 }));
    const r = await provider.generateStructured({ messages: [{ role: 'user', content: 'Classify: yes call me' }] }, Intent);
    expect(r.ok && r.value).toMatchObject({ value: { intent: 'interested', confidence: 0.9 }, repaired: true, tokensIn: 30, tokensOut: 11 });
    const second = JSON.stringify(server.chatRequests()[1]!.body);
    expect(second).toContain('That answer is invalid');
    expect(second).toContain('intent');
  });

  it('structured output: two invalid answers give a non-retryable invalid_structured_output', async () => {
    const { server, provider } = await setup();
    server.reply(textReply(kind, 'I think they are interested'), textReply(kind, '{"intent": "yes"}'));
    const r = await provider.generateStructured({ messages: [{ role: 'user', content: 'Classify' }] }, Intent);
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.InvalidStructuredOutput, retry: false });
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('structured output: a valid first answer needs no repair', async () => {
    const { server, provider } = await setup();
    server.reply(textReply(kind, '{"intent": "question", "confidence": 0.6}'));
    const r = await provider.generateStructured({ messages: [{ role: 'user', content: 'Classify' }] }, Intent);
    expect(r.ok && r.value.repaired).toBe(false);
  });

  it('opens the circuit after repeated failures, fails fast, and probes after the cool-down', async () => {
    const clock = fixedClock('2026-01-05T12:00:00Z');
    const { server, provider } = await setup({ retries: 0, circuitFailureThreshold: 3, circuitCoolDownMs: 30_000, clock });
    server.reply(errorReply(kind, 503, 'down'), errorReply(kind, 503, 'down'), errorReply(kind, 503, 'down'));
    for (let i = 0; i < 3; i++) expect((await provider.generate(ask)).ok).toBe(false);
    const fast = await provider.generate(ask);
    expect(!fast.ok && fast.error).toMatchObject({ code: LlmFailureCode.CircuitOpen, retry: true });
    expect(server.chatRequests()).toHaveLength(3);
    clock.advance(30_000);
    server.reply(textReply(kind, 'back'));
    const probe = await provider.generate(ask);
    expect(probe.ok && probe.value.text).toBe('back');
    expect(server.chatRequests()).toHaveLength(4);
  });

  it('does not retry a call the caller cancelled', async () => {
    const { server, provider } = await setup({ timeoutMs: 5_000 });
    server.reply({ hang: true });
    const controller = new AbortController();
    const pending = provider.generate({ ...ask, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const r = await pending;
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.Aborted, retry: false });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('reports health', async () => {
    const { provider } = await setup();
    const r = await provider.health();
    expect(r.ok && LlmHealthSchema.parse(r.value).ready).toBe(true);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { errorReply, startFakeLlmServer, textReply, type FakeLlmServer } from '../../../test/fakes/llm-servers.js';
import { ANTHROPIC_VERSION, createAnthropicProvider } from './anthropic.js';
import { LlmFailureCode } from './interface.js';

let server: FakeLlmServer;
afterEach(() => server.close());
const fast = { sleep: async () => {}, retries: 2 };

describe('Anthropic adapter', () => {
  it('posts /v1/messages with x-api-key, anthropic-version, top-level system and max_tokens', async () => {
    server = await startFakeLlmServer({ kind: 'anthropic', apiKey: 'key-1' });
    const llm = createAnthropicProvider({ ...fast, baseUrl: server.url, apiKey: 'key-1', model: 'claude-test', temperature: 1.4, maxTokens: 300 });
    const r = await llm.generate({ system: 'sys', messages: [{ role: 'user', content: 'hi' }] });
    expect(r.ok).toBe(true);
    const req = server.chatRequests()[0]!;
    expect(req.headers['x-api-key']).toBe('key-1');
    expect(req.headers['anthropic-version']).toBe(ANTHROPIC_VERSION);
    // temperature is clamped to Anthropic's 0..1 range
    expect(req.body).toEqual({ model: 'claude-test', max_tokens: 300, system: 'sys', messages: [{ role: 'user', content: 'hi' }], temperature: 1 });
  });

  it('joins the text blocks of the answer', async () => {
    server = await startFakeLlmServer({ kind: 'anthropic' });
    server.reply({ json: { type: 'message', model: 'm', content: [{ type: 'text', text: 'Hi ' }, { type: 'text', text: 'Ann' }], usage: { input_tokens: 5, output_tokens: 2 } } });
    const r = await createAnthropicProvider({ ...fast, baseUrl: server.url, apiKey: 'k', model: 'm' }).generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(r.ok && r.value).toMatchObject({ text: 'Hi Ann', tokensIn: 5, tokensOut: 2 });
  });

  it('529 overloaded is retried and reported as overloaded when it persists', async () => {
    server = await startFakeLlmServer({ kind: 'anthropic' });
    server.reply(errorReply('anthropic', 529, 'Overloaded', 'overloaded_error'), textReply('anthropic', 'fine'));
    const llm = createAnthropicProvider({ ...fast, baseUrl: server.url, apiKey: 'k', model: 'm' });
    expect((await llm.generate({ messages: [{ role: 'user', content: 'x' }] })).ok).toBe(true);
    server.reply(...Array.from({ length: 3 }, () => errorReply('anthropic', 529, 'Overloaded', 'overloaded_error')));
    const r = await llm.generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.Overloaded, retry: true });
    expect(!r.ok && r.error.message).toContain('overloaded_error: Overloaded');
  });

  it('a Retry-After longer than the back-off cap is returned, not slept through', async () => {
    server = await startFakeLlmServer({ kind: 'anthropic' });
    server.reply(errorReply('anthropic', 429, 'rate limited', 'rate_limit_error', { 'retry-after': '120' }));
    const r = await createAnthropicProvider({ ...fast, baseUrl: server.url, apiKey: 'k', model: 'm' }).generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.RateLimited, retry: true });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('an invalid key is a non-retryable unauthorized', async () => {
    server = await startFakeLlmServer({ kind: 'anthropic', apiKey: 'right' });
    const r = await createAnthropicProvider({ ...fast, baseUrl: server.url, apiKey: 'wrong', model: 'm' }).generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.Unauthorized, retry: false });
    expect(server.chatRequests()).toHaveLength(1);
  });
});

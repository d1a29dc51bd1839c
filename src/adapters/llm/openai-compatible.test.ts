import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeLlmServer, textReply, type FakeLlmServer } from '../../../test/fakes/llm-servers.js';
import { LlmFailureCode } from './interface.js';
import { createOpenAiCompatibleProvider } from './openai-compatible.js';

let server: FakeLlmServer;
afterEach(() => server.close());
const fast = { sleep: async () => {}, retries: 1 };

describe('OpenAI-compatible adapter', () => {
  it('posts chat/completions with the Bearer key, system message, temperature and max_tokens', async () => {
    server = await startFakeLlmServer({ kind: 'openai', apiKey: 'sk-1' });
    const llm = createOpenAiCompatibleProvider({ ...fast, baseUrl: `${server.url}/v1/`, apiKey: 'sk-1', model: 'gpt-test', temperature: 0.2, maxTokens: 80 });
    const r = await llm.generate({ system: 'sys', messages: [{ role: 'user', content: 'hi' }] });
    expect(r.ok).toBe(true);
    const req = server.chatRequests()[0]!;
    expect(req.headers.authorization).toBe('Bearer sk-1');
    expect(req.body).toEqual({ model: 'gpt-test', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hi' }], temperature: 0.2, max_tokens: 80 });
  });

  it('sends no Authorization header without a key (local servers)', async () => {
    server = await startFakeLlmServer({ kind: 'openai' });
    await createOpenAiCompatibleProvider({ ...fast, baseUrl: server.url, model: 'm' }).generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(server.chatRequests()[0]!.headers.authorization).toBeUndefined();
  });

  it('a wrong key is a non-retryable unauthorized', async () => {
    server = await startFakeLlmServer({ kind: 'openai', apiKey: 'sk-right' });
    const r = await createOpenAiCompatibleProvider({ ...fast, baseUrl: server.url, apiKey: 'sk-wrong', model: 'm' }).generate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.Unauthorized, retry: false });
  });

  it('asks for json_object for structured output', async () => {
    server = await startFakeLlmServer({ kind: 'openai', replies: [textReply('openai', '{"n": 1}')] });
    const r = await createOpenAiCompatibleProvider({ ...fast, baseUrl: server.url, model: 'm' }).generateStructured({ messages: [{ role: 'user', content: 'x' }] }, z.object({ n: z.number() }));
    expect(r.ok && r.value.value).toEqual({ n: 1 });
    expect((server.chatRequests()[0]!.body as { response_format: unknown }).response_format).toEqual({ type: 'json_object' });
  });

  it('health says whether the server lists the model', async () => {
    server = await startFakeLlmServer({ kind: 'openai', models: ['a', 'b'] });
    const r = await createOpenAiCompatibleProvider({ ...fast, baseUrl: server.url, model: 'c' }).health();
    expect(r.ok && r.value).toMatchObject({ ready: false, models: ['a', 'b'] });
  });
});

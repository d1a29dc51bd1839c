import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorReply, startFakeLlmServer, textReply, type FakeLlmServer } from '../../../test/fakes/llm-servers.js';
import { LlmFailureCode } from './interface.js';
import { createOllamaProvider } from './ollama.js';

let server: FakeLlmServer;
afterEach(() => server.close());
const fast = { sleep: async () => {}, retries: 1 };

describe('ollama adapter', () => {
  it('posts /api/chat with the system message first, stream off and the sampling options', async () => {
    server = await startFakeLlmServer({ kind: 'ollama' });
    const llm = createOllamaProvider({ ...fast, host: `${server.url}/`, model: 'llama3.1:8b', temperature: 0.3, maxTokens: 90 });
    await llm.generate({ system: 'sys', messages: [{ role: 'user', content: 'hi' }], maxTokens: 60 });
    expect(server.chatRequests()[0]!.body).toEqual({
      model: 'llama3.1:8b',
      messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'hi' }],
      stream: false,
      options: { temperature: 0.3, num_predict: 60 },
    });
    expect(llm.name).toBe('ollama:llama3.1:8b');
  });

  it('constrains structured output with the JSON Schema (format)', async () => {
    server = await startFakeLlmServer({ kind: 'ollama', replies: [textReply('ollama', '{"ok": true}')] });
    const llm = createOllamaProvider({ ...fast, host: server.url });
    const r = await llm.generateStructured({ messages: [{ role: 'user', content: 'x' }] }, z.object({ ok: z.boolean() }));
    expect(r.ok).toBe(true);
    const format = (server.chatRequests()[0]!.body as { format: { type: string; properties: object } }).format;
    expect(format.type).toBe('object');
    expect(format.properties).toHaveProperty('ok');
  });

  it("can ask for plain JSON mode for servers older than 0.5", async () => {
    server = await startFakeLlmServer({ kind: 'ollama', replies: [textReply('ollama', '{"ok": true}')] });
    const llm = createOllamaProvider({ ...fast, host: server.url, structuredFormat: 'json' });
    await llm.generateStructured({ messages: [{ role: 'user', content: 'x' }] }, z.object({ ok: z.boolean() }));
    expect((server.chatRequests()[0]!.body as { format: string }).format).toBe('json');
  });

  it('a model that is not pulled is a non-retryable model_not_found that says how to fix it', async () => {
    server = await startFakeLlmServer({ kind: 'ollama', replies: [errorReply('ollama', 404, 'model "llama3.1:8b" not found, try pulling it first')] });
    const r = await createOllamaProvider({ ...fast, host: server.url }).generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.ModelNotFound, retry: false });
    expect(!r.ok && r.error.message).toContain('ollama pull');
  });

  it('health lists the pulled models and says when the configured one is missing; pull fetches it', async () => {
    server = await startFakeLlmServer({ kind: 'ollama', models: ['mistral:latest'] });
    const llm = createOllamaProvider({ ...fast, host: server.url, model: 'llama3.1:8b' });
    const before = await llm.health();
    expect(before.ok && before.value).toMatchObject({ ready: false, models: ['mistral:latest'] });
    expect(before.ok && before.value.detail).toContain('ollama pull llama3.1:8b');
    const pulled = await llm.pullModel();
    expect(pulled.ok && pulled.value.status).toBe('success');
    expect(server.requests.find((r) => r.path === '/api/pull')!.body).toEqual({ model: 'llama3.1:8b', stream: false });
    const after = await llm.health();
    expect(after.ok && after.value.ready).toBe(true);
  });

  it('matches a model name without a tag to :latest', async () => {
    server = await startFakeLlmServer({ kind: 'ollama', models: ['llama3.1:latest'] });
    const r = await createOllamaProvider({ ...fast, host: server.url, model: 'llama3.1' }).health();
    expect(r.ok && r.value.ready).toBe(true);
  });
});

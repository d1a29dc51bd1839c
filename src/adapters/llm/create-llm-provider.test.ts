import { describe, expect, it } from 'vitest';
import { createLlmProvider, LlmSettingsSchema } from './create-llm-provider.js';
import { LlmFailureCode } from './interface.js';

describe('createLlmProvider', () => {
  it('defaults to template mode, where generate is a non-retryable no_model_configured', async () => {
    const settings = LlmSettingsSchema.parse({});
    expect(settings).toMatchObject({ provider: 'template', model: 'llama3.1:8b', temperature: 0.7, ollamaHost: 'http://localhost:11434' });
    const llm = createLlmProvider({ settings });
    expect(llm.kind).toBe('template');
    const r = await llm.generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(!r.ok && r.error).toMatchObject({ code: LlmFailureCode.NoModelConfigured, retry: false });
    expect((await llm.health()).ok).toBe(true);
  });

  it('builds each provider from its settings', () => {
    expect(createLlmProvider({ settings: LlmSettingsSchema.parse({ provider: 'ollama', model: 'qwen2.5:7b' }) }).name).toBe('ollama:qwen2.5:7b');
    expect(createLlmProvider({ settings: LlmSettingsSchema.parse({ provider: 'openai', model: 'gpt-4o-mini', openaiApiKey: 'sk' }) }).name).toBe('openai:gpt-4o-mini');
    expect(createLlmProvider({ settings: LlmSettingsSchema.parse({ provider: 'anthropic', anthropicApiKey: 'k' }) }).kind).toBe('anthropic');
  });

  it('passes an injected fetch to the adapter', async () => {
    const seen: string[] = [];
    const fetch = async (url: string) => {
      seen.push(url);
      return new Response(JSON.stringify({ message: { role: 'assistant', content: 'hi' }, prompt_eval_count: 3, eval_count: 1 }), { status: 200 });
    };
    const llm = createLlmProvider({ settings: LlmSettingsSchema.parse({ provider: 'ollama', ollamaHost: 'http://ollama.internal:11434' }), fetch });
    const r = await llm.generate({ messages: [{ role: 'user', content: 'x' }] });
    expect(r.ok && r.value).toMatchObject({ text: 'hi', tokensIn: 3, tokensOut: 1 });
    expect(seen).toEqual(['http://ollama.internal:11434/api/chat']);
  });

  it('refuses the anthropic provider without a key, naming the setting', () => {
    const r = LlmSettingsSchema.safeParse({ provider: 'anthropic' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('ANTHROPIC_API_KEY');
  });

  it('coerces numbers from environment strings', () => {
    expect(LlmSettingsSchema.parse({ temperature: '0.2', maxTokens: '300', timeoutMs: '1000' })).toMatchObject({ temperature: 0.2, maxTokens: 300, timeoutMs: 1000 });
  });
});

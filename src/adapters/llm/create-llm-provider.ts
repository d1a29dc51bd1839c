import { z } from 'zod';
import type { Clock } from '../../lib/clock.js';
import { createAnthropicProvider } from './anthropic.js';
import { LlmProviderKindSchema, type LlmProvider } from './interface.js';
import { createOllamaProvider } from './ollama.js';
import { createOpenAiCompatibleProvider } from './openai-compatible.js';
import type { FetchLike } from './request-json.js';
import { createTemplateProvider } from './template-provider.js';

/**
 * The LLM settings the config module parses from the environment (names in docs/setup/ollama.md):
 * LLM_PROVIDER, LLM_MODEL, LLM_TEMPERATURE, LLM_MAX_TOKENS, LLM_TIMEOUT_MS, LLM_RETRIES, OLLAMA_HOST,
 * OPENAI_BASE_URL, OPENAI_API_KEY, ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY, ANTHROPIC_MODEL,
 * LLM_CIRCUIT_FAILURES, LLM_CIRCUIT_COOLDOWN_MS.
 */
export const LlmSettingsSchema = z
  .object({
    provider: LlmProviderKindSchema.default('template'),
    /** Model for Ollama and OpenAI-compatible servers. */
    model: z.string().min(1).default('llama3.1:8b'),
    temperature: z.coerce.number().min(0).max(2).default(0.7),
    maxTokens: z.coerce.number().int().positive().max(8192).default(512),
    timeoutMs: z.coerce.number().int().positive().default(60_000),
    retries: z.coerce.number().int().min(0).max(10).default(2),
    ollamaHost: z.url().default('http://localhost:11434'),
    openaiBaseUrl: z.url().default('https://api.openai.com/v1'),
    openaiApiKey: z.string().min(1).optional(),
    anthropicBaseUrl: z.url().default('https://api.anthropic.com'),
    anthropicApiKey: z.string().min(1).optional(),
    anthropicModel: z.string().min(1).default('claude-haiku-4-5'),
    circuitFailureThreshold: z.coerce.number().int().positive().default(5),
    circuitCoolDownMs: z.coerce.number().int().positive().default(30_000),
  })
  .superRefine((s, ctx) => {
    if (s.provider === 'anthropic' && !s.anthropicApiKey) ctx.addIssue({ code: 'custom', path: ['anthropicApiKey'], message: 'ANTHROPIC_API_KEY is required when LLM_PROVIDER=anthropic' });
  });
export type LlmSettings = z.output<typeof LlmSettingsSchema>;

export interface CreateLlmProviderOptions {
  settings: LlmSettings;
  /** Injected in tests and by `curb llm test` against the fake servers. */
  fetch?: FetchLike;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The one place the model provider is chosen.
 *
 * @example
 * const llm = createLlmProvider({ settings: LlmSettingsSchema.parse({ provider: 'ollama' }) });
 */
export function createLlmProvider({ settings: s, fetch, clock, sleep }: CreateLlmProviderOptions): LlmProvider {
  const http = {
    timeoutMs: s.timeoutMs,
    retries: s.retries,
    circuitFailureThreshold: s.circuitFailureThreshold,
    circuitCoolDownMs: s.circuitCoolDownMs,
    temperature: s.temperature,
    maxTokens: s.maxTokens,
    ...(fetch ? { fetch } : {}),
    ...(clock ? { clock } : {}),
    ...(sleep ? { sleep } : {}),
  };
  switch (s.provider) {
    case 'template':
      return createTemplateProvider();
    case 'ollama':
      return createOllamaProvider({ ...http, host: s.ollamaHost, model: s.model });
    case 'openai':
      return createOpenAiCompatibleProvider({ ...http, baseUrl: s.openaiBaseUrl, model: s.model, ...(s.openaiApiKey ? { apiKey: s.openaiApiKey } : {}) });
    case 'anthropic':
      // The schema refuses provider=anthropic without a key; this guards direct callers that skip it.
      if (!s.anthropicApiKey) throw new Error('createLlmProvider: anthropicApiKey is required for the anthropic provider');
      return createAnthropicProvider({ ...http, baseUrl: s.anthropicBaseUrl, apiKey: s.anthropicApiKey, model: s.anthropicModel });
    default: {
      const never: never = s.provider;
      throw new Error(`unknown LLM provider ${String(never)}`);
    }
  }
}

import { createLlmProvider, LlmSettingsSchema, type LlmSettings } from '../../adapters/llm/create-llm-provider.js';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import type { FetchLike } from '../../adapters/llm/request-json.js';
import type { Config } from '../../config/env.js';
import type { ChannelPrices } from '../../domain/messages/estimate-cost.js';

/**
 * Maps the parsed environment onto the adapters' settings. The provider itself is still chosen in one
 * place, `createLlmProvider`'s exhaustive switch.
 */
export function llmSettingsFromConfig(config: Pick<Config, 'env'>): LlmSettings {
  const e = config.env;
  return LlmSettingsSchema.parse({
    provider: e.LLM_PROVIDER,
    model: e.LLM_MODEL,
    temperature: e.LLM_TEMPERATURE,
    maxTokens: e.LLM_MAX_TOKENS,
    timeoutMs: e.LLM_TIMEOUT_MS,
    retries: e.LLM_RETRIES,
    ollamaHost: e.OLLAMA_HOST,
    openaiBaseUrl: e.OPENAI_BASE_URL,
    ...(e.OPENAI_API_KEY ? { openaiApiKey: e.OPENAI_API_KEY } : {}),
    anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
    ...(e.ANTHROPIC_API_KEY ? { anthropicApiKey: e.ANTHROPIC_API_KEY } : {}),
    anthropicModel: e.ANTHROPIC_MODEL,
    circuitFailureThreshold: e.LLM_CIRCUIT_FAILURES,
    circuitCoolDownMs: e.LLM_CIRCUIT_COOLDOWN_MS,
  });
}

/**
 * The configured model provider. Build it once per process and share it: its circuit breaker only
 * protects callers that share the instance.
 *
 * @example
 * const llm = llmProviderFromConfig(loadConfig());
 */
export function llmProviderFromConfig(config: Pick<Config, 'env'>, options: { fetch?: FetchLike } = {}): LlmProvider {
  return createLlmProvider({ settings: llmSettingsFromConfig(config), ...(options.fetch ? { fetch: options.fetch } : {}) });
}

/** Outbound prices from the environment, for previews and estimates. */
export function channelPricesFromConfig(config: Pick<Config, 'env'>): ChannelPrices {
  return { smsPerSegment: config.env.SMS_PRICE_PER_SEGMENT_USD, emailPerMessage: config.env.EMAIL_PRICE_USD, voicemailPerCall: config.env.VOICEMAIL_PRICE_USD };
}

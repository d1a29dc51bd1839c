/**
 * The model provider the conversation engine shares per services object (its circuit breaker only
 * protects callers that share the instance). Tests inject a fake with `useConversationLlm`.
 */
import type { LlmProvider } from '../../adapters/llm/interface.js';
import type { AppServices } from '../app-services.js';
import { llmProviderFromConfig } from '../messages/llm-from-config.js';

const cache = new WeakMap<object, LlmProvider>();

export function useConversationLlm(services: object, llm: LlmProvider): void {
  cache.set(services, llm);
}

export function conversationLlm(services: Pick<AppServices, 'config'>): LlmProvider {
  let llm = cache.get(services);
  if (!llm) {
    llm = llmProviderFromConfig(services.config);
    cache.set(services, llm);
  }
  return llm;
}

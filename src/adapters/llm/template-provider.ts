import { failure, ok } from '../../lib/result.js';
import { LlmFailureCode, type LlmProvider } from './interface.js';

/**
 * The provider used when no model is configured. It writes nothing: every call is a non-retryable
 * `no_model_configured`, so writeMessage sends the rendered template and the reply reader uses its rules.
 */
export function createTemplateProvider(): LlmProvider {
  const none = () => Promise.resolve(failure(LlmFailureCode.NoModelConfigured, 'no model configured (LLM_PROVIDER=template): templates are used as written', false));
  return {
    name: 'template',
    kind: 'template',
    generate: none,
    generateStructured: none,
    health: () => Promise.resolve(ok({ ready: true, model: 'none', detail: 'template mode: messages are written from templates, no model is called' })),
  };
}

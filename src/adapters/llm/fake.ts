import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { generateStructured } from './generate-structured.js';
import { LlmFailureCode, type GenerateRequest, type Generation, type LlmProvider } from './interface.js';

export type FakeReply = string | AppFailure | ((req: GenerateRequest) => string | AppFailure);

export interface FakeLlmProviderOptions {
  /** Answers in order; the last one repeats. A string is the model's text, an object a failure. */
  replies: FakeReply[];
  model?: string;
}

export interface FakeLlmProvider extends LlmProvider {
  /** Every request received, in order. */
  readonly requests: GenerateRequest[];
}

/**
 * An in-memory provider for service tests: scripted answers, recorded requests, token counts from word
 * counts. Contract tests of the real adapters use the fake servers in test/fakes/llm-servers.ts instead.
 */
export function createFakeLlmProvider({ replies, model = 'fake-model' }: FakeLlmProviderOptions): FakeLlmProvider {
  const requests: GenerateRequest[] = [];
  let i = 0;
  const generate = async (req: GenerateRequest): Promise<Result<Generation, AppFailure>> => {
    requests.push(req);
    const next = replies[Math.min(i++, replies.length - 1)];
    if (next === undefined) return failure(LlmFailureCode.NoModelConfigured, 'fake provider has no replies', false);
    const answer = typeof next === 'function' ? next(req) : next;
    if (typeof answer !== 'string') return { ok: false, error: answer };
    const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
    return ok({ text: answer, tokensIn: words(req.system ?? '') + req.messages.reduce((n, m) => n + words(m.content), 0), tokensOut: words(answer), latencyMs: 1, model });
  };
  return {
    name: `fake:${model}`,
    kind: 'ollama',
    requests,
    generate,
    generateStructured: (req, schema) => generateStructured({ req, schema, generate: (r) => generate(r) }),
    health: async () => ok({ ready: true, model, detail: 'fake' }),
  };
}

/**
 * Anthropic Messages API: `POST {baseUrl}/v1/messages` with `x-api-key` and `anthropic-version`; the text
 * is the concatenation of the `text` content blocks. 429 (rate limit) and 529 (overloaded) are retryable.
 */
import { z } from 'zod';
import { monotonicMs } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { buildTransport, type HttpProviderOptions } from './build-transport.js';
import { generateStructured } from './generate-structured.js';
import { LlmFailureCode, type GenerateRequest, type Generation, type LlmHealth, type LlmProvider } from './interface.js';
import { requestJson } from './request-json.js';

export const ANTHROPIC_VERSION = '2023-06-01';

export interface AnthropicProviderOptions extends HttpProviderOptions {
  apiKey: string;
  model: string;
  baseUrl?: string;
  temperature?: number;
  /** Required by the API on every call. */
  maxTokens?: number;
}

export const AnthropicMessageResponseSchema = z.object({
  model: z.string().optional(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  usage: z.object({ input_tokens: z.number().int().nonnegative(), output_tokens: z.number().int().nonnegative() }),
});
export const AnthropicErrorSchema = z.object({ type: z.literal('error'), error: z.object({ type: z.string(), message: z.string() }) });

const errorMessage = (body: unknown): string | undefined => {
  const r = AnthropicErrorSchema.safeParse(body);
  return r.success ? `${r.data.error.type}: ${r.data.error.message}` : undefined;
};
// The error type is more precise than the status (an `overloaded_error` may come with 529 or 503).
const classify = (_status: number, message: string): Partial<AppFailure> | undefined => {
  if (message.startsWith('overloaded_error')) return { code: LlmFailureCode.Overloaded, retry: true };
  if (message.startsWith('rate_limit_error')) return { code: LlmFailureCode.RateLimited, retry: true };
  if (message.startsWith('authentication_error') || message.startsWith('permission_error')) return { code: LlmFailureCode.Unauthorized, retry: false };
  return undefined;
};

/**
 * @example
 * const llm = createAnthropicProvider({ apiKey, model: 'claude-haiku-4-5' });
 */
export function createAnthropicProvider(o: AnthropicProviderOptions): LlmProvider {
  const base = (o.baseUrl ?? 'https://api.anthropic.com').replace(/\/+$/, '').replace(/\/v1$/, '');
  const headers = { 'x-api-key': o.apiKey, 'anthropic-version': ANTHROPIC_VERSION };
  const transport = buildTransport(o);

  const call = async (req: GenerateRequest): Promise<Result<Generation, AppFailure>> => {
    const started = monotonicMs();
    const r = await requestJson({
      request: {
        url: `${base}/v1/messages`,
        method: 'POST',
        headers,
        signal: req.signal,
        body: {
          model: o.model,
          max_tokens: req.maxTokens ?? o.maxTokens ?? 512,
          ...(req.system ? { system: req.system } : {}),
          messages: req.messages,
          // Anthropic's range is 0..1; the shared setting allows up to 2.
          temperature: Math.min(1, req.temperature ?? o.temperature ?? 0.7),
        },
      },
      transport,
      errorMessage,
      classify,
    });
    if (!r.ok) return r;
    const body = AnthropicMessageResponseSchema.safeParse(r.value.json);
    if (!body.success) return failure(LlmFailureCode.InvalidResponse, `anthropic: unexpected /v1/messages response: ${body.error.issues[0]?.message ?? ''}`, false);
    return ok({
      text: body.data.content.map((b) => (b.type === 'text' ? (b.text ?? '') : '')).join(''),
      tokensIn: body.data.usage.input_tokens,
      tokensOut: body.data.usage.output_tokens,
      latencyMs: Math.round(monotonicMs() - started),
      model: body.data.model ?? o.model,
    });
  };

  return {
    name: `anthropic:${o.model}`,
    kind: 'anthropic',
    generate: call,
    // No JSON mode: the instruction plus zod validation and one repair round do the work.
    generateStructured: (req, schema) => generateStructured({ req, schema, generate: (r) => call(r) }),
    async health(): Promise<Result<LlmHealth, AppFailure>> {
      const r = await requestJson({ request: { url: `${base}/v1/models`, method: 'GET', headers }, transport: { ...transport, retries: 0 }, errorMessage, classify });
      if (!r.ok) return r;
      return ok({ ready: true, model: o.model, detail: `${base} accepted the API key` });
    },
  };
}

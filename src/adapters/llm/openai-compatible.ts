/**
 * Any server that speaks OpenAI's Chat Completions API: OpenAI itself, vLLM, llama.cpp server, LM Studio,
 * LocalAI, Ollama's `/v1` endpoint. `POST {baseUrl}/v1/chat/completions`, `GET {baseUrl}/v1/models`.
 */
import { z } from 'zod';
import { monotonicMs } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { buildTransport, type HttpProviderOptions } from './build-transport.js';
import { generateStructured } from './generate-structured.js';
import { LlmFailureCode, type GenerateRequest, type Generation, type LlmHealth, type LlmProvider } from './interface.js';
import { requestJson } from './request-json.js';

export interface OpenAiCompatibleProviderOptions extends HttpProviderOptions {
  /** With or without a trailing `/v1`: `https://api.openai.com` and `http://localhost:8000/v1` both work. */
  baseUrl?: string;
  /** Sent as a Bearer token when set; local servers usually need none. */
  apiKey?: string;
  model: string;
  temperature?: number;
  maxTokens?: number;
}

export const OpenAiChatResponseSchema = z.object({
  model: z.string().optional(),
  choices: z.array(z.object({ message: z.object({ role: z.string(), content: z.string().nullable() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).optional(),
});
export const OpenAiModelsResponseSchema = z.object({ data: z.array(z.object({ id: z.string() })) });
const OpenAiErrorSchema = z.object({ error: z.object({ message: z.string() }) });

const errorMessage = (body: unknown): string | undefined => {
  const r = OpenAiErrorSchema.safeParse(body);
  return r.success ? r.data.error.message : undefined;
};

/**
 * @example
 * const llm = createOpenAiCompatibleProvider({ baseUrl: 'http://localhost:8000/v1', model: 'meta-llama/Llama-3.1-8B-Instruct' });
 */
export function createOpenAiCompatibleProvider(o: OpenAiCompatibleProviderOptions): LlmProvider {
  const base = `${(o.baseUrl ?? 'https://api.openai.com').replace(/\/+$/, '').replace(/\/v1$/, '')}/v1`;
  const headers: Record<string, string> = o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {};
  const transport = buildTransport(o);

  const chat = async (req: GenerateRequest, json: boolean): Promise<Result<Generation, AppFailure>> => {
    const started = monotonicMs();
    const r = await requestJson({
      request: {
        url: `${base}/chat/completions`,
        method: 'POST',
        headers,
        signal: req.signal,
        body: {
          model: o.model,
          messages: [...(req.system ? [{ role: 'system', content: req.system }] : []), ...req.messages],
          temperature: req.temperature ?? o.temperature ?? 0.7,
          max_tokens: req.maxTokens ?? o.maxTokens ?? 512,
          ...(json ? { response_format: { type: 'json_object' } } : {}),
        },
      },
      transport,
      errorMessage,
    });
    if (!r.ok) return r;
    const body = OpenAiChatResponseSchema.safeParse(r.value.json);
    if (!body.success) return failure(LlmFailureCode.InvalidResponse, `openai: unexpected chat/completions response: ${body.error.issues[0]?.message ?? ''}`, false);
    return ok({
      text: body.data.choices[0]!.message.content ?? '',
      tokensIn: body.data.usage?.prompt_tokens ?? 0,
      tokensOut: body.data.usage?.completion_tokens ?? 0,
      latencyMs: Math.round(monotonicMs() - started),
      model: body.data.model ?? o.model,
    });
  };

  return {
    name: `openai:${o.model}`,
    kind: 'openai',
    generate: (req) => chat(req, false),
    generateStructured: (req, schema) => generateStructured({ req, schema, generate: (r) => chat(r, true) }),
    async health(): Promise<Result<LlmHealth, AppFailure>> {
      const r = await requestJson({ request: { url: `${base}/models`, method: 'GET', headers }, transport: { ...transport, retries: 0 }, errorMessage });
      if (!r.ok) return r;
      const list = OpenAiModelsResponseSchema.safeParse(r.value.json);
      const models = list.success ? list.data.data.map((m) => m.id) : undefined;
      // Some compatible servers list nothing useful; reachable and authorised is then the best we know.
      const ready = models === undefined || models.length === 0 || models.includes(o.model);
      return ok({ ready, model: o.model, ...(models ? { models } : {}), detail: ready ? `${base} is reachable` : `${base} does not list ${o.model}` });
    },
  };
}

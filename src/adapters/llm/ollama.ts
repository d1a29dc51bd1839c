/**
 * Ollama (https://github.com/ollama/ollama/blob/main/docs/api.md): `POST /api/chat` with `stream: false`,
 * `GET /api/tags` for what is pulled, `POST /api/pull` to fetch a model during setup.
 */
import { z } from 'zod';
import { monotonicMs } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { buildTransport, type HttpProviderOptions } from './build-transport.js';
import { generateStructured } from './generate-structured.js';
import { LlmFailureCode, type GenerateRequest, type Generation, type LlmHealth, type LlmProvider } from './interface.js';
import { requestJson } from './request-json.js';

export interface OllamaProviderOptions extends HttpProviderOptions {
  host?: string;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** `schema` constrains decoding to the JSON Schema (Ollama >= 0.5); `json` only asks for any JSON. */
  structuredFormat?: 'json' | 'schema';
  /** A pull downloads gigabytes: it gets its own, long timeout. */
  pullTimeoutMs?: number;
}

export interface OllamaProvider extends LlmProvider {
  /** Downloads the configured model (`curb llm setup`); blocks until Ollama reports success. */
  pullModel(): Promise<Result<{ status: string }, AppFailure>>;
}

export const OllamaChatResponseSchema = z.object({
  model: z.string().optional(),
  message: z.object({ role: z.string(), content: z.string() }),
  prompt_eval_count: z.number().int().nonnegative().optional(),
  eval_count: z.number().int().nonnegative().optional(),
  total_duration: z.number().nonnegative().optional(),
});
export const OllamaTagsResponseSchema = z.object({ models: z.array(z.object({ name: z.string(), model: z.string().optional() })) });
export const OllamaPullResponseSchema = z.object({ status: z.string() });
const OllamaErrorSchema = z.object({ error: z.string() });

const errorMessage = (body: unknown): string | undefined => {
  const r = OllamaErrorSchema.safeParse(body);
  return r.success ? r.data.error : undefined;
};
// Ollama answers 404 for a model that is not pulled; say what to do about it.
const classify = (status: number, message: string): Partial<AppFailure> | undefined =>
  status === 404 ? { code: LlmFailureCode.ModelNotFound, message: `${message} (run: ollama pull <model>, or curb llm setup)` } : undefined;

function sameModel(a: string, b: string): boolean {
  const norm = (s: string) => (s.includes(':') ? s : `${s}:latest`);
  return norm(a) === norm(b);
}

/**
 * @example
 * const llm = createOllamaProvider({ host: 'http://localhost:11434', model: 'llama3.1:8b' });
 * const r = await llm.generate({ system, messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOllamaProvider(o: OllamaProviderOptions = {}): OllamaProvider {
  const host = (o.host ?? 'http://localhost:11434').replace(/\/+$/, '');
  const model = o.model ?? 'llama3.1:8b';
  const transport = buildTransport(o);

  const chat = async (req: GenerateRequest, format?: 'json' | Record<string, unknown>): Promise<Result<Generation, AppFailure>> => {
    const started = monotonicMs();
    const r = await requestJson({
      request: {
        url: `${host}/api/chat`,
        method: 'POST',
        signal: req.signal,
        body: {
          model,
          messages: [...(req.system ? [{ role: 'system', content: req.system }] : []), ...req.messages],
          stream: false,
          options: { temperature: req.temperature ?? o.temperature ?? 0.7, num_predict: req.maxTokens ?? o.maxTokens ?? 512 },
          ...(format === undefined ? {} : { format }),
        },
      },
      transport,
      errorMessage,
      classify,
    });
    if (!r.ok) return r;
    const body = OllamaChatResponseSchema.safeParse(r.value.json);
    if (!body.success) return failure(LlmFailureCode.InvalidResponse, `ollama: unexpected /api/chat response: ${body.error.issues[0]?.message ?? ''}`, false);
    return ok({
      text: body.data.message.content,
      tokensIn: body.data.prompt_eval_count ?? 0,
      tokensOut: body.data.eval_count ?? 0,
      latencyMs: Math.round(monotonicMs() - started),
      model: body.data.model ?? model,
    });
  };

  return {
    name: `ollama:${model}`,
    kind: 'ollama',
    generate: (req) => chat(req),
    generateStructured: (req, schema) =>
      generateStructured({ req, schema, generate: (r, jsonSchema) => chat(r, (o.structuredFormat ?? 'schema') === 'schema' ? jsonSchema : 'json') }),
    async health(): Promise<Result<LlmHealth, AppFailure>> {
      const r = await requestJson({ request: { url: `${host}/api/tags`, method: 'GET' }, transport: { ...transport, retries: 0 }, errorMessage });
      if (!r.ok) return r;
      const tags = OllamaTagsResponseSchema.safeParse(r.value.json);
      if (!tags.success) return failure(LlmFailureCode.InvalidResponse, 'ollama: unexpected /api/tags response', false);
      const models = tags.data.models.map((m) => m.name);
      const ready = models.some((m) => sameModel(m, model));
      return ok({ ready, model, models, detail: ready ? `ollama at ${host} has ${model}` : `ollama at ${host} is up but ${model} is not pulled: run ollama pull ${model}` });
    },
    async pullModel() {
      const r = await requestJson({
        request: { url: `${host}/api/pull`, method: 'POST', body: { model, stream: false }, timeoutMs: o.pullTimeoutMs ?? 30 * 60_000 },
        transport,
        errorMessage,
      });
      if (!r.ok) return r;
      const body = OllamaPullResponseSchema.safeParse(r.value.json);
      if (!body.success || body.data.status !== 'success') return failure(LlmFailureCode.InvalidResponse, `ollama: pull of ${model} did not report success`, true, { body: r.value.json });
      return ok({ status: body.data.status });
    },
  };
}

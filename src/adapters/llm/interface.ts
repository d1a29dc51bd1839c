/**
 * The model port. Curb talks to Ollama, any OpenAI-compatible server and Anthropic through this one
 * interface; the provider is chosen once, in create-llm-provider.ts. Without a model the `template`
 * provider answers every call with a non-retryable `no_model_configured`, and the message writer sends
 * the template.
 */
import { z } from 'zod';
import type { AppFailure, Result } from '../../lib/result.js';

export const LlmProviderKindSchema = z.enum(['template', 'ollama', 'openai', 'anthropic']);
export type LlmProviderKind = z.infer<typeof LlmProviderKindSchema>;

export const ChatMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const GenerateRequestSchema = z.object({
  system: z.string().optional(),
  messages: z.array(ChatMessageSchema).min(1),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
});
export type GenerateRequest = z.infer<typeof GenerateRequestSchema> & {
  /** Cancels the call (a shutdown, a user leaving the preview); an aborted call is not retried. */
  signal?: AbortSignal;
};

export const GenerationSchema = z.object({
  text: z.string(),
  tokensIn: z.number().int().nonnegative(),
  tokensOut: z.number().int().nonnegative(),
  /** Wall time of the whole call, retries and back-off included. */
  latencyMs: z.number().nonnegative(),
  model: z.string(),
});
export type Generation = z.infer<typeof GenerationSchema>;

export type StructuredGeneration<T> = Omit<Generation, 'text'> & { value: T; text: string; repaired: boolean };

export const LlmHealthSchema = z.object({
  ready: z.boolean(),
  model: z.string(),
  /** Models the server has (Ollama: pulled models), when it says. */
  models: z.array(z.string()).optional(),
  detail: z.string(),
});
export type LlmHealth = z.infer<typeof LlmHealthSchema>;

/** Failure codes of the model port. `retry` on the failure says whether trying later may help. */
export const LlmFailureCode = {
  Timeout: 'llm_timeout',
  Unavailable: 'llm_unavailable',
  RateLimited: 'llm_rate_limited',
  Overloaded: 'llm_overloaded',
  BadRequest: 'llm_bad_request',
  Unauthorized: 'llm_unauthorized',
  ModelNotFound: 'llm_model_not_found',
  InvalidResponse: 'llm_invalid_response',
  InvalidStructuredOutput: 'invalid_structured_output',
  CircuitOpen: 'llm_circuit_open',
  Aborted: 'llm_aborted',
  NoModelConfigured: 'no_model_configured',
} as const;
export type LlmFailureCode = (typeof LlmFailureCode)[keyof typeof LlmFailureCode];

export interface LlmProvider {
  /** e.g. `ollama:llama3.1:8b` — for logs and the cost/latency report. */
  readonly name: string;
  readonly kind: LlmProviderKind;
  generate(req: GenerateRequest): Promise<Result<Generation, AppFailure>>;
  /**
   * Asks for JSON, validates it with the schema and, when it does not validate, asks once more with the
   * validation errors. Two invalid answers give a non-retryable `invalid_structured_output`.
   */
  generateStructured<T>(req: GenerateRequest, schema: z.ZodType<T>): Promise<Result<StructuredGeneration<T>, AppFailure>>;
  health(): Promise<Result<LlmHealth, AppFailure>>;
}

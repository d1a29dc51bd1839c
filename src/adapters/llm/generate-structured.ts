import { z } from 'zod';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { LlmFailureCode, type GenerateRequest, type Generation, type StructuredGeneration } from './interface.js';

export interface GenerateStructuredOptions<T> {
  req: GenerateRequest;
  schema: z.ZodType<T>;
  /** The provider's own call, told to ask the server for JSON (json mode, schema-constrained output). */
  generate: (req: GenerateRequest, jsonSchema: Record<string, unknown>) => Promise<Result<Generation, AppFailure>>;
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return { type: 'object' };
  }
}

// Models wrap JSON in code fences or a sentence even when told not to; take the outermost object/array.
function extractJson(text: string): unknown {
  const t = text.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  try {
    return JSON.parse(t) as unknown;
  } catch {
    const start = t.search(/[{[]/);
    const end = Math.max(t.lastIndexOf('}'), t.lastIndexOf(']'));
    if (start >= 0 && end > start) return JSON.parse(t.slice(start, end + 1)) as unknown;
    throw new Error('no JSON value in the answer');
  }
}

function check<T>(schema: z.ZodType<T>, text: string): { ok: true; value: T } | { ok: false; problems: string } {
  let data: unknown;
  try {
    data = extractJson(text);
  } catch (e) {
    return { ok: false, problems: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const r = schema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ') };
}

/**
 * Shared by every provider: ask for JSON matching the schema, validate with zod, and repair once by
 * sending the validation errors back. Tokens and latency add up over both calls.
 */
export async function generateStructured<T>({ req, schema, generate }: GenerateStructuredOptions<T>): Promise<Result<StructuredGeneration<T>, AppFailure>> {
  const jsonSchema = jsonSchemaOf(schema);
  const instruction = `Answer with only a JSON value, no prose and no code fences, that matches this JSON Schema:\n${JSON.stringify(jsonSchema)}`;
  const first = await generate({ ...req, system: req.system ? `${req.system}\n\n${instruction}` : instruction }, jsonSchema);
  if (!first.ok) return first;
  const a = check(schema, first.value.text);
  if (a.ok) return ok({ ...first.value, value: a.value, repaired: false });

  const repairReq: GenerateRequest = {
    ...req,
    system: req.system ? `${req.system}\n\n${instruction}` : instruction,
    messages: [
      ...req.messages,
      { role: 'assistant', content: first.value.text },
      { role: 'user', content: `That answer is invalid: ${a.problems}. Reply with only the corrected JSON.` },
    ],
  };
  const second = await generate(repairReq, jsonSchema);
  if (!second.ok) return second;
  const b = check(schema, second.value.text);
  const totals = {
    tokensIn: first.value.tokensIn + second.value.tokensIn,
    tokensOut: first.value.tokensOut + second.value.tokensOut,
    latencyMs: first.value.latencyMs + second.value.latencyMs,
    model: second.value.model,
  };
  if (b.ok) return ok({ ...totals, text: second.value.text, value: b.value, repaired: true });
  return failure(LlmFailureCode.InvalidStructuredOutput, `the model's JSON did not validate twice: ${b.problems}`, false, { ...totals, first: a.problems, second: b.problems });
}

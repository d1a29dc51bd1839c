/**
 * Local HTTP servers that speak the Ollama, OpenAI-compatible and Anthropic APIs, for contract tests of
 * the model adapters (and for `curb llm test` without a real model). Bound to 127.0.0.1 on a free port.
 * Chat calls answer from a script (status, JSON, raw text, or never), then from a default reply.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeLlmKind = 'ollama' | 'openai' | 'anthropic';

export interface ScriptedReply {
  status?: number;
  json?: unknown;
  /** A body sent as is (malformed JSON tests). */
  raw?: string;
  /** Never answer: the client must time out. */
  hang?: boolean;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeLlmServerOptions {
  kind: FakeLlmKind;
  /** Models listed by /api/tags or /v1/models. */
  models?: string[];
  /** Text of chat answers once the script is used up. */
  defaultText?: string;
  replies?: ScriptedReply[];
  /** When set, calls without this key (Bearer or x-api-key) get the provider's 401. */
  apiKey?: string;
}

export interface FakeLlmServer {
  readonly url: string;
  readonly kind: FakeLlmKind;
  readonly requests: RecordedRequest[];
  /** Chat requests only (what the model was asked). */
  chatRequests(): RecordedRequest[];
  /** Queues answers for the next chat calls. */
  reply(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

const CHAT_PATH: Record<FakeLlmKind, string> = { ollama: '/api/chat', openai: '/v1/chat/completions', anthropic: '/v1/messages' };

/** A successful chat answer in the provider's own shape. */
export function textReply(kind: FakeLlmKind, text: string, usage: { in?: number; out?: number } = {}, model = 'fake-model'): ScriptedReply {
  const tin = usage.in ?? 42;
  const tout = usage.out ?? 17;
  if (kind === 'ollama') {
    return { json: { model, created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content: text }, done: true, total_duration: 1_200_000_000, prompt_eval_count: tin, eval_count: tout } };
  }
  if (kind === 'openai') {
    return { json: { id: 'chatcmpl-1', object: 'chat.completion', model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: tin, completion_tokens: tout, total_tokens: tin + tout } } };
  }
  return { json: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [{ type: 'text', text }], stop_reason: 'end_turn', usage: { input_tokens: tin, output_tokens: tout } } };
}

/** An error answer in the provider's own shape. */
export function errorReply(kind: FakeLlmKind, status: number, message: string, type = 'api_error', headers?: Record<string, string>): ScriptedReply {
  const json = kind === 'ollama' ? { error: message } : kind === 'openai' ? { error: { message, type, code: null } } : { type: 'error', error: { type, message } };
  return { status, json, ...(headers ? { headers } : {}) };
}

export async function startFakeLlmServer({ kind, models = ['llama3.1:8b'], defaultText = 'Hello from the fake model.', replies = [], apiKey }: FakeLlmServerOptions): Promise<FakeLlmServer> {
  const script = [...replies];
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        // recorded as text
      }
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      const send = (r: ScriptedReply): void => {
        if (r.hang) return;
        res.writeHead(r.status ?? 200, { 'content-type': 'application/json', ...r.headers });
        res.end(r.raw ?? JSON.stringify(r.json ?? {}));
      };
      if (apiKey) {
        const given = kind === 'anthropic' ? req.headers['x-api-key'] : req.headers.authorization?.replace(/^Bearer /, '');
        if (given !== apiKey) return send(errorReply(kind, 401, 'invalid x-api-key', 'authentication_error'));
      }
      if (req.method === 'POST' && path === CHAT_PATH[kind]) return send(script.shift() ?? textReply(kind, defaultText));
      if (kind === 'ollama' && req.method === 'GET' && path === '/api/tags') return send({ json: { models: models.map((name) => ({ name, model: name, size: 4_920_753_328 })) } });
      if (kind === 'ollama' && req.method === 'POST' && path === '/api/pull') {
        const wanted = (body as { model?: string } | undefined)?.model;
        if (wanted && !models.includes(wanted)) models.push(wanted);
        return send({ json: { status: 'success' } });
      }
      if (kind !== 'ollama' && req.method === 'GET' && path === '/v1/models') {
        return send({ json: kind === 'openai' ? { object: 'list', data: models.map((id) => ({ id, object: 'model' })) } : { data: models.map((id) => ({ id, type: 'model' })), has_more: false } });
      }
      send(errorReply(kind, 404, `no route ${req.method} ${path}`, 'not_found_error'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    kind,
    requests,
    chatRequests: () => requests.filter((r) => r.path === CHAT_PATH[kind]),
    reply: (...r) => script.push(...r),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep sockets open; drop them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer, textReply, type FakeLlmServer } from '../fakes/llm-servers.js';
import { runCli } from '../helpers/run-cli.js';

/** One JSON document on stdout, nothing else. */
function onlyJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

// Commands that need no database still get an empty data dir, so nothing is written into the repo.
const dir = mkdtempSync(join(tmpdir(), 'curb-msg-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { CURB_DATA_DIR: dir };

describe('curb sms segments', () => {
  it.each([
    ['a'.repeat(160), { encoding: 'GSM-7', segments: 1, characters: 160 }],
    ['a'.repeat(161), { encoding: 'GSM-7', segments: 2, characters: 161 }],
    ['Hi there 🏠', { encoding: 'UCS-2', segments: 1, characters: 10 }],
    ['€'.repeat(81), { encoding: 'GSM-7', segments: 2, characters: 81 }],
  ])('counts %#', async (text, expected) => {
    const r = await runCli(['--json', 'sms', 'segments', text], base);
    expect(r.code).toBe(0);
    const doc = onlyJson(r.stdout);
    expect(Object.keys(doc).sort()).toEqual(['characters', 'cost', 'encoding', 'segments']);
    expect(doc).toMatchObject(expected);
    expect(doc.cost).toEqual({ usd: Math.round(expected.segments * 0.0079 * 1e6) / 1e6 });
  });

  it('exits 2 without a text', async () => {
    const r = await runCli(['--json', 'sms', 'segments'], base);
    expect(r.code).toBe(2);
    expect(onlyJson(r.stdout)).toHaveProperty('error');
  });
});

describe('curb llm setup / test against a fake Ollama', () => {
  let ollama: FakeLlmServer;
  beforeAll(async () => {
    ollama = await startFakeLlmServer({
      kind: 'ollama',
      models: [],
      defaultText: 'Hi Margaret, Dana Ruiz with Sunshine Home Buyers here. Would you consider an offer on 1234 Lake Underhill Rd?',
    });
  });
  afterAll(() => ollama.close());
  const env = () => ({ ...base, LLM_PROVIDER: 'ollama', OLLAMA_HOST: ollama.url, LLM_MODEL: 'llama3.1:8b' });

  it('setup pulls the missing model through /api/pull and checks it answers on /api/chat', async () => {
    const r = await runCli(['--json', 'llm', 'setup'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = onlyJson(r.stdout);
    expect(doc).toMatchObject({ provider: 'ollama', model: 'llama3.1:8b', ready: true });
    expect((doc.steps as Array<{ step: string }>).map((s) => s.step)).toEqual(['health', 'pull', 'chat']);
    const pulls = ollama.requests.filter((q) => q.path === '/api/pull');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.body).toMatchObject({ model: 'llama3.1:8b' });
    expect(ollama.chatRequests()).toHaveLength(1);
    // A second run finds the model and does not pull again.
    const again = await runCli(['llm', 'setup'], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already pulled');
    expect(ollama.requests.filter((q) => q.path === '/api/pull')).toHaveLength(1);
  });

  it('test prints one generated message with its latency', async () => {
    ollama.reply(textReply('ollama', 'Hi Margaret, Dana Ruiz with Sunshine Home Buyers here. Would you consider an offer on 1234 Lake Underhill Rd?', { in: 310, out: 28 }));
    const r = await runCli(['--json', 'llm', 'test', '--channel', 'sms'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = onlyJson(r.stdout);
    expect(doc).toMatchObject({ provider: 'ollama:llama3.1:8b', source: 'model', channel: 'sms', verdict: 'pass', tokens: { in: 310, out: 28 } });
    expect(doc.text).toBe('Hi Margaret, Dana Ruiz with Sunshine Home Buyers here. Would you consider an offer on 1234 Lake Underhill Rd? Reply STOP to opt out');
    expect(typeof doc.latencyMs).toBe('number');
    const text = await runCli(['llm', 'test'], env());
    expect(text.stdout).toMatch(/written by ollama:llama3\.1:8b in \d+ ms/);
  });

  it('test without a model prints the template message and says so', async () => {
    const r = await runCli(['--json', 'llm', 'test', '--channel', 'email'], { ...base, LLM_PROVIDER: 'template' });
    expect(r.code).toBe(0);
    const doc = onlyJson(r.stdout);
    expect(doc).toMatchObject({ provider: 'template', source: 'template', templateKey: 'email.initial', note: expect.stringContaining('no model is configured') });
    expect(doc.subject).toBeTruthy();
  });

  it('fails with exit 1 when Ollama is unreachable, and exit 2 on a bad option', async () => {
    const down = await runCli(['--json', 'llm', 'setup'], { ...base, LLM_PROVIDER: 'ollama', OLLAMA_HOST: 'http://127.0.0.1:9', LLM_RETRIES: '0' });
    expect(down.code).toBe(1);
    expect(onlyJson(down.stdout)).toMatchObject({ error: { code: 'provider_unavailable' } });
    const bad = await runCli(['--json', 'llm', 'test', '--channel', 'fax'], env());
    expect(bad.code).toBe(2);
    expect((onlyJson(bad.stdout).error as { message: string }).message).toContain('channel');
  });
});

import type { Command } from 'commander';
import { z } from 'zod';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import type { OllamaProvider } from '../../adapters/llm/ollama.js';
import { writeMessage, type WrittenMessage } from '../../adapters/llm/write-message.js';
import { loadConfig } from '../../config/env.js';
import { DEFAULT_TEMPLATES } from '../../domain/messages/default-templates.js';
import { marketContextFor } from '../../domain/messages/market-context.js';
import { selectTemplate } from '../../domain/messages/select-template.js';
import { ChannelSchema, type Channel, type TemplateVars } from '../../domain/messages/template.js';
import { AppError, ErrorCode, validationError } from '../../lib/errors.js';
import { composeMessage } from '../../services/messages/compose-message.js';
import { channelPricesFromConfig, llmProviderFromConfig, llmSettingsFromConfig } from '../../services/messages/llm-from-config.js';
import { withServices } from '../context.js';
import { type OutputOptions, writeResult } from '../output.js';
import { resolveLocationId } from './keys.js';

// The seed's target for a local 8B model; slower is usable (messages are written ahead) but worth a note.
const TARGET_MS = 3000;

/** A made-up prospect for `curb llm test` without --contact: no database needed. */
const SAMPLE_VARS = (channel: Channel): TemplateVars => ({
  owner_name: 'Margaret Hale',
  first_name: 'Margaret',
  situs_address: '1234 Lake Underhill Rd',
  city: 'Orlando',
  county: 'Orange',
  state: 'FL',
  market_context: marketContextFor({ market: 'orange', channel }),
  agent_name: 'Dana Ruiz',
  company: 'Sunshine Home Buyers',
  agent_phone: '(407) 555-0134',
  postal_address: '100 N Orange Ave, Orlando, FL 32801',
});

function isOllama(p: LlmProvider): p is OllamaProvider {
  return p.kind === 'ollama' && typeof (p as Partial<OllamaProvider>).pullModel === 'function';
}

interface Step {
  step: 'health' | 'pull' | 'chat';
  ok: boolean;
  detail: string;
  latencyMs?: number;
}

const TestOptionsSchema = z.object({
  channel: ChannelSchema.default('sms'),
  touch: z.coerce.number().int().min(1).max(5).default(1),
  contact: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
});

export function registerLlm(program: Command, run: (fn: (o: OutputOptions) => Promise<void>) => Promise<void>): void {
  const llm = program.command('llm').description('the model that personalises messages (LLM_PROVIDER)');
  llm
    .command('setup')
    .description('Ollama: pull the configured model and check it answers; other providers: check health')
    .action(() =>
      run(async (o) => {
        const config = loadConfig();
        const settings = llmSettingsFromConfig(config);
        const provider = llmProviderFromConfig(config);
        const model = settings.provider === 'anthropic' ? settings.anthropicModel : settings.model;
        const steps: Step[] = [];
        const fail = (message: string): never => {
          throw new AppError(ErrorCode.ProviderUnavailable, message, { provider: settings.provider, model, steps });
        };
        if (provider.kind === 'template') {
          writeResult(o, { provider: 'template', model: null, ready: true, steps }, () => 'no model configured (LLM_PROVIDER=template): messages are written from templates, nothing to set up');
          return;
        }
        const health = await provider.health();
        if (!health.ok) fail(`${provider.name}: ${health.error.message}`);
        const h = health.ok ? health.value : undefined;
        steps.push({ step: 'health', ok: true, detail: h!.detail });
        if (isOllama(provider)) {
          if (!h!.ready) {
            if (!o.json) process.stderr.write(`pulling ${model} through ${settings.ollamaHost} (an 8B model is about 4.9 GB)…\n`);
            const pulled = await provider.pullModel();
            if (!pulled.ok) fail(`pull of ${model} failed: ${pulled.error.message}`);
            steps.push({ step: 'pull', ok: true, detail: `pulled ${model}` });
          } else steps.push({ step: 'pull', ok: true, detail: `${model} is already pulled` });
          const chat = await provider.generate({ messages: [{ role: 'user', content: 'Reply with the single word: ready' }], maxTokens: 16 });
          if (!chat.ok) fail(`${model} did not answer: ${chat.error.message}`);
          if (chat.ok) steps.push({ step: 'chat', ok: true, detail: `${model} answered "${chat.value.text.trim().slice(0, 60)}"`, latencyMs: chat.value.latencyMs });
        } else if (!h!.ready) fail(`${provider.name} is reachable but not ready: ${h!.detail}`);
        writeResult(o, { provider: settings.provider, model, ready: true, steps }, () => [...steps.map((s) => `✓ ${s.step}: ${s.detail}${s.latencyMs === undefined ? '' : ` (${s.latencyMs} ms)`}`), `${provider.name} is ready`].join('\n'));
      }),
    );

  llm
    .command('test')
    .description('write one message with the configured model and show it with its latency')
    .option('--channel <channel>', 'sms | email | voicemail', 'sms')
    .option('--touch <n>', 'sequence step (1-5)', '1')
    .option('--contact <id>', 'write for this contact (from the database) instead of a sample prospect')
    .option('--location <id>', "the contact's location (optional when there is one location)")
    .action((raw: Record<string, string | undefined>) =>
      run(async (o) => {
        const parsed = TestOptionsSchema.safeParse(raw);
        if (!parsed.success) throw validationError(parsed.error.issues, 'option');
        const opts = parsed.data;
        const config = loadConfig();
        const provider = llmProviderFromConfig(config);
        const kind = opts.channel === 'voicemail' ? 'voicemail' : opts.touch > 1 ? 'follow_up' : 'initial';
        let written: WrittenMessage;
        if (opts.contact) {
          const contactId = opts.contact;
          written = await withServices(async (services) => {
            const locationId = await resolveLocationId(services, opts.location);
            const r = await composeMessage({ ...services, llm: provider }, { locationId, contactId, channel: opts.channel, kind, touch: opts.touch });
            if (!r.ok) throw new AppError(ErrorCode.ValidationFailed, r.error.message, r.error.details);
            return r.value;
          });
        } else {
          const template = selectTemplate({ templates: DEFAULT_TEMPLATES, channel: opts.channel, kind, touch: opts.touch })!;
          const r = await writeMessage({ provider, template, vars: SAMPLE_VARS(opts.channel), touch: opts.touch, seed: `sample:${opts.touch}`, prices: channelPricesFromConfig(config) });
          if (!r.ok) throw new AppError(ErrorCode.Internal, r.error.message, r.error.details);
          written = r.value;
        }
        const failure = written.modelFailure;
        if (provider.kind !== 'template' && failure && failure.code !== 'guard_refused') {
          throw new AppError(ErrorCode.ProviderUnavailable, `${provider.name} did not write the message: ${failure.message}`, { code: failure.code, retry: failure.retry });
        }
        const note =
          provider.kind === 'template'
            ? 'no model is configured (LLM_PROVIDER=template): this is the template message'
            : failure
              ? `the model's text did not pass the guard (${failure.message}); this is the template it falls back to`
              : written.latencyMs > TARGET_MS
                ? `slower than the ${TARGET_MS / 1000} s target per message`
                : undefined;
        const doc = {
          provider: provider.name,
          channel: opts.channel,
          source: written.source,
          templateKey: written.templateKey,
          variant: written.variant,
          ...(written.subject === undefined ? {} : { subject: written.subject }),
          text: written.text,
          latencyMs: written.latencyMs,
          tokens: written.tokens,
          verdict: written.verdict,
          segments: { encoding: written.segments.encoding, segments: written.segments.segments, characters: written.segments.characters },
          ...(note ? { note } : {}),
        };
        writeResult(o, doc, () =>
          [
            ...(written.subject ? [`Subject: ${written.subject}`] : []),
            written.text,
            '',
            `— ${written.source === 'model' ? `written by ${provider.name}` : `template ${written.templateKey}`} in ${written.latencyMs} ms (${written.tokens.in} → ${written.tokens.out} tokens); ` +
              `${opts.channel === 'sms' ? `${written.segments.segments} ${written.segments.encoding} segment(s); ` : ''}guard ${written.verdict}`,
            ...(note ? [note] : []),
          ].join('\n'),
        );
      }),
    );
}

/**
 * Writes one outbound message: render the template; if a model is configured, ask it to personalise the
 * template within its intent; guard the result; fall back to the template when the model fails or its
 * text is refused. Template mode (no model) produces the same guarded messages without any I/O.
 */
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { buildFactSet, type FactSet, type FactValue } from '../../domain/messages/build-fact-set.js';
import { buildFooter, type FooterWording } from '../../domain/messages/build-footer.js';
import { buildPrompt, type PromptHistoryEntry, type PromptPurpose } from '../../domain/messages/build-prompt.js';
import type { SegmentCount } from '../../domain/messages/count-segments.js';
import { estimateCost, type ChannelPrices, type CostEstimate } from '../../domain/messages/estimate-cost.js';
import { guardMessage, type GuardReason, type GuardVerdict } from '../../domain/messages/guard-message.js';
import { guardWithFallback, type GuardPath } from '../../domain/messages/guard-with-fallback.js';
import { messageLimits, type MessageLimits } from '../../domain/messages/message-limits.js';
import { renderTemplate } from '../../domain/messages/render-template.js';
import { templateFactSet } from '../../domain/messages/template-fact-set.js';
import type { ObjectionType, Template, TemplateVars } from '../../domain/messages/template.js';
import type { LlmProvider } from './interface.js';

export interface WriteMessageOptions {
  /** Absent or the template provider: the template is sent as rendered. */
  provider?: LlmProvider;
  template: Template;
  /** Prospect, market and location values (first_name, situs_address, company, agent_phone, postal_address, …). */
  vars: TemplateVars;
  /** Step of the sequence (defaults to the template's). */
  touch?: number;
  history?: readonly PromptHistoryEntry[];
  objection?: ObjectionType;
  /** `${contactId}:${step}` — picks the A/B variant stably. */
  seed?: string;
  variant?: string;
  footerWording?: Partial<FooterWording>;
  limits?: Partial<MessageLimits>;
  /** More true statements the message may repeat (e.g. an asking price the owner gave in a reply). */
  extraFacts?: ReadonlyArray<FactValue | Readonly<Record<string, FactValue>>>;
  /** Location facts built once and shared (buildFactSet), extended per message. */
  baseFacts?: FactSet;
  prices?: Partial<ChannelPrices>;
  signal?: AbortSignal;
}

export interface WrittenMessage {
  text: string;
  subject?: string;
  source: 'model' | 'template';
  path: GuardPath;
  verdict: GuardVerdict;
  reasons: GuardReason[];
  segments: SegmentCount;
  cost: CostEstimate;
  templateKey: string;
  variant: string | null;
  tokens: { in: number; out: number };
  /** Time spent in the model (0 in template mode). */
  latencyMs: number;
  /** Why the model's text was not used, when it was not. */
  modelFailure?: AppFailure;
}

function purposeOf(t: Template, objection: ObjectionType | undefined, touch: number): PromptPurpose {
  if (t.kind === 'response') return objection ? 'rebuttal' : 'reply';
  if (t.kind === 'voicemail') return touch > 1 ? 'follow_up' : 'initial';
  return t.kind;
}

/**
 * @example
 * const r = await writeMessage({ provider, template, vars, seed: `${contact.id}:1` });
 * if (r.ok) queue(r.value.text); // r.value.source says whether the model or the template wrote it
 */
export async function writeMessage(o: WriteMessageOptions): Promise<Result<WrittenMessage, AppFailure>> {
  const { template } = o;
  const touch = o.touch ?? template.touch ?? 1;
  const rendered = renderTemplate({ template, vars: o.vars, ...(o.variant ? { variant: o.variant } : {}), ...(o.seed ? { seed: o.seed } : {}) });
  if (!rendered.ok) return failure('template_render_failed', `template ${template.key}: ${rendered.error.message}`, false, rendered.error);

  const footer = buildFooter({ channel: template.channel, kind: template.kind, touch, vars: o.vars, ...(o.footerWording ? { wording: o.footerWording } : {}) });
  if (footer.missing.length > 0) {
    return failure('footer_incomplete', `the ${template.channel} compliance footer needs ${footer.missing.map((m) => `{{${m}}}`).join(', ')}`, false, { variables: footer.missing });
  }
  const limits = { ...messageLimits({ channel: template.channel, kind: template.kind }), ...o.limits };
  // The template's literal text is ours: its words and numbers are facts the model may repeat.
  const facts = buildFactSet({ values: [o.vars, ...(o.extraFacts ?? [])], base: o.baseFacts ? [o.baseFacts, templateFactSet(template)] : [templateFactSet(template)] });
  const guard = (text: string) =>
    guardMessage({
      channel: template.channel,
      kind: template.kind,
      text,
      subject: rendered.value.subject,
      facts,
      requireFooter: footer.required,
      footer: footer.text,
      ...(o.vars.company ? { identity: String(o.vars.company) } : {}),
      ...(o.vars.postal_address ? { postalAddress: String(o.vars.postal_address) } : {}),
      limits,
    });

  const tokens = { in: 0, out: 0 };
  let latencyMs = 0;
  let modelFailure: AppFailure | undefined;
  let candidate: string | undefined;
  let regenerate: ((reasons: GuardReason[]) => Promise<string | undefined>) | undefined;

  if (o.provider && o.provider.kind !== 'template') {
    const provider = o.provider;
    const footerRoom = footer.required && template.channel === 'sms' ? footer.text.length + 1 : 0;
    const base = {
      purpose: purposeOf(template, o.objection, touch),
      channel: template.channel,
      facts: o.vars,
      touch,
      draft: rendered.value.body,
      ...(o.history ? { history: o.history } : {}),
      ...(o.objection ? { objection: o.objection } : {}),
      ...(template.channel === 'sms' ? { maxChars: (limits.maxSegments <= 1 ? 160 : 153 * limits.maxSegments) - footerRoom } : {}),
      ...(template.channel === 'voicemail' ? { maxWords: limits.maxWords - (footer.text ? footer.text.split(/\s+/).length : 0) } : {}),
      ...(template.channel === 'email' ? { maxWords: limits.maxWords } : {}),
    };
    const ask = async (fix?: string[]): Promise<string | undefined> => {
      const prompt = buildPrompt({ ...base, ...(fix ? { fix } : {}) });
      const r = await provider.generate({ ...prompt, ...(o.signal ? { signal: o.signal } : {}) });
      if (!r.ok) {
        modelFailure = r.error;
        return undefined;
      }
      tokens.in += r.value.tokensIn;
      tokens.out += r.value.tokensOut;
      latencyMs += r.value.latencyMs;
      return r.value.text;
    };
    candidate = await ask();
    regenerate = (reasons) => ask(reasons.map((r) => r.detail));
  }

  const outcome = await guardWithFallback({ candidate, guard, ...(regenerate ? { regenerate } : {}), fallback: () => rendered.value.body });
  const { result } = outcome;
  if (outcome.path === 'fallback' && candidate !== undefined && !modelFailure) {
    modelFailure = { code: 'guard_refused', message: 'the model text did not pass the guard', retry: false, details: outcome.attempts.slice(0, -1).map((a) => a.reasons) };
  }
  if (!outcome.sendable) {
    return failure('message_rejected', `template ${template.key} fails the guard: ${result.reasons.map((r) => r.detail).join('; ')}`, false, { text: result.text, reasons: result.reasons });
  }
  return ok({
    text: result.text,
    ...(result.subject === undefined ? {} : { subject: result.subject }),
    source: outcome.path === 'fallback' ? 'template' : 'model',
    path: outcome.path,
    verdict: result.verdict,
    reasons: result.reasons,
    segments: result.segments,
    cost: estimateCost({ channel: template.channel, segments: result.segments.segments, ...(o.prices ? { prices: o.prices } : {}) }),
    templateKey: template.key,
    variant: rendered.value.variant,
    tokens,
    latencyMs,
    ...(modelFailure ? { modelFailure } : {}),
  });
}

/**
 * Writes the next message to one contact: what the outreach engine calls for a touch and the reply
 * handler calls for an answer. The model (if one is configured) personalises the template; the guard
 * decides; the template is sent when the model fails or is refused.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import { writeMessage, type WrittenMessage } from '../../adapters/llm/write-message.js';
import { communications, costs } from '../../db/schema/index.js';
import type { FactValue } from '../../domain/messages/build-fact-set.js';
import type { PromptHistoryEntry } from '../../domain/messages/build-prompt.js';
import { selectTemplate } from '../../domain/messages/select-template.js';
import { ObjectionTypeSchema, type Channel, type ResponseTo, type TemplateKind } from '../../domain/messages/template.js';
import { decryptNullable } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { AppServices } from '../app-services.js';
import { listTemplates } from './list-templates.js';
import { channelPricesFromConfig, llmProviderFromConfig } from './llm-from-config.js';
import { loadMessageContext } from './load-message-context.js';
import { toDomainTemplate } from './to-template.js';

export type ComposeMessageDeps = Pick<AppServices, 'db' | 'clock' | 'keyRing' | 'config'> & {
  /** The shared provider (its circuit breaker must be shared); built from config when absent. */
  llm?: LlmProvider;
};

export interface ComposeMessageOptions {
  locationId: string;
  contactId: string;
  channel: Channel;
  /** A template by key; otherwise the best active template for channel, kind, touch, reply and market. */
  templateKey?: string;
  kind?: TemplateKind;
  /** Sequence step, 1-based. */
  touch?: number;
  /** For a reply: what the owner said (intent or objection). */
  responseTo?: ResponseTo | 'already_agent';
  variant?: string;
  /** Picks the A/B variant stably; `${contactId}:${touch}` by default. */
  seed?: string;
  /** Last communications given to the model (default 6). */
  historyLimit?: number;
  /** True statements learned in the conversation (an asking price the owner gave). */
  extraFacts?: ReadonlyArray<FactValue | Readonly<Record<string, FactValue>>>;
  /** Email: the contact's one-click unsubscribe link. */
  unsubscribeUrl?: string;
  campaignId?: string;
  touchId?: string;
  signal?: AbortSignal;
}

export interface ComposedMessage extends WrittenMessage {
  channel: Channel;
  /** The provider that was asked (`template` when no model is configured). */
  provider: string;
  /** The `costs` row for the model call, when a model was called. */
  costId: string | null;
}

/**
 * @example
 * const r = await composeMessage(services, { locationId, contactId, channel: 'sms', kind: 'initial', touch: 1 });
 * if (r.ok) queueTouch(r.value.text, r.value.variant);
 */
export async function composeMessage(deps: ComposeMessageDeps, o: ComposeMessageOptions): Promise<Result<ComposedMessage, AppFailure>> {
  const llm = deps.llm ?? llmProviderFromConfig(deps.config);
  const ctx = await loadMessageContext(deps, { locationId: o.locationId, contactId: o.contactId, channel: o.channel });
  const all = (await listTemplates(deps, { locationId: o.locationId, query: { active: true } })).map(toDomainTemplate);
  const kind = o.kind ?? (o.responseTo ? 'response' : o.channel === 'voicemail' ? 'voicemail' : (o.touch ?? 1) > 1 ? 'follow_up' : 'initial');
  const template = o.templateKey
    ? all.find((t) => t.key === o.templateKey)
    : selectTemplate({ templates: all, channel: o.channel, kind, ...(o.touch === undefined ? {} : { touch: o.touch }), ...(o.responseTo ? { responseTo: o.responseTo } : {}), ...(ctx.market ? { market: ctx.market.key } : {}) });
  if (!template) {
    const what = o.templateKey ? `no active template ${o.templateKey}` : `no active ${o.channel} template for ${kind}${o.touch ? ` touch ${o.touch}` : ''}${o.responseTo ? ` (${o.responseTo})` : ''}`;
    return failure('template_not_found', what, false);
  }
  if (template.channel !== o.channel) return failure('template_channel_mismatch', `template ${template.key} is for ${template.channel}, not ${o.channel}`, false);

  const history = await recentHistory(deps, o.locationId, o.contactId, o.historyLimit ?? 6);
  const objection = ObjectionTypeSchema.safeParse(o.responseTo === 'already_agent' ? 'already_listed' : o.responseTo);
  const touch = o.touch ?? template.touch ?? 1;
  const written = await writeMessage({
    provider: llm,
    template,
    vars: { ...ctx.vars, ...(o.unsubscribeUrl ? { unsubscribe_url: o.unsubscribeUrl } : {}) },
    touch,
    history,
    ...(objection.success ? { objection: objection.data } : {}),
    seed: o.seed ?? `${o.contactId}:${touch}`,
    ...(o.variant ? { variant: o.variant } : {}),
    ...(o.extraFacts ? { extraFacts: o.extraFacts } : {}),
    prices: channelPricesFromConfig(deps.config),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  if (!written.ok) return written;
  const m = written.value;

  let costId: string | null = null;
  const tokens = m.tokens.in + m.tokens.out;
  if (llm.kind !== 'template' && (tokens > 0 || m.latencyMs > 0)) {
    const e = deps.config.env;
    const usd = (m.tokens.in * e.LLM_INPUT_PRICE_PER_MTOK_USD + m.tokens.out * e.LLM_OUTPUT_PRICE_PER_MTOK_USD) / 1e6;
    costId = newId();
    await deps.db.insert(costs).values({
      id: costId,
      locationId: o.locationId,
      kind: 'llm',
      amountUsd: usd.toFixed(5),
      units: String(tokens),
      unitLabel: 'tokens',
      contactId: o.contactId,
      campaignId: o.campaignId ?? null,
      touchId: o.touchId ?? null,
      meta: { model: llm.name, latencyMs: m.latencyMs, tokensIn: m.tokens.in, tokensOut: m.tokens.out, source: m.source, path: m.path, templateKey: m.templateKey, channel: o.channel },
      occurredAt: deps.clock.now(),
    });
  }
  return ok({ ...m, channel: o.channel, provider: llm.name, costId });
}

/** The last messages with this contact, oldest first, decrypted for the prompt. */
async function recentHistory(deps: Pick<AppServices, 'db' | 'keyRing'>, locationId: string, contactId: string, limit: number): Promise<PromptHistoryEntry[]> {
  if (limit <= 0) return [];
  const rows = await deps.db
    .select({ direction: communications.direction, bodyEnc: communications.bodyEnc })
    .from(communications)
    .where(and(eq(communications.locationId, locationId), eq(communications.contactId, contactId)))
    .orderBy(desc(communications.occurredAt), desc(communications.id))
    .limit(limit);
  return rows
    .reverse()
    .map((r) => ({ direction: r.direction, text: decryptNullable(deps.keyRing, r.bodyEnc) ?? '' }))
    .filter((h) => h.text !== '');
}

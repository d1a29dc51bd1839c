/**
 * Many campaign messages at once (the scheduler's batches). With the template engine (no model
 * configured) the whole batch costs a handful of queries: the variables of every contact, the location's
 * templates once, then rendering and the guard in memory — the same template choice, rendering and guard
 * as `composeMessage`. With a model configured each message goes through `composeMessage` (the model call
 * dominates; its cost is recorded per message).
 */
import pLimit from 'p-limit';
import type { LlmProvider } from '../../adapters/llm/interface.js';
import { writeMessage } from '../../adapters/llm/write-message.js';
import { selectTemplate } from '../../domain/messages/select-template.js';
import type { Channel } from '../../domain/messages/template.js';
import { failure, type AppFailure, type Result } from '../../lib/result.js';
import { composeMessage, type ComposeMessageDeps, type ComposedMessage } from './compose-message.js';
import { listTemplates } from './list-templates.js';
import { channelPricesFromConfig, llmProviderFromConfig } from './llm-from-config.js';
import { loadMessageVars } from './load-message-context.js';
import { toDomainTemplate } from './to-template.js';

export interface ComposeItem {
  contactId: string;
  channel: Channel;
  templateKey?: string | null;
  /** Sequence step, 1-based. */
  touch: number;
  variant?: string;
  campaignId?: string;
  touchId?: string;
  unsubscribeUrl?: string;
}

export async function composeMessages(deps: ComposeMessageDeps & { llm?: LlmProvider }, o: { locationId: string; items: readonly ComposeItem[]; concurrency?: number }): Promise<Array<Result<ComposedMessage, AppFailure>>> {
  const llm = deps.llm ?? llmProviderFromConfig(deps.config);
  if (llm.kind !== 'template') {
    const run = pLimit(o.concurrency ?? 4);
    return Promise.all(
      o.items.map((i) =>
        run(() =>
          composeMessage(
            { ...deps, llm },
            {
              locationId: o.locationId,
              contactId: i.contactId,
              channel: i.channel,
              ...(i.templateKey ? { templateKey: i.templateKey } : {}),
              touch: i.touch,
              ...(i.variant ? { variant: i.variant } : {}),
              ...(i.campaignId ? { campaignId: i.campaignId } : {}),
              ...(i.touchId ? { touchId: i.touchId } : {}),
              ...(i.unsubscribeUrl ? { unsubscribeUrl: i.unsubscribeUrl } : {}),
            },
          ),
        ),
      ),
    );
  }
  const templates = (await listTemplates(deps, { locationId: o.locationId, query: { active: true } })).map(toDomainTemplate);
  const varsByChannel = new Map<Channel, Awaited<ReturnType<typeof loadMessageVars>>>();
  for (const channel of new Set(o.items.map((i) => i.channel))) {
    varsByChannel.set(channel, await loadMessageVars(deps, { locationId: o.locationId, channel, contactIds: o.items.filter((i) => i.channel === channel).map((i) => i.contactId) }));
  }
  const prices = channelPricesFromConfig(deps.config);
  return Promise.all(
    o.items.map(async (i): Promise<Result<ComposedMessage, AppFailure>> => {
      const ctx = varsByChannel.get(i.channel)?.get(i.contactId);
      if (!ctx) return failure('contact_not_found', `contact ${i.contactId} not found`, false);
      const kind = i.channel === 'voicemail' ? 'voicemail' : i.touch > 1 ? 'follow_up' : 'initial';
      const template = i.templateKey
        ? templates.find((t) => t.key === i.templateKey)
        : selectTemplate({ templates, channel: i.channel, kind, touch: i.touch, ...(ctx.marketKey ? { market: ctx.marketKey } : {}) });
      if (!template) {
        return failure('template_not_found', i.templateKey ? `no active template ${i.templateKey}` : `no active ${i.channel} template for ${kind} touch ${i.touch}`, false);
      }
      if (template.channel !== i.channel) return failure('template_channel_mismatch', `template ${template.key} is for ${template.channel}, not ${i.channel}`, false);
      const written = await writeMessage({
        provider: llm,
        template,
        vars: { ...ctx.vars, ...(i.unsubscribeUrl ? { unsubscribe_url: i.unsubscribeUrl } : {}) },
        touch: i.touch,
        seed: `${i.contactId}:${i.touch}`,
        ...(i.variant ? { variant: i.variant } : {}),
        prices,
      });
      if (!written.ok) return written;
      return { ok: true, value: { ...written.value, channel: i.channel, provider: llm.name, costId: null } };
    }),
  );
}

import { renderTemplate } from '../../domain/messages/render-template.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { checkMessage } from './check-message.js';
import { getTemplate } from './get-template.js';
import { channelPricesFromConfig } from './llm-from-config.js';
import { loadMessageContext } from './load-message-context.js';
import type { MessageCheck, TemplatePreviewInput } from './template-schemas.js';
import { toDomainTemplate } from './to-template.js';

export interface PreviewTemplateOptions {
  locationId: string;
  key: string;
  input: TemplatePreviewInput;
}

/**
 * Renders a template for a real contact (values from the contact, its property and market, and the
 * location) and runs the guard on it, footer included: what the template step would send, with its
 * segments and price. A reject shows in `guard.verdict`; only a render that cannot happen (a variable
 * with no value and no fallback, an unknown variant) is an error.
 */
export async function previewTemplate(deps: Pick<AppServices, 'db' | 'config'>, options: PreviewTemplateOptions): Promise<MessageCheck> {
  const { locationId, key, input } = options;
  const stored = await getTemplate(deps, { locationId, key });
  const template = toDomainTemplate(stored);
  const ctx = await loadMessageContext(deps, { locationId, contactId: input.contactId, channel: template.channel });
  const vars = { ...ctx.vars, ...(input.unsubscribeUrl ? { unsubscribe_url: input.unsubscribeUrl } : {}) };
  const r = renderTemplate({ template, vars, ...(input.variant ? { variant: input.variant } : {}), seed: `${ctx.contact.id}:${input.touch ?? template.touch ?? 1}` });
  if (!r.ok) {
    const path = r.error.code === 'unknown_variant' ? 'variant' : r.error.code === 'missing_variable' ? 'contactId' : 'body';
    throw new AppError(ErrorCode.ValidationFailed, `cannot render ${key} for this contact: ${r.error.message}`, { issues: [{ path, message: r.error.message }], ...r.error });
  }
  const touch = input.touch ?? template.touch;
  return checkMessage({
    channel: template.channel,
    kind: template.kind,
    ...(touch === undefined ? {} : { touch }),
    text: r.value.body,
    ...(r.value.subject === undefined ? {} : { subject: r.value.subject }),
    vars,
    template,
    variant: r.value.variant,
    prices: channelPricesFromConfig(deps.config),
  });
}

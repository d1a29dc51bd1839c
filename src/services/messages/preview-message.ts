import type { AppServices } from '../app-services.js';
import { getLocation } from '../locations/get-location.js';
import { checkMessage } from './check-message.js';
import { channelPricesFromConfig } from './llm-from-config.js';
import { loadMessageContext, locationVars } from './load-message-context.js';
import type { MessageCheck, MessagePreviewInput } from './template-schemas.js';

export interface PreviewMessageOptions {
  locationId: string;
  input: MessagePreviewInput;
}

/**
 * Checks a text a person typed (a reply from the inbox) with the same guard as generated messages: its
 * verdict, segments and price before it is sent. With a contact, that contact's record values are facts
 * the text may state; without one, only the location's.
 */
export async function previewMessage(deps: Pick<AppServices, 'db' | 'config'>, options: PreviewMessageOptions): Promise<MessageCheck> {
  const { locationId, input } = options;
  const vars = input.contactId
    ? (await loadMessageContext(deps, { locationId, contactId: input.contactId, channel: input.channel })).vars
    : locationVars(await getLocation(deps, { locationId }));
  return checkMessage({
    channel: input.channel,
    kind: input.kind,
    ...(input.touch === undefined ? {} : { touch: input.touch }),
    text: input.body,
    ...(input.subject === undefined ? {} : { subject: input.subject }),
    vars,
    variant: null,
    prices: channelPricesFromConfig(deps.config),
  });
}

import { communications } from '../../db/schema/index.js';
import { encryptNullable } from '../../lib/crypto.js';
import { newId } from '../../lib/ids.js';
import type { ServiceDeps } from '../app-services.js';
import type { Communication } from './communication-schemas.js';
import { toCommunication } from './to-communication.js';

export interface RecordCommunicationOptions {
  locationId: string;
  contactId: string;
  direction: 'inbound' | 'outbound';
  channel: 'sms' | 'email' | 'voicemail' | 'voice';
  body: string | null;
  subject?: string | null;
  fromAddress?: string | null;
  toAddress?: string | null;
  campaignId?: string | null;
  touchId?: string | null;
  author?: string | null;
  provider?: string | null;
  providerMessageId?: string | null;
  status?: string | null;
  occurredAt?: Date;
}

/** Logs a message in or out; the body is encrypted before it reaches the database. */
export async function recordCommunication(deps: Pick<ServiceDeps, 'db' | 'clock' | 'keyRing'>, options: RecordCommunicationOptions): Promise<Communication> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(communications)
    .values({
      id: newId(),
      locationId: options.locationId,
      contactId: options.contactId,
      campaignId: options.campaignId ?? null,
      touchId: options.touchId ?? null,
      direction: options.direction,
      channel: options.channel,
      fromAddress: options.fromAddress ?? null,
      toAddress: options.toAddress ?? null,
      subject: options.subject ?? null,
      bodyEnc: encryptNullable(deps.keyRing, options.body),
      author: options.author ?? null,
      provider: options.provider ?? null,
      providerMessageId: options.providerMessageId ?? null,
      status: options.status ?? null,
      occurredAt: options.occurredAt ?? now,
      createdAt: now,
    })
    .returning();
  return toCommunication(deps.keyRing, row!);
}

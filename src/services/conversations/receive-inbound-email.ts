/**
 * An email reply, from the webhook or the IMAP poller: find its conversation — first by the signed
 * per-conversation reply address (`reply+<token>@EMAIL_REPLY_DOMAIN`, which proves the contact without
 * trusting From), then by the sender's address among the contacts' emails, else a new lead (only when
 * there is one location to put it in) — and store it through receiveInbound.
 */
import { eq } from 'drizzle-orm';
import { parseReplyAddress } from '../../adapters/email/reply-address.js';
import { contactPoints, contacts, locations } from '../../db/schema/index.js';
import { sha256Hex, verifyToken } from '../../lib/crypto.js';
import type { AppServices } from '../app-services.js';
import { conversationLlm } from './conversation-llm.js';
import { conversationSettingsFor } from './conversation-settings.js';
import { parseInboundEmail } from './parse-inbound-email.js';
import { receiveInbound, type ReceivedInbound } from './receive-inbound.js';

export type ReceiveInboundEmailResult = ({ routed: true } & ReceivedInbound) | { routed: false; reason: string };

/** The contact id of a reply-address token made by replyToFor (`<32 hex>_<mac>`), or undefined if forged. */
export function contactIdFromReplyToken(services: Pick<AppServices, 'keyRing'>, token: string): string | undefined {
  if (!/^[0-9a-f]{32}_/.test(token)) return undefined;
  const value = verifyToken(services.keyRing, 'reply', `${token.slice(0, 32)}.${token.slice(33)}`);
  if (!value) return undefined;
  return `${value.slice(0, 8)}-${value.slice(8, 12)}-${value.slice(12, 16)}-${value.slice(16, 20)}-${value.slice(20)}`;
}

export async function receiveInboundEmail(services: AppServices, o: { raw: Buffer | string }): Promise<ReceiveInboundEmailResult> {
  const mail = await parseInboundEmail(o.raw);
  if (!mail.from) return { routed: false, reason: 'no From address' };
  const domain = services.config.env.EMAIL_REPLY_DOMAIN;
  let contactId: string | undefined;
  for (const r of mail.recipients) {
    const token = parseReplyAddress(r, domain);
    if (token) contactId = contactIdFromReplyToken(services, token);
    if (contactId) break;
  }
  let locationId: string | undefined;
  if (contactId) {
    const [c] = await services.db.select({ locationId: contacts.locationId }).from(contacts).where(eq(contacts.id, contactId)).limit(1);
    locationId = c?.locationId;
    if (!locationId) contactId = undefined;
  }
  if (!locationId) {
    const [p] = await services.db.select({ locationId: contactPoints.locationId, contactId: contactPoints.contactId }).from(contactPoints).where(eq(contactPoints.value, mail.from)).limit(1);
    if (p) ({ locationId, contactId } = p);
  }
  if (!locationId) {
    const all = await services.db.select({ id: locations.id }).from(locations).limit(2);
    if (all.length !== 1) return { routed: false, reason: 'unknown sender and no single location to file a new lead under' };
    locationId = all[0]!.id;
  }
  if (!mail.text && !mail.subject) return { routed: false, reason: 'empty message' };
  // No Message-ID (rare, broken clients): the content identifies the delivery.
  const messageId = mail.messageId || `sha256:${sha256Hex(typeof o.raw === 'string' ? o.raw : o.raw.toString('latin1'))}`;
  const [loc] = await services.db.select({ settings: locations.settings }).from(locations).where(eq(locations.id, locationId)).limit(1);
  const received = await receiveInbound(services, {
    locationId,
    channel: 'email',
    // One provider name for the webhook and IMAP, so the same mail through both is stored once.
    provider: 'email',
    providerMessageId: messageId,
    from: mail.from,
    to: mail.recipients[0] ?? null,
    body: mail.text || mail.subject || '',
    subject: mail.subject,
    contactId: contactId ?? null,
    fromName: mail.fromName,
  }, { decide: { settings: conversationSettingsFor(loc?.settings, services.config), llm: conversationLlm(services) } });
  return { routed: true, ...received };
}

/**
 * The bot's answer to a question or an objection (seed 000 Auto-Reply, seed 003 rebuttal): written by
 * composeMessage (the model with the conversation as context when one is configured, the response
 * template otherwise; the guard either way), kept to 2–3 sentences, and sent through sendMessageNow —
 * a recorded compliance decision, and an idempotency key from the inbound message so a redelivered
 * webhook or a retried job never answers twice. Never while a person has taken over.
 */
import type { ResponseTo } from '../../domain/messages/template.js';
import type { AppServices } from '../app-services.js';
import { composeMessage } from '../messages/compose-message.js';
import { sendMessageNow, type SendMessageNowResult } from '../outreach/send-message-now.js';
import { conversationLlm } from './conversation-llm.js';

export interface SendAutoReplyOptions {
  locationId: string;
  contactId: string;
  /** The inbound message answered (its id keys the send). */
  communicationId: string;
  channel: 'sms' | 'email';
  /** The address that wrote (the reply goes back to that number or mailbox). */
  replyTo: string;
  responseTo: ResponseTo;
  /** `informational` for an answer about who we are; `marketing` for a rebuttal that keeps selling. */
  purpose: 'informational' | 'marketing';
  inboundSubject?: string | null;
}

export type SendAutoReplyResult =
  | { sent: true; text: string; author: 'model' | 'template'; send: SendMessageNowResult }
  | { sent: false; reason: string; text?: string; send?: SendMessageNowResult };

/** At most three sentences: a model that runs on is cut at the third sentence end. */
export function limitSentences(text: string, max = 3): string {
  const parts = text.trim().match(/[^.!?]+(?:[.!?]+["')\]]*|$)\s*/g);
  if (!parts || parts.length <= max) return text.trim();
  return parts.slice(0, max).join('').trim();
}

export async function sendAutoReply(services: AppServices, o: SendAutoReplyOptions): Promise<SendAutoReplyResult> {
  const composed = await composeMessage({ ...services, llm: conversationLlm(services) }, {
    locationId: o.locationId,
    contactId: o.contactId,
    channel: o.channel,
    responseTo: o.responseTo,
    seed: o.communicationId,
    historyLimit: 8,
  });
  if (!composed.ok) return { sent: false, reason: `compose: ${composed.error.code}: ${composed.error.message}` };
  const m = composed.value;
  if (m.verdict === 'reject') return { sent: false, reason: `guard blocked: ${m.reasons.map((r) => r.code).join(', ')}`, text: m.text };
  const text = m.source === 'model' ? limitSentences(m.text) : m.text;
  const subject = o.channel === 'email' ? (o.inboundSubject ? (/^re:/i.test(o.inboundSubject) ? o.inboundSubject : `Re: ${o.inboundSubject}`) : (m.subject ?? 'Re: your property')) : null;
  const send = await sendMessageNow(services, {
    locationId: o.locationId,
    contactId: o.contactId,
    channel: o.channel,
    body: text,
    subject,
    purpose: o.purpose,
    initiation: 'automated',
    author: m.source,
    to: o.replyTo,
    idempotencyKey: `auto-reply:${o.communicationId}`,
  });
  if (send.status === 'blocked' || send.status === 'failed') return { sent: false, reason: `${send.status}: ${send.decision.reasons.filter((r) => r.effect === 'block').map((r) => r.rule).join(', ') || send.error?.code || ''}`, text, send };
  return { sent: true, text, author: m.source, send };
}

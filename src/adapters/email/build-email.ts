import type { EmailSendRequestSchema } from './interface.js';
import type { z } from 'zod';
import { domainOf, messageIdFor } from './message-id.js';

type ParsedEmail = z.output<typeof EmailSendRequestSchema>;

export interface BuiltEmail {
  messageId: string;
  text: string;
  html?: string;
  /** Headers to add besides From/To/Reply-To/Subject/Message-ID. */
  headers: Record<string, string>;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mailtoOf(v: string): string {
  return v.toLowerCase().startsWith('mailto:') ? v : `mailto:${v}`;
}

/**
 * What every channel sends for a request: the footer appended to the bodies, the Message-ID derived
 * from the idempotency key, and the RFC 8058 headers (https URL first, mailto second).
 */
export function buildEmail(m: ParsedEmail, messageIdDomain?: string): BuiltEmail {
  const domain = messageIdDomain ?? domainOf(m.from) ?? 'curb.invalid';
  const unsubscribe = [`<${m.listUnsubscribeUrl}>`, ...(m.listUnsubscribeMailto ? [`<${mailtoOf(m.listUnsubscribeMailto)}>`] : [])].join(', ');
  return {
    messageId: messageIdFor(m.idempotencyKey, domain),
    text: `${m.text.trimEnd()}\n\n--\n${m.postalFooter.trim()}\n`,
    ...(m.html ? { html: `${m.html}\n<hr><p style="font-size:12px;color:#666">${escapeHtml(m.postalFooter.trim()).replace(/\n/g, '<br>')}</p>` } : {}),
    headers: { ...m.headers, 'List-Unsubscribe': unsubscribe, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { EmailFailureCode, EmailSendRequestSchema, type EmailChannel, type EmailSendRequest, type EmailSendResult } from '../email/interface.js';
import type { GhlClient } from './interface.js';
import { checkGhlDnd } from './check-dnd.js';
import { mapGhlFailure } from './map-channel-failure.js';
import type { GhlContactResolver } from './resolve-contact.js';
import { ghlWorkflowTouchId } from './create-ghl-sms-channel.js';
import { withGhlContact } from './with-contact.js';

export interface CreateGhlEmailChannelOptions {
  client: GhlClient;
  contacts: GhlContactResolver;
  /** Workflow mode: enrol the contact in this workflow (`SDR_WORKFLOW_EMAIL_1`) instead of sending Curb's email. */
  workflowId?: string | undefined;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The CAN-SPAM footer in the body. HighLevel's send API takes no custom headers, so the RFC 8058
 * List-Unsubscribe header cannot be set from here; the unsubscribe link goes in the body next to the
 * postal address (and HighLevel adds its own unsubscribe handling for the location's email service).
 */
function withFooter(m: { text: string; html?: string | undefined; postalFooter: string; listUnsubscribeUrl: string }): { text: string; html: string } {
  const text = `${m.text.trimEnd()}\n\n--\n${m.postalFooter.trim()}\nUnsubscribe: ${m.listUnsubscribeUrl}\n`;
  const body = m.html ?? `<p>${escapeHtml(m.text.trim()).replace(/\n{2,}/g, '</p><p>').replace(/\n/g, '<br>')}</p>`;
  const footer = `<hr><p style="font-size:12px;color:#666">${escapeHtml(m.postalFooter.trim()).replace(/\n/g, '<br>')}<br><a href="${escapeHtml(m.listUnsubscribeUrl)}">Unsubscribe</a></p>`;
  return { text, html: `${body}${footer}` };
}

/**
 * Email through GoHighLevel conversations (`POST /conversations/messages`, type Email) to the contact that
 * owns the address. Replies land in the HighLevel conversation and come back as InboundMessage webhooks,
 * so `replyTo` is not passed on. The provider id is HighLevel's `emailMessageId` (its `messageId` when absent).
 */
export function createGhlEmailChannel(o: CreateGhlEmailChannelOptions): EmailChannel {
  return {
    name: 'ghl',
    async send(msg: EmailSendRequest): Promise<Result<EmailSendResult, AppFailure>> {
      const parsed = EmailSendRequestSchema.safeParse(msg);
      if (!parsed.success) return failure(EmailFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const m = parsed.data;
      const to = m.to.toLowerCase();
      const r = await withGhlContact(o.contacts, { email: to }, async (contactId): Promise<Result<EmailSendResult, AppFailure>> => {
        if (o.workflowId) {
          const dnd = await checkGhlDnd(o.client, contactId, 'Email');
          if (!dnd.ok) return dnd;
          const wf = await o.client.addToWorkflow({ contactId, workflowId: o.workflowId });
          return wf.ok ? ok({ providerMessageId: ghlWorkflowTouchId(o.workflowId, contactId, m.idempotencyKey) }) : wf;
        }
        const { text, html } = withFooter(m);
        const sent = await o.client.sendEmail({ contactId, subject: m.subject, text, html, emailFrom: m.from, emailTo: to });
        return sent.ok ? ok({ providerMessageId: sent.value.emailMessageId ?? sent.value.messageId }) : sent;
      });
      return r.ok ? r : { ok: false, error: mapGhlFailure(r.error, 'email') };
    },
  };
}

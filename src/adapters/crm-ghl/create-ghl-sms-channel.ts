import { countSegments } from '../../domain/messages/count-segments.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { SmsFailureCode, SmsSendRequestSchema, type SmsChannel, type SmsSendRequest, type SmsSendResult } from '../sms/interface.js';
import type { GhlClient } from './interface.js';
import { checkGhlDnd } from './check-dnd.js';
import { mapGhlFailure } from './map-channel-failure.js';
import type { GhlContactResolver } from './resolve-contact.js';
import { withGhlContact } from './with-contact.js';

export interface CreateGhlSmsChannelOptions {
  client: GhlClient;
  contacts: GhlContactResolver;
  /**
   * Workflow mode (`GHL_SEND_MODE=workflow`): instead of sending Curb's text, enrol the contact in this
   * workflow (`SDR_WORKFLOW_SMS_1`), whose own SMS action sends HighLevel's text.
   */
  workflowId?: string | undefined;
}

/** The provider id of a workflow-based touch: no message id exists until the workflow runs. */
export function ghlWorkflowTouchId(workflowId: string, contactId: string, idempotencyKey: string): string {
  return `ghl-workflow:${workflowId}:${contactId}:${idempotencyKey}`;
}

/**
 * SMS through GoHighLevel conversations (`POST /conversations/messages`, type SMS) to the contact that
 * owns the number, found or created on first use. The text goes out from `from` when given (a number of
 * the location), else from the location's default number. GoHighLevel's DND answer is `recipient_opted_out`.
 *
 * @example
 * const sms = createGhlSmsChannel({ client: ghl, contacts: createGhlContactResolver({ client: ghl, clock }) });
 * await sms.send({ to: '+14075550123', body: 'Hi Ann…', idempotencyKey: 'c1:SMS_1:2026-01-05' });
 */
export function createGhlSmsChannel(o: CreateGhlSmsChannelOptions): SmsChannel {
  return {
    name: 'ghl',
    async send(msg: SmsSendRequest): Promise<Result<SmsSendResult, AppFailure>> {
      const parsed = SmsSendRequestSchema.safeParse(msg);
      if (!parsed.success) return failure(SmsFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const m = parsed.data;
      const from = m.from ?? 'ghl:location-default';
      const r = await withGhlContact(o.contacts, { phone: m.to }, async (contactId): Promise<Result<SmsSendResult, AppFailure>> => {
        if (o.workflowId) {
          const dnd = await checkGhlDnd(o.client, contactId, 'SMS');
          if (!dnd.ok) return dnd;
          const wf = await o.client.addToWorkflow({ contactId, workflowId: o.workflowId });
          return wf.ok ? ok({ providerMessageId: ghlWorkflowTouchId(o.workflowId, contactId, m.idempotencyKey), from, status: 'queued' }) : wf;
        }
        const sent = await o.client.sendSms({ contactId, message: m.body, toNumber: m.to, ...(m.from ? { fromNumber: m.from } : {}) });
        if (!sent.ok) return sent;
        return ok({ providerMessageId: sent.value.messageId, from, status: 'queued', segments: countSegments(m.body).segments });
      });
      return r.ok ? r : { ok: false, error: mapGhlFailure(r.error, 'sms') };
    },
    // Crash recovery (message mode only): HighLevel has no idempotency key, but it lists a contact's
    // conversation messages, so a send whose answer was lost is found by its text and time. A workflow
    // enrolment sends HighLevel's own text, which Curb cannot match: no findSent there (it stays in
    // `sending` until a person looks, rather than risk a second workflow run).
    ...(o.workflowId
      ? {}
      : {
          async findSent(q: { to: string; body: string; since: Date }): Promise<Result<SmsSendResult | null, AppFailure>> {
            const contact = await o.client.findContact({ phone: q.to });
            if (!contact.ok) return { ok: false, error: mapGhlFailure(contact.error, 'sms') };
            if (!contact.value) return ok(null);
            const list = await o.client.listContactMessages({ contactId: contact.value.id, since: q.since });
            if (!list.ok) return { ok: false, error: mapGhlFailure(list.error, 'sms') };
            const match = list.value.find((m) => m.messageType === 'SMS' && m.direction === 'outbound' && m.body === q.body);
            if (!match) return ok(null);
            return ok({ providerMessageId: match.id, from: 'ghl:location-default', status: 'queued', segments: countSegments(q.body).segments });
          },
        }),
  };
}

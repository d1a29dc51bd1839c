import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { SmsFailureCode } from '../sms/interface.js';
import { VoicemailDropRequestSchema, type VoicemailChannel, type VoicemailDropRequest, type VoicemailDropResult } from '../voice/interface.js';
import type { GhlClient } from './interface.js';
import { checkGhlDnd } from './check-dnd.js';
import { mapGhlFailure } from './map-channel-failure.js';
import type { GhlContactResolver } from './resolve-contact.js';
import { ghlWorkflowTouchId } from './create-ghl-sms-channel.js';
import { withGhlContact } from './with-contact.js';

export interface CreateGhlVoicemailChannelOptions {
  client: GhlClient;
  contacts: GhlContactResolver;
  /** `SDR_WORKFLOW_VOICEMAIL_DROP`: a workflow whose action drops the (ringless) voicemail. */
  workflowId: string;
}

/**
 * A voicemail drop through GoHighLevel: the contact that owns the number is enrolled in the voicemail
 * workflow, whose own action holds the recording. The request's `recordingUrl` / `script` are therefore
 * not used (the workflow decides what plays); `from` and `statusCallbackUrl` neither. A contact with Call
 * (or global) DND in HighLevel is `recipient_opted_out` before any enrolment. An enrolment is
 * never resent after an ambiguous failure, so one touch is at most one drop.
 */
export function createGhlVoicemailChannel(o: CreateGhlVoicemailChannelOptions): VoicemailChannel {
  return {
    name: 'ghl',
    async drop(req: VoicemailDropRequest): Promise<Result<VoicemailDropResult, AppFailure>> {
      const parsed = VoicemailDropRequestSchema.safeParse(req);
      if (!parsed.success) return failure(SmsFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const m = parsed.data;
      const r = await withGhlContact(o.contacts, { phone: m.to }, async (contactId): Promise<Result<VoicemailDropResult, AppFailure>> => {
        const dnd = await checkGhlDnd(o.client, contactId, 'Call');
        if (!dnd.ok) return dnd;
        const wf = await o.client.addToWorkflow({ contactId, workflowId: o.workflowId });
        return wf.ok ? ok({ providerCallId: ghlWorkflowTouchId(o.workflowId, contactId, m.idempotencyKey) }) : wf;
      });
      return r.ok ? r : { ok: false, error: mapGhlFailure(r.error, 'voice') };
    },
  };
}

import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { SmsFailureCode } from '../sms/interface.js';
import type { OutboxStore } from '../sms/outbox-store.js';
import { pickSender } from '../sms/pick-sender.js';
import { sandboxProviderId } from '../sms/sandbox-id.js';
import { buildVoicemailTwiml } from './build-voicemail-twiml.js';
import { VoicemailDropRequestSchema, type VoicemailChannel, type VoicemailDropRequest, type VoicemailDropResult } from './interface.js';

export interface SandboxVoicemailOptions {
  outbox: OutboxStore;
  clock: Clock;
  numbers?: readonly string[];
}

/** The default voicemail channel: records the drop (and the TwiML Twilio would run) in the outbox. */
export function createSandboxVoicemailChannel(o: SandboxVoicemailOptions): VoicemailChannel {
  const pool = o.numbers && o.numbers.length > 0 ? o.numbers : ['+15555550100'];
  return {
    name: 'sandbox',
    async drop(req: VoicemailDropRequest): Promise<Result<VoicemailDropResult, AppFailure>> {
      const parsed = VoicemailDropRequestSchema.safeParse(req);
      if (!parsed.success) return failure(SmsFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const r = parsed.data;
      const { entry } = await o.outbox.put({
        channel: 'voice',
        idempotencyKey: r.idempotencyKey,
        providerId: sandboxProviderId('voice', r.idempotencyKey),
        to: r.to,
        from: r.from ?? pickSender(pool, r.to),
        createdAt: o.clock.now(),
        payload: { ...(r.recordingUrl ? { recordingUrl: r.recordingUrl } : {}), ...(r.script ? { script: r.script } : {}), twiml: buildVoicemailTwiml(r) },
      });
      return ok({ providerCallId: entry.providerId });
    },
  };
}

import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { SmsFailureCode } from '../sms/interface.js';
import { pickSender } from '../sms/pick-sender.js';
import { callTwilio, createTwilioBreaker, type TwilioReliabilityOptions } from '../sms/twilio-call.js';
import { createTwilioClient, type CreateTwilioClientOptions, type TwilioClient } from '../sms/twilio-client.js';
import { buildVoicemailTwiml } from './build-voicemail-twiml.js';
import { VoicemailDropRequestSchema, type VoicemailChannel, type VoicemailDropRequest, type VoicemailDropResult } from './interface.js';

export type TwilioVoicemailOptions = TwilioReliabilityOptions &
  (CreateTwilioClientOptions | { client: TwilioClient }) & {
    /** Caller-id numbers (voice-capable); each owner keeps a sticky one, as with SMS. */
    numbers: readonly string[];
    /** Text-to-speech voice for scripts. */
    voice?: string;
  };

/**
 * Voicemail drops as Twilio calls with inline TwiML and answering-machine detection
 * (`DetectMessageEnd`). Share `breaker` with the SMS channel of the same account.
 *
 * @example
 * const vm = createTwilioVoicemailChannel({ accountSid, authToken, numbers: pool, clock: systemClock });
 * await vm.drop({ to: '+13215550123', recordingUrl: 'https://cdn.example/vm1.mp3', idempotencyKey });
 */
export function createTwilioVoicemailChannel(o: TwilioVoicemailOptions): VoicemailChannel {
  if (o.numbers.length === 0) throw new Error('createTwilioVoicemailChannel: the caller-id number pool is empty');
  const client = 'client' in o ? o.client : createTwilioClient(o);
  const breaker = o.breaker ?? createTwilioBreaker({ clock: o.clock, name: 'voice:twilio', ...(o.onCircuitStateChange ? { onCircuitStateChange: o.onCircuitStateChange } : {}) });
  return {
    name: 'twilio',
    async drop(req: VoicemailDropRequest): Promise<Result<VoicemailDropResult, AppFailure>> {
      const parsed = VoicemailDropRequestSchema.safeParse(req);
      if (!parsed.success) return failure(SmsFailureCode.InvalidRequest, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), false);
      const r0 = parsed.data;
      const twiml = buildVoicemailTwiml({ ...(r0.recordingUrl ? { recordingUrl: r0.recordingUrl } : {}), ...(r0.script ? { script: r0.script } : {}), ...(o.voice ? { voice: o.voice } : {}) });
      const r = await callTwilio({ ...o, breaker }, () =>
        client.calls.create({
          to: r0.to,
          from: r0.from ?? pickSender(o.numbers, r0.to),
          twiml,
          machineDetection: 'DetectMessageEnd',
          ...(r0.statusCallbackUrl ? { statusCallback: r0.statusCallbackUrl } : {}),
        }),
      );
      return r.ok ? ok({ providerCallId: r.value.sid }) : r;
    },
  };
}

import type { CircuitBreaker } from '../../lib/circuit-breaker.js';
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { parseFromNumbers, type SmsChannelSettings } from '../sms/create-sms-channel.js';
import type { OutboxStore } from '../sms/outbox-store.js';
import type { TwilioClient } from '../sms/twilio-client.js';
import { connectGhl, type GhlConnection } from '../crm-ghl/connect-ghl.js';
import { createGhlVoicemailChannel } from '../crm-ghl/create-ghl-voicemail-channel.js';
import type { VoicemailChannel } from './interface.js';
import { createSandboxVoicemailChannel } from './sandbox.js';
import { createTwilioVoicemailChannel } from './twilio.js';

export interface CreateVoicemailChannelOptions {
  /** Voicemail follows the SMS provider: the same Twilio account places the calls. */
  settings: SmsChannelSettings;
  outbox: OutboxStore;
  clock: Clock;
  twilioClient?: TwilioClient;
  /** Share the SMS channel's breaker: one provider, one health. */
  breaker?: CircuitBreaker;
  /** A GoHighLevel sub-account connection (e.g. a Curb location's own); default: from the GHL_* settings. */
  ghl?: GhlConnection;
}

/** The one place the voicemail provider is chosen from config. */
export function createVoicemailChannel(o: CreateVoicemailChannelOptions): Result<VoicemailChannel, AppFailure> {
  const s = o.settings;
  const numbers = parseFromNumbers(s.TWILIO_FROM_NUMBERS);
  switch (s.SMS_PROVIDER) {
    case 'sandbox':
      return ok(createSandboxVoicemailChannel({ outbox: o.outbox, clock: o.clock, numbers }));
    case 'twilio': {
      if (!s.TWILIO_ACCOUNT_SID || !s.TWILIO_AUTH_TOKEN) return failure('config_missing', 'voicemail via Twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN', false);
      if (numbers.length === 0) return failure('config_missing', 'voicemail via Twilio needs TWILIO_FROM_NUMBERS (voice-capable caller ids)', false);
      const common = { numbers, clock: o.clock, ...(o.breaker ? { breaker: o.breaker } : {}) };
      return ok(
        o.twilioClient
          ? createTwilioVoicemailChannel({ client: o.twilioClient, ...common })
          : createTwilioVoicemailChannel({ accountSid: s.TWILIO_ACCOUNT_SID, authToken: s.TWILIO_AUTH_TOKEN, ...(s.TWILIO_API_BASE_URL ? { apiBaseUrl: s.TWILIO_API_BASE_URL } : {}), ...common }),
      );
    }
    case 'ghl': {
      if (!s.SDR_WORKFLOW_VOICEMAIL_DROP) return failure('config_missing', 'voicemail via GoHighLevel needs SDR_WORKFLOW_VOICEMAIL_DROP (the voicemail-drop workflow id)', false);
      const ghl = o.ghl ? ok(o.ghl) : connectGhl({ settings: s, clock: o.clock });
      if (!ghl.ok) return failure(ghl.error.code, `voicemail via GoHighLevel: ${ghl.error.message}`, false);
      return ok(createGhlVoicemailChannel({ client: ghl.value.client, contacts: ghl.value.contacts, workflowId: s.SDR_WORKFLOW_VOICEMAIL_DROP }));
    }
    default: {
      const never: never = s.SMS_PROVIDER;
      return failure('config_invalid', `unknown SMS_PROVIDER ${String(never)}`, false);
    }
  }
}

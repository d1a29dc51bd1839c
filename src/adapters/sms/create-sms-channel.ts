import type { CircuitStateChange } from '../../lib/circuit-breaker.js';
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { connectGhl, type GhlConnection, type GhlSettings } from '../crm-ghl/connect-ghl.js';
import { createGhlSmsChannel } from '../crm-ghl/create-ghl-sms-channel.js';
import type { SmsChannel } from './interface.js';
import type { OutboxStore } from './outbox-store.js';
import { createSandboxSmsChannel } from './sandbox.js';
import { createTwilioSmsChannel } from './twilio.js';
import type { TwilioClient } from './twilio-client.js';

/** The settings `createSmsChannel` reads, as parsed by `src/config/env.ts`. */
export interface SmsChannelSettings extends GhlSettings {
  SMS_PROVIDER: 'sandbox' | 'twilio' | 'ghl';
  TWILIO_ACCOUNT_SID?: string | undefined;
  TWILIO_AUTH_TOKEN?: string | undefined;
  TWILIO_MESSAGING_SERVICE_SID?: string | undefined;
  TWILIO_FROM_NUMBERS?: string | undefined;
  TWILIO_API_BASE_URL?: string | undefined;
}

export interface CreateSmsChannelOptions {
  settings: SmsChannelSettings;
  outbox: OutboxStore;
  clock: Clock;
  /** A shared Twilio client (e.g. the one the voice channel uses). */
  twilioClient?: TwilioClient;
  /** A GoHighLevel sub-account connection (e.g. a Curb location's own); default: from the GHL_* settings. */
  ghl?: GhlConnection;
  onCircuitStateChange?: (change: CircuitStateChange) => void;
}

/** `TWILIO_FROM_NUMBERS` as a list. */
export function parseFromNumbers(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * The one place the SMS provider is chosen from config. A missing credential is a failure naming the
 * variable, so boot can report it.
 */
export function createSmsChannel(o: CreateSmsChannelOptions): Result<SmsChannel, AppFailure> {
  const s = o.settings;
  switch (s.SMS_PROVIDER) {
    case 'sandbox':
      return ok(createSandboxSmsChannel({ outbox: o.outbox, clock: o.clock, fromNumbers: parseFromNumbers(s.TWILIO_FROM_NUMBERS) }));
    case 'twilio': {
      if (!s.TWILIO_ACCOUNT_SID || !s.TWILIO_AUTH_TOKEN) return failure('config_missing', 'SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN', false);
      const numbers = parseFromNumbers(s.TWILIO_FROM_NUMBERS);
      const sender = s.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: s.TWILIO_MESSAGING_SERVICE_SID } : { numbers };
      if (!s.TWILIO_MESSAGING_SERVICE_SID && numbers.length === 0) return failure('config_missing', 'SMS_PROVIDER=twilio needs TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBERS', false);
      const common = { sender, clock: o.clock, ...(o.onCircuitStateChange ? { onCircuitStateChange: o.onCircuitStateChange } : {}) };
      return ok(
        o.twilioClient
          ? createTwilioSmsChannel({ client: o.twilioClient, ...common })
          : createTwilioSmsChannel({ accountSid: s.TWILIO_ACCOUNT_SID, authToken: s.TWILIO_AUTH_TOKEN, ...(s.TWILIO_API_BASE_URL ? { apiBaseUrl: s.TWILIO_API_BASE_URL } : {}), ...common }),
      );
    }
    case 'ghl': {
      const ghl = o.ghl ? ok(o.ghl) : connectGhl({ settings: s, clock: o.clock, ...(o.onCircuitStateChange ? { onCircuitStateChange: o.onCircuitStateChange } : {}) });
      if (!ghl.ok) return failure(ghl.error.code, `SMS_PROVIDER=ghl: ${ghl.error.message}`, false);
      if (s.GHL_SEND_MODE === 'workflow' && !s.SDR_WORKFLOW_SMS_1) return failure('config_missing', 'GHL_SEND_MODE=workflow needs SDR_WORKFLOW_SMS_1', false);
      const workflowId = s.GHL_SEND_MODE === 'workflow' ? s.SDR_WORKFLOW_SMS_1 : undefined;
      return ok(createGhlSmsChannel({ client: ghl.value.client, contacts: ghl.value.contacts, workflowId }));
    }
    default: {
      const never: never = s.SMS_PROVIDER;
      return failure('config_invalid', `unknown SMS_PROVIDER ${String(never)}`, false);
    }
  }
}

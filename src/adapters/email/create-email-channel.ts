import type { CircuitStateChange } from '../../lib/circuit-breaker.js';
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { OutboxStore } from '../sms/outbox-store.js';
import type { EmailChannel } from './interface.js';
import { createSandboxEmailChannel } from './sandbox.js';
import { createSmtpEmailChannel } from './smtp.js';

export interface EmailChannelSettings {
  EMAIL_PROVIDER: 'sandbox' | 'smtp' | 'ghl';
  SMTP_URL?: string | undefined;
}

export interface CreateEmailChannelOptions {
  settings: EmailChannelSettings;
  outbox: OutboxStore;
  clock: Clock;
  messageIdDomain?: string;
  onCircuitStateChange?: (change: CircuitStateChange) => void;
}

/** The one place the email provider is chosen from config. */
export function createEmailChannel(o: CreateEmailChannelOptions): Result<EmailChannel & { close?: () => void }, AppFailure> {
  const s = o.settings;
  const idDomain = o.messageIdDomain ? { messageIdDomain: o.messageIdDomain } : {};
  switch (s.EMAIL_PROVIDER) {
    case 'sandbox':
      return ok(createSandboxEmailChannel({ outbox: o.outbox, clock: o.clock, ...idDomain }));
    case 'smtp':
      if (!s.SMTP_URL) return failure('config_missing', 'EMAIL_PROVIDER=smtp needs SMTP_URL', false);
      return ok(createSmtpEmailChannel({ smtpUrl: s.SMTP_URL, clock: o.clock, ...idDomain, ...(o.onCircuitStateChange ? { onCircuitStateChange: o.onCircuitStateChange } : {}) }));
    case 'ghl':
      return failure('provider_unavailable', 'EMAIL_PROVIDER=ghl: the GoHighLevel email channel is not available in this build', false);
    default: {
      const never: never = s.EMAIL_PROVIDER;
      return failure('config_invalid', `unknown EMAIL_PROVIDER ${String(never)}`, false);
    }
  }
}

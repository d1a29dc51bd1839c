import type { CircuitStateChange } from '../../lib/circuit-breaker.js';
import type { Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import type { OutboxStore } from '../sms/outbox-store.js';
import { connectGhl, type GhlConnection, type GhlSettings } from '../crm-ghl/connect-ghl.js';
import { createGhlEmailChannel } from '../crm-ghl/create-ghl-email-channel.js';
import type { EmailChannel } from './interface.js';
import { createSandboxEmailChannel } from './sandbox.js';
import { createSmtpEmailChannel } from './smtp.js';

export interface EmailChannelSettings extends GhlSettings {
  EMAIL_PROVIDER: 'sandbox' | 'smtp' | 'ghl';
  SMTP_URL?: string | undefined;
}

export interface CreateEmailChannelOptions {
  settings: EmailChannelSettings;
  outbox: OutboxStore;
  clock: Clock;
  messageIdDomain?: string;
  /** A GoHighLevel sub-account connection (e.g. a Curb location's own); default: from the GHL_* settings. */
  ghl?: GhlConnection;
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
    case 'ghl': {
      const ghl = o.ghl ? ok(o.ghl) : connectGhl({ settings: s, clock: o.clock, ...(o.onCircuitStateChange ? { onCircuitStateChange: o.onCircuitStateChange } : {}) });
      if (!ghl.ok) return failure(ghl.error.code, `EMAIL_PROVIDER=ghl: ${ghl.error.message}`, false);
      if (s.GHL_SEND_MODE === 'workflow' && !s.SDR_WORKFLOW_EMAIL_1) return failure('config_missing', 'GHL_SEND_MODE=workflow needs SDR_WORKFLOW_EMAIL_1', false);
      const workflowId = s.GHL_SEND_MODE === 'workflow' ? s.SDR_WORKFLOW_EMAIL_1 : undefined;
      return ok(createGhlEmailChannel({ client: ghl.value.client, contacts: ghl.value.contacts, workflowId }));
    }
    default: {
      const never: never = s.EMAIL_PROVIDER;
      return failure('config_invalid', `unknown EMAIL_PROVIDER ${String(never)}`, false);
    }
  }
}

/**
 * The outbound channels of one running Curb: SMS, email and voicemail, chosen from config
 * (`SMS_PROVIDER`, `EMAIL_PROVIDER`), sandbox by default with the outbox in the database. Built once per
 * services object and shared, so each provider has one circuit breaker; a trip raises an alert.
 */
import type { EmailChannel } from '../../adapters/email/interface.js';
import { createEmailChannel } from '../../adapters/email/create-email-channel.js';
import { createSmsChannel } from '../../adapters/sms/create-sms-channel.js';
import type { SmsChannel } from '../../adapters/sms/interface.js';
import type { OutboxStore } from '../../adapters/sms/outbox-store.js';
import { createTwilioBreaker } from '../../adapters/sms/twilio-call.js';
import { createVoicemailChannel } from '../../adapters/voice/create-voicemail-channel.js';
import type { VoicemailChannel } from '../../adapters/voice/interface.js';
import type { CircuitStateChange } from '../../lib/circuit-breaker.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import { createDbOutboxStore } from './db-outbox-store.js';

export interface Channels {
  sms: SmsChannel;
  email: EmailChannel;
  voicemail: VoicemailChannel;
  /** The sandbox outbox, when any channel is the sandbox. */
  outbox: OutboxStore;
  close?: () => void;
}

const cache = new WeakMap<object, Channels>();

/** Use these channels for this services object (tests, the demo, a bench against a local provider). */
export function useChannels(services: object, channels: Channels): void {
  cache.set(services, channels);
}

/** Records a breaker's move as an alert (seed 003: 3 consecutive failures → alert). */
export function circuitAlertHook(services: Pick<AppServices, 'db' | 'clock' | 'logger'>): (change: CircuitStateChange) => void {
  return (change) => {
    const opened = change.to === 'open';
    if (!opened && change.to !== 'closed') return;
    raiseAlert(services, {
      locationId: null,
      kind: opened ? 'circuit_open' : 'circuit_closed',
      severity: opened ? 'critical' : 'info',
      message: opened
        ? `${change.name}: ${change.failures} consecutive failures; sending paused until a probe succeeds${change.lastFailure ? ` (last: ${change.lastFailure.code})` : ''}`
        : `${change.name}: recovered; sending resumed`,
      dedupeKey: `${opened ? 'circuit_open' : 'circuit_closed'}:${change.name}`,
      details: { provider: change.name, from: change.from, to: change.to, failures: change.failures, ...(change.lastFailure ? { lastFailure: change.lastFailure.code } : {}) },
    }).catch((e: unknown) => services.logger.error({ err: e }, 'could not record the circuit alert'));
  };
}

/** The channels from config, built on first use. A missing credential is a configuration error naming the variable. */
export function channelsFor(services: Pick<AppServices, 'config' | 'db' | 'clock' | 'logger'>): Channels {
  const cached = cache.get(services);
  if (cached) return cached;
  const outbox = createDbOutboxStore(services.db);
  const onCircuitStateChange = circuitAlertHook(services);
  const env = services.config.env;
  // One Twilio account, one health: SMS and voicemail share the breaker.
  const twilioBreaker = createTwilioBreaker({ clock: services.clock, name: 'twilio', onCircuitStateChange });
  const sms = createSmsChannel({ settings: env, outbox, clock: services.clock, onCircuitStateChange });
  const email = createEmailChannel({ settings: env, outbox, clock: services.clock, onCircuitStateChange, ...(env.EMAIL_REPLY_DOMAIN ? { messageIdDomain: env.EMAIL_REPLY_DOMAIN } : {}) });
  const voicemail = createVoicemailChannel({ settings: env, outbox, clock: services.clock, breaker: twilioBreaker });
  for (const r of [sms, email, voicemail]) {
    if (!r.ok) throw new AppError(ErrorCode.ProviderUnavailable, r.error.message);
  }
  const channels: Channels = {
    sms: (sms as { ok: true; value: SmsChannel }).value,
    email: (email as { ok: true; value: EmailChannel & { close?: () => void } }).value,
    voicemail: (voicemail as { ok: true; value: VoicemailChannel }).value,
    outbox,
  };
  const closeEmail = (email as { ok: true; value: EmailChannel & { close?: () => void } }).value.close;
  if (closeEmail) channels.close = closeEmail;
  cache.set(services, channels);
  return channels;
}

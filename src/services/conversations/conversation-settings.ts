/**
 * The conversation settings of one location: decision thresholds, the watchdog, where notifications go
 * and which numbers receive its texts. Read from `locations.settings.conversations` (PATCH /v1/location),
 * falling back to the environment (NOTIFY_SMS_TO, NOTIFY_EMAIL_TO, TWILIO_AUTH_TOKEN) and the defaults.
 */
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import { DEFAULT_REPLY_THRESHOLDS } from '../../domain/replies/decide-reply-action.js';

export const ConversationSettingsSchema = z.object({
  /** Sentiment above this hands the lead to a person (seed 000: 0.5). */
  handoffSentiment: z.number().min(-1).max(1).default(DEFAULT_REPLY_THRESHOLDS.handoffSentiment),
  /** Below this intent confidence the bot does not answer on its own; with a model configured, the model is asked. */
  minConfidence: z.number().min(0).max(1).default(DEFAULT_REPLY_THRESHOLDS.minConfidence),
  /** Answer questions and objections automatically (through the guard and the compliance engine). */
  autoReply: z.boolean().default(true),
  /** Re-notify when a handed-off lead has had no human reply for this many minutes. */
  watchdogMinutes: z.number().int().min(1).max(10_080).default(15),
  /** At most this many re-notifications per handoff. */
  watchdogMaxRenotify: z.number().int().min(0).max(50).default(3),
  /** The location's own numbers (E.164): an inbound text to one of them belongs to this location. */
  smsNumbers: z.array(z.string()).default([]),
  /** This location's Twilio auth token (its own subaccount); default TWILIO_AUTH_TOKEN. */
  twilioAuthToken: z.string().min(1).optional(),
  notifySmsTo: z.string().optional(),
  notifyEmailTo: z.string().optional(),
});
export type ConversationSettings = z.infer<typeof ConversationSettingsSchema>;

/** A bad setting falls back to the default (the location API accepts free-form settings); the problem is returned. */
export function conversationSettingsFor(settings: Record<string, unknown> | null | undefined, config: Pick<Config, 'env'>): ConversationSettings & { problems: string[] } {
  const raw = (settings?.conversations ?? {}) as Record<string, unknown>;
  const parsed = ConversationSettingsSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `settings.conversations.${i.path.join('.')}: ${i.message}`);
  const base = parsed.success ? parsed.data : ConversationSettingsSchema.parse({});
  const env = config.env;
  return {
    ...base,
    ...(base.twilioAuthToken ?? env.TWILIO_AUTH_TOKEN ? { twilioAuthToken: base.twilioAuthToken ?? env.TWILIO_AUTH_TOKEN } : {}),
    ...(base.notifySmsTo ?? env.NOTIFY_SMS_TO ? { notifySmsTo: base.notifySmsTo ?? env.NOTIFY_SMS_TO } : {}),
    ...(base.notifyEmailTo ?? env.NOTIFY_EMAIL_TO ? { notifyEmailTo: base.notifyEmailTo ?? env.NOTIFY_EMAIL_TO } : {}),
    problems,
  };
}

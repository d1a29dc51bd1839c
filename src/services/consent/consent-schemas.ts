import { z } from 'zod';

/**
 * What a consent record may say. `written` = prior express written consent (signed, names the seller, discloses
 * automated texts: F6, S3); `express` = any other recorded consent; `opt_in` = a carrier-level re-subscription
 * (START / UNSTOP / YES, R-CAR-START): it lets the carrier deliver again and lifts the number's opt-out, but it is
 * NOT consent to automated marketing — the engine never reads it as `written` or `express`.
 */
export const ConsentKindSchema = z.enum(['written', 'express', 'opt_in']);

export const ConsentInputSchema = z
  .object({
    kind: ConsentKindSchema,
    channel: z.enum(['sms', 'email', 'voice', 'any']).default('any'),
    /** where it was given: web_form, paper, sms_keyword, call_recording, api, … */
    source: z.string().trim().min(1).max(64),
    /** the exact words the person agreed to (the disclosure), kept as proof */
    textShown: z.string().trim().min(1).max(5000).optional(),
    /** when it was given (default: now); never in the future */
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    /** the number or address the consent covers; an opt_in needs the number that sent START */
    address: z.string().trim().min(3).max(320).optional(),
    ip: z.string().trim().min(2).max(64).optional(),
  })
  .strict();
export type ConsentInput = z.input<typeof ConsentInputSchema>;

export const ConsentEventSchema = z.object({
  id: z.string().uuid(),
  contactId: z.string().uuid(),
  kind: z.enum(['written', 'express', 'opt_in', 'revocation']),
  channel: z.string().nullable(),
  source: z.string(),
  textShown: z.string().nullable(),
  address: z.string().nullable(),
  ip: z.string().nullable(),
  /** for opt_in: says in data that it is a carrier re-subscription, not written consent */
  evidence: z.unknown().nullable(),
  occurredAt: z.string(),
  createdAt: z.string(),
});
export type ConsentEvent = z.infer<typeof ConsentEventSchema>;

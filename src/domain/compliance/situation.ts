import { z } from 'zod';
import { isKnownZone } from './time/local-time.js';

/**
 * The situation contract: everything the engine needs to decide one outbound message. Extend it with optional
 * fields only; never change the meaning of an existing one.
 *
 * Every optional field has a SAFE reading when it is missing: no scrub date = never scrubbed, no consent = none,
 * no initiation = automated, no purpose = marketing, no `hasUnsubscribeLink` = no link, no direction on a
 * history entry = outbound, no purpose on a history entry = marketing (so it counts toward the caps).
 */
const IsoInstantSchema = z.iso.datetime({ offset: true });

export const ChannelSchema = z.enum(['sms', 'email', 'voice']);
export const PurposeSchema = z.enum(['marketing', 'informational', 'opt_out_confirmation', 'help']);
export const InitiationSchema = z.enum(['automated', 'manual']);
export const ListNameSchema = z.enum(['national_dnc', 'state_dnc', 'internal_dnc', 'litigator']);

export const ConsentSchema = z.object({
  /** `written` = prior express written consent (signed, names the seller, discloses automation); `express` = any other recorded consent */
  kind: z.enum(['written', 'express']),
  at: IsoInstantSchema,
});

export const EbrSchema = z.object({
  /** established business relationship: a transaction lasts 18 months, an inquiry 3 months (F5) */
  kind: z.enum(['transaction', 'inquiry']),
  at: IsoInstantSchema,
});

export const HistoryEntrySchema = z.object({
  at: IsoInstantSchema,
  channel: ChannelSchema,
  purpose: PurposeSchema.default('marketing'),
  direction: z.enum(['outbound', 'inbound']).default('outbound'),
});

export const ContactSchema = z.object({
  /** set once the contact opted out on ANY channel; every channel is then suppressed (F8, F9) */
  optedOutAt: IsoInstantSchema.nullable().optional(),
  lists: z.array(ListNameSchema).default([]),
  consent: ConsentSchema.nullable().optional(),
  ebr: EbrSchema.nullable().optional(),
});

export const AccountSchema = z.object({
  /** the date of the latest National DNC Registry download; missing = never scrubbed (F3) */
  lastNationalDncScrubAt: IsoInstantSchema.nullable().optional(),
  /** counsel's logged decision that offer-to-buy messages are not telephone solicitations (F14) */
  offerToBuyExemption: z.boolean().default(false),
  /** the sender's physical postal address for commercial email (E1) */
  postalAddress: z.string().trim().min(1).nullable().optional(),
  /** Curb's per-contact cap of marketing messages in any rolling 24 h (default 1) */
  maxMessagesPerContactPerDay: z.number().int().min(0).default(1),
  /** counsel's logged approval of automated cold SMS (lifts only Curb's own approval queue, never a state law) */
  automatedColdOutreachApproved: z.boolean().default(false),
});

const StateCodeSchema = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'a two-letter US state, territory or Canadian province code');
const ZoneSchema = z.string().refine(isKnownZone, 'an IANA time zone such as America/New_York');
const PhoneSchemaPattern = /^\+[1-9]\d{6,14}$/;
const EmailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const SituationSchema = z
  .object({
    /** the instant the message would be sent (ISO 8601 with offset) */
    at: IsoInstantSchema,
    channel: ChannelSchema,
    purpose: PurposeSchema.default('marketing'),
    /** `manual` = a person clicked send for this one message */
    initiation: InitiationSchema.default('automated'),
    /** E.164 phone for sms/voice, an email address for email */
    to: z.string().trim().min(1),
    body: z.string().optional(),
    /** states the recipient may be in (owner's mailing address, property address); each adds its rules and zones */
    recipientStates: z.array(StateCodeSchema).default([]),
    /** the recipient's known time zone(s); when given they replace the phone's area-code zones */
    recipientZones: z.array(ZoneSchema).optional(),
    /** email only: the message carries a working unsubscribe link and RFC 8058 one-click headers (E4) */
    hasUnsubscribeLink: z.boolean().optional(),
    contact: ContactSchema.default({ lists: [] }),
    history: z.array(HistoryEntrySchema).default([]),
    account: AccountSchema.default({ offerToBuyExemption: false, maxMessagesPerContactPerDay: 1, automatedColdOutreachApproved: false }),
  })
  .superRefine((s, ctx) => {
    if (s.channel === 'email' ? !EmailPattern.test(s.to) : !PhoneSchemaPattern.test(s.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: s.channel === 'email' ? 'an email address for channel email' : 'an E.164 phone number (+14075551234) for channel sms/voice',
      });
    }
  });

/** What callers write: every field with a safe reading may be left out. `decide` accepts this directly. */
export type Situation = z.input<typeof SituationSchema>;
/** A validated situation with every default filled in. */
export type NormalizedSituation = z.output<typeof SituationSchema>;

export interface SituationIssue {
  /** dotted path of the offending field, e.g. `contact.consent.at` or `history.2.channel` */
  path: string;
  message: string;
}

export type ParseSituationResult = { ok: true; situation: NormalizedSituation } | { ok: false; issues: SituationIssue[] };

/**
 * Validates untrusted input (CLI file, HTTP body) and names every bad field, so the CLI can exit 2 and the API
 * answer 400 with the field's path.
 *
 * @example parseSituation({ at: 'yesterday' }) // { ok: false, issues: [{ path: 'at', … }, { path: 'channel', … }, …] }
 */
export function parseSituation(input: unknown): ParseSituationResult {
  const r = SituationSchema.safeParse(input);
  if (r.success) return { ok: true, situation: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
  };
}

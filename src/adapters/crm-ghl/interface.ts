/**
 * The GoHighLevel (LeadConnector API v2) port. Everything Curb asks of a GoHighLevel sub-account goes
 * through `GhlClient`; the wire shapes (zod schemas named `Wire*`) and HighLevel's quirks stay in this
 * folder, and callers only see the normalised types (`GhlContact`, `GhlSlot`, ...).
 *
 * One client serves one location (sub-account): its token is a Private Integration token of that
 * sub-account or an OAuth access token issued for it.
 */
import { z } from 'zod';
import type { AppFailure, Result } from '../../lib/result.js';

/** The `Version` header each API family documents. A request without it answers 400. */
export const GhlApiVersion = {
  /** contacts (search, duplicate search, upsert, tags, DND, workflow enrolment), opportunities */
  Default: '2021-07-28',
  /** calendars (free slots, appointments) */
  Calendars: '2021-04-15',
  /** conversations and messages (`POST /conversations/messages`) */
  Conversations: '2021-04-15',
} as const;
export type GhlApiVersion = (typeof GhlApiVersion)[keyof typeof GhlApiVersion];

export const GHL_DEFAULT_BASE_URL = 'https://services.leadconnectorhq.com';

/** HighLevel's documented limits per app (or private integration) per location. */
export const GhlRateLimits = { burstMax: 100, burstIntervalMs: 10_000, daily: 200_000 } as const;

/** Failure codes of the GoHighLevel port; `retry` on the failure says whether trying later can help. */
export const GhlFailureCode = {
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  BadRequest: 'bad_request',
  RateLimited: 'rate_limited',
  DailyBudgetExhausted: 'daily_budget_exhausted',
  Timeout: 'timeout',
  Unavailable: 'provider_unavailable',
  CircuitOpen: 'circuit_open',
  InvalidResponse: 'invalid_response',
  InvalidInput: 'validation_failed',
} as const;
export type GhlFailureCode = (typeof GhlFailureCode)[keyof typeof GhlFailureCode];

// ---------------------------------------------------------------------------------------------------
// Wire shapes (what LeadConnector sends and accepts). Loose objects: HighLevel adds fields often.
// ---------------------------------------------------------------------------------------------------

export const GhlDndChannelSchema = z.enum(['SMS', 'Email', 'Call', 'WhatsApp', 'GMB', 'FB']);
export type GhlDndChannel = z.infer<typeof GhlDndChannelSchema>;

export const WireDndSettingSchema = z.looseObject({
  /** `active` = do not disturb on this channel; `permanent` cannot be lifted through the API. */
  status: z.string(),
  message: z.string().nullish(),
  code: z.string().nullish(),
});

const timeLike = z.union([z.string(), z.number()]);

export const WireContactSchema = z.looseObject({
  id: z.string(),
  locationId: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  contactName: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  dnd: z.boolean().nullish(),
  dndSettings: z.record(z.string(), WireDndSettingSchema).nullish(),
  dateAdded: timeLike.nullish(),
  dateUpdated: timeLike.nullish(),
  lastActivity: timeLike.nullish(),
  timezone: z.string().nullish(),
});
export type WireContact = z.infer<typeof WireContactSchema>;

/** GET /contacts/{id} and PUT /contacts/{id} */
export const WireContactResponseSchema = z.looseObject({ contact: WireContactSchema });

/** POST /contacts/search */
export const WireContactSearchRequestSchema = z.object({
  locationId: z.string(),
  page: z.number().int().positive(),
  pageLimit: z.number().int().min(1).max(500),
  filters: z.array(z.looseObject({ field: z.string(), operator: z.string(), value: z.unknown() })).optional(),
  sort: z.array(z.object({ field: z.string(), direction: z.enum(['asc', 'desc']) })).optional(),
});
export type WireContactSearchRequest = z.infer<typeof WireContactSearchRequestSchema>;
export const WireContactSearchResponseSchema = z.looseObject({ contacts: z.array(WireContactSchema), total: z.number().optional() });

/** GET /opportunities/search */
export const WireOpportunitySchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  pipelineId: z.string().nullish(),
  pipelineStageId: z.string().nullish(),
  status: z.string().nullish(),
  monetaryValue: z.number().nullish(),
  contactId: z.string().nullish(),
  contact: z
    .looseObject({
      id: z.string(),
      name: z.string().nullish(),
      email: z.string().nullish(),
      phone: z.string().nullish(),
      tags: z.array(z.string()).nullish(),
    })
    .nullish(),
  updatedAt: timeLike.nullish(),
  lastStatusChangeAt: timeLike.nullish(),
});
export type WireOpportunity = z.infer<typeof WireOpportunitySchema>;
export const WireOpportunitySearchResponseSchema = z.looseObject({
  opportunities: z.array(WireOpportunitySchema),
  meta: z
    .looseObject({
      total: z.number().nullish(),
      nextPageUrl: z.string().nullish(),
      startAfterId: z.string().nullish(),
      startAfter: z.union([z.number(), z.string()]).nullish(),
      currentPage: z.number().nullish(),
      nextPage: z.number().nullish(),
    })
    .nullish(),
});

/** GET /contacts/search/duplicate: the contact a phone number or email belongs to, or null. */
export const WireDuplicateContactResponseSchema = z.looseObject({ contact: WireContactSchema.nullish() });

/** POST /contacts/upsert (follows the location's "Allow Duplicate Contact" setting). */
export const WireUpsertContactRequestSchema = z.object({
  locationId: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  timezone: z.string().optional(),
  source: z.string().optional(),
});
export type WireUpsertContactRequest = z.infer<typeof WireUpsertContactRequestSchema>;
export const WireUpsertContactResponseSchema = z.looseObject({ new: z.boolean().nullish(), contact: WireContactSchema, traceId: z.string().nullish() });

/** POST /conversations/messages (SendMessageBodyDto) */
export const WireSendMessageRequestSchema = z.object({
  type: z.enum(['SMS', 'Email']),
  contactId: z.string(),
  message: z.string().optional(),
  subject: z.string().optional(),
  html: z.string().optional(),
  emailFrom: z.string().optional(),
  /** Another of the contact's addresses than the primary one. */
  emailTo: z.string().optional(),
  /** A number of the location's; without it HighLevel picks the location's default. */
  fromNumber: z.string().optional(),
  /** Another of the contact's numbers than the primary one. */
  toNumber: z.string().optional(),
});
export type WireSendMessageRequest = z.infer<typeof WireSendMessageRequestSchema>;
export const WireSendMessageResponseSchema = z.looseObject({
  conversationId: z.string().nullish(),
  messageId: z.string(),
  emailMessageId: z.string().nullish(),
  msg: z.string().nullish(),
});

/** GET /conversations/search?contactId=… (the contact's conversations, newest first). */
export const WireConversationSearchResponseSchema = z.looseObject({
  conversations: z.array(z.looseObject({ id: z.string(), contactId: z.string().nullish(), lastMessageDate: timeLike.nullish() })),
  total: z.number().nullish(),
});

/** GET /conversations/{conversationId}/messages: the page sits in `messages.messages`, newest first. */
export const WireMessageSchema = z.looseObject({
  id: z.string(),
  direction: z.string().nullish(),
  status: z.string().nullish(),
  type: z.union([z.number(), z.string()]).nullish(),
  messageType: z.string().nullish(),
  body: z.string().nullish(),
  contactId: z.string().nullish(),
  conversationId: z.string().nullish(),
  dateAdded: timeLike.nullish(),
});
export const WireMessagesResponseSchema = z.looseObject({
  messages: z.looseObject({ lastMessageId: z.string().nullish(), nextPage: z.boolean().nullish(), messages: z.array(WireMessageSchema) }),
});

/** POST and DELETE /contacts/{contactId}/workflow/{workflowId}; HighLevel spells it `succeded`. */
export const WireSucceededSchema = z.looseObject({ succeded: z.boolean().optional(), succeeded: z.boolean().optional() });

/** GET /calendars/{calendarId}/free-slots: one key per local date, plus `traceId`. */
export const WireFreeSlotsDaySchema = z.looseObject({ slots: z.array(z.string()) });

/** POST /calendars/events/appointments */
export const WireCreateAppointmentRequestSchema = z.object({
  calendarId: z.string(),
  locationId: z.string(),
  contactId: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  title: z.string(),
  appointmentStatus: z.enum(['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid']),
  ignoreDateRange: z.boolean().optional(),
  toNotify: z.boolean().optional(),
});
export type WireCreateAppointmentRequest = z.infer<typeof WireCreateAppointmentRequestSchema>;
export const WireAppointmentSchema = z.looseObject({
  id: z.string(),
  calendarId: z.string(),
  contactId: z.string().nullish(),
  locationId: z.string().nullish(),
  title: z.string().nullish(),
  startTime: z.string(),
  endTime: z.string(),
  appointmentStatus: z.string().nullish(),
});

/** POST / DELETE /contacts/{id}/tags */
export const WireTagsResponseSchema = z.looseObject({ tags: z.array(z.string()) });

/** Error bodies: `{ statusCode, message: string | string[], error }` (NestJS style). */
export const WireErrorSchema = z.looseObject({
  statusCode: z.number().optional(),
  message: z.union([z.string(), z.array(z.string())]).optional(),
  error: z.string().optional(),
  msg: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------------
// Normalised shapes (what Curb sees).
// ---------------------------------------------------------------------------------------------------

export const GhlContactSchema = z.object({
  id: z.string(),
  locationId: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  tags: z.array(z.string()),
  /** true when every channel is blocked (`dnd`) */
  dnd: z.boolean(),
  /** channels with an active or permanent do-not-disturb */
  dndChannels: z.array(z.string()),
  /** ISO instants */
  dateAdded: z.string().nullable(),
  dateUpdated: z.string().nullable(),
  lastActivity: z.string().nullable(),
});
export type GhlContact = z.infer<typeof GhlContactSchema>;

export const GhlSentMessageSchema = z.object({ messageId: z.string(), conversationId: z.string().nullable(), emailMessageId: z.string().nullable() });
export type GhlSentMessage = z.infer<typeof GhlSentMessageSchema>;

export const GhlSlotSchema = z.object({
  /** ISO instant (UTC) */
  startTime: z.string(),
  /** the calendar date the slot belongs to, in the requested time zone */
  date: z.string(),
});
export type GhlSlot = z.infer<typeof GhlSlotSchema>;

export const GhlMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** inbound | outbound */
  direction: z.string().nullable(),
  /** SMS, Email, … (HighLevel's TYPE_SMS reads as SMS) */
  messageType: z.string().nullable(),
  body: z.string(),
  status: z.string().nullable(),
  /** ISO instant */
  dateAdded: z.string().nullable(),
});
export type GhlMessage = z.infer<typeof GhlMessageSchema>;

export const GhlAppointmentSchema = z.object({
  id: z.string(),
  calendarId: z.string(),
  contactId: z.string().nullable(),
  title: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string(),
  status: z.string().nullable(),
});
export type GhlAppointment = z.infer<typeof GhlAppointmentSchema>;

export interface GetContactsByPipelineStageOptions {
  pipelineId?: string;
  stageId: string;
  /** Most contacts to return (default 100). */
  limit?: number;
  /**
   * Opportunity search embeds only name/phone/email/tags of the contact; with `hydrate` (default true)
   * each contact is fetched for DND, dateUpdated and lastActivity (one request per contact).
   */
  hydrate?: boolean;
}

export interface GetContactsInactiveSinceOptions {
  since: Date | string;
  limit?: number;
}

export interface SendSmsOptions {
  contactId: string;
  message: string;
  /** E.164; the number the touch was approved for (default: the contact's primary phone). */
  toNumber?: string;
  /** E.164 number of the location (default: the location's default number). */
  fromNumber?: string;
}

export interface SendEmailOptions {
  contactId: string;
  subject: string;
  html?: string;
  text?: string;
  emailFrom?: string;
  /** The address the touch was approved for (default: the contact's primary email). */
  emailTo?: string;
}

/** Exactly one of phone (E.164) or email. */
export type FindContactOptions = { phone: string; email?: undefined } | { email: string; phone?: undefined };

export interface UpsertContactOptions {
  phone?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  timezone?: string;
  // No tags: HighLevel's upsert replaces the whole tag list of a matched contact; use updateTags.
  /** Shown as the contact's source in HighLevel (default `curb`). */
  source?: string;
}

export interface WorkflowEnrolmentOptions {
  contactId: string;
  workflowId: string;
  /** When the workflow's event starts (e.g. an appointment time the workflow counts back from). */
  eventStartTime?: Date | string;
}

export interface ListContactMessagesOptions {
  contactId: string;
  /** Only messages added at or after this instant (the listing is read newest first until older). */
  since: Date | string;
  /** Most messages to read per conversation (default 100). */
  limit?: number;
}

export interface GetFreeSlotsOptions {
  calendarId: string;
  startDate: Date | string;
  endDate: Date | string;
  /** IANA zone the slots are grouped by, e.g. America/New_York */
  timezone: string;
}

export interface CreateAppointmentOptions {
  calendarId: string;
  contactId: string;
  startTime: Date | string;
  endTime: Date | string;
  title: string;
  status?: 'new' | 'confirmed';
}

export interface UpdateTagsOptions {
  contactId: string;
  add?: string[];
  remove?: string[];
}

export interface SetDndOptions {
  contactId: string;
  dnd: boolean;
  /** One channel only; without it the contact's global DND flag is set. */
  channel?: GhlDndChannel;
  /** Stored on the channel setting, e.g. "Replied STOP". */
  reason?: string;
}

export interface GhlRateLimitState {
  burstRemaining: number;
  dailyRemaining: number;
}

export type GhlResult<T> = Promise<Result<T, AppFailure>>;

/** The GoHighLevel port: every method answers a `Result`, never throws for an expected failure. */
export interface GhlClient {
  getContactsByPipelineStage(o: GetContactsByPipelineStageOptions): GhlResult<GhlContact[]>;
  getContactsInactiveSince(o: GetContactsInactiveSinceOptions): GhlResult<GhlContact[]>;
  getContact(contactId: string): GhlResult<GhlContact>;
  /** The contact that owns a phone number or email (`GET /contacts/search/duplicate`), or null. */
  findContact(o: FindContactOptions): GhlResult<GhlContact | null>;
  /** Creates the contact or updates the one HighLevel matches by email / phone (`POST /contacts/upsert`). */
  upsertContact(o: UpsertContactOptions): GhlResult<{ contact: GhlContact; created: boolean }>;
  sendSms(o: SendSmsOptions): GhlResult<GhlSentMessage>;
  sendEmail(o: SendEmailOptions): GhlResult<GhlSentMessage>;
  addToWorkflow(o: WorkflowEnrolmentOptions): GhlResult<{ contactId: string; workflowId: string }>;
  removeFromWorkflow(o: Omit<WorkflowEnrolmentOptions, 'eventStartTime'>): GhlResult<{ contactId: string; workflowId: string }>;
  /** The contact's messages since an instant, across its conversations, newest first. */
  listContactMessages(o: ListContactMessagesOptions): GhlResult<GhlMessage[]>;
  getFreeSlots(o: GetFreeSlotsOptions): GhlResult<GhlSlot[]>;
  createAppointment(o: CreateAppointmentOptions): GhlResult<GhlAppointment>;
  updateTags(o: UpdateTagsOptions): GhlResult<{ tags: string[] }>;
  setDnd(o: SetDndOptions): GhlResult<GhlContact>;
  /** What the client knows of its remaining budget (from the last response headers or its own count). */
  rateLimitState(): GhlRateLimitState;
}

// ---------------------------------------------------------------------------------------------------
// Webhooks. Signed deliveries carry `webhookId` and `timestamp` next to the event's own fields.
// ---------------------------------------------------------------------------------------------------

const envelope = {
  type: z.string(),
  locationId: z.string().nullish(),
  webhookId: z.string().nullish(),
  timestamp: timeLike.nullish(),
  dateAdded: timeLike.nullish(),
};

export const WireWebhookEnvelopeSchema = z.looseObject(envelope);

export const WireMessageEventSchema = z.looseObject({
  ...envelope,
  contactId: z.string(),
  conversationId: z.string().nullish(),
  messageId: z.string().nullish(),
  emailMessageId: z.string().nullish(),
  messageType: z.string().nullish(),
  body: z.string().nullish(),
  subject: z.string().nullish(),
  direction: z.string().nullish(),
  status: z.string().nullish(),
  from: z.string().nullish(),
  to: z.string().nullish(),
  userId: z.string().nullish(),
  attachments: z.array(z.string()).nullish(),
});

export const WireContactDndEventSchema = z.looseObject({
  ...envelope,
  id: z.string(),
  dnd: z.boolean().nullish(),
  dndSettings: z.record(z.string(), WireDndSettingSchema).nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

export const WireAppointmentEventSchema = z.looseObject({
  ...envelope,
  appointment: z.looseObject({
    id: z.string(),
    calendarId: z.string(),
    contactId: z.string().nullish(),
    title: z.string().nullish(),
    appointmentStatus: z.string().nullish(),
    startTime: z.string(),
    endTime: z.string(),
  }),
});

export const WireOpportunityStageEventSchema = z.looseObject({
  ...envelope,
  id: z.string(),
  contactId: z.string().nullish(),
  pipelineId: z.string(),
  pipelineStageId: z.string(),
  status: z.string().nullish(),
  name: z.string().nullish(),
  monetaryValue: z.number().nullish(),
});

interface GhlEventBase {
  /** HighLevel's delivery id; null on payloads that lack it (then `checkReplay` derives a key). */
  webhookId: string | null;
  locationId: string | null;
  /** ISO instant of the delivery (`timestamp`, else the event's `dateAdded`). */
  timestamp: string | null;
}

export interface GhlMessageEvent extends GhlEventBase {
  type: 'InboundMessage' | 'OutboundMessage';
  contactId: string;
  conversationId: string | null;
  messageId: string | null;
  /** SMS, Email, Call, ... as HighLevel names the channel */
  messageType: string | null;
  body: string;
  subject: string | null;
  from: string | null;
  to: string | null;
  attachments: string[];
}

export interface GhlContactDndEvent extends GhlEventBase {
  type: 'ContactDndUpdate';
  contactId: string;
  dnd: boolean;
  dndChannels: string[];
  phone: string | null;
  email: string | null;
}

export interface GhlAppointmentEvent extends GhlEventBase {
  type: 'AppointmentCreate';
  appointment: GhlAppointment;
}

export interface GhlOpportunityStageEvent extends GhlEventBase {
  type: 'OpportunityStageUpdate';
  opportunityId: string;
  contactId: string | null;
  pipelineId: string;
  pipelineStageId: string;
  status: string | null;
  name: string | null;
  monetaryValue: number | null;
}

/** Any other event type: acknowledged and ignored, never an error. */
export interface GhlUnknownEvent extends GhlEventBase {
  type: 'Unknown';
  originalType: string;
  raw: unknown;
}

export type GhlEvent = GhlMessageEvent | GhlContactDndEvent | GhlAppointmentEvent | GhlOpportunityStageEvent | GhlUnknownEvent;

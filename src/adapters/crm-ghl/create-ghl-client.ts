import { systemClock, type Clock } from '../../lib/clock.js';
import { failure, ok, type AppFailure, type Result } from '../../lib/result.js';
import { createCircuitBreaker, type CircuitBreaker } from '../../lib/circuit-breaker.js';
import {
  GHL_DEFAULT_BASE_URL,
  GhlApiVersion,
  GhlFailureCode,
  WireAppointmentSchema,
  WireContactResponseSchema,
  WireContactSearchResponseSchema,
  WireDuplicateContactResponseSchema,
  WireUpsertContactResponseSchema,
  WireConversationSearchResponseSchema,
  WireFreeSlotsDaySchema,
  WireMessagesResponseSchema,
  WireOpportunitySearchResponseSchema,
  WireSendMessageResponseSchema,
  WireSucceededSchema,
  WireTagsResponseSchema,
  type GhlClient,
  type GhlContact,
  type GhlMessage,
  type GhlSentMessage,
  type GhlSlot,
  type WireContactSearchRequest,
  type WireCreateAppointmentRequest,
  type WireSendMessageRequest,
  type WireUpsertContactRequest,
} from './interface.js';
import { normalizeContact, toIsoInstant } from './normalize-contact.js';
import { createGhlRateLimiter, type GhlRateLimiter } from './rate-limiter.js';
import { requestGhl, type FetchLike, type GhlRequest, type GhlTransport } from './request-ghl.js';
import { normalizeAppointment } from './normalize-appointment.js';

export interface CreateGhlClientOptions {
  /** default https://services.leadconnectorhq.com */
  baseUrl?: string;
  /** Private Integration token of the sub-account, or an OAuth access token issued for this location. */
  token: string;
  locationId: string;
  clock?: Clock;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source (0..1); tests pin it. */
  random?: () => number;
  /** Extra attempts after the first for retryable failures (default 3). */
  retries?: number;
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  maxRetryAfterMs?: number;
  /**
   * Limits are per location: clients for the same location must share one limiter (and breaker), so
   * pass them in when building more than one client per location.
   */
  limiter?: GhlRateLimiter;
  breaker?: CircuitBreaker;
  burstMax?: number;
  burstIntervalMs?: number;
  dailyLimit?: number;
  /** Consecutive failures that open the circuit (default 3, as the seed asks). */
  failureThreshold?: number;
  coolDownMs?: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const PAGE_MAX = 100;
const MAX_PAGES = 1000;
const FREE_SLOTS_MAX_RANGE_MS = 31 * 86_400_000;

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } };

function invalidInput(message: string): Result<never, AppFailure> {
  return failure(GhlFailureCode.InvalidInput, message, false);
}

function toInstant(v: Date | string, field: string): Result<Date, AppFailure> {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? invalidInput(`${field} is not a valid instant: ${String(v)}`) : ok(d);
}

const enc = encodeURIComponent;

/**
 * A LeadConnector API v2 client for one location.
 *
 * @example
 * const ghl = createGhlClient({ token: env.GHL_PRIVATE_TOKEN, locationId: env.GHL_LOCATION_ID, clock: systemClock });
 * const sent = await ghl.sendSms({ contactId, message: 'Hi Ann, ...' });
 * if (!sent.ok) return sent.error.retry ? defer() : block(sent.error.code);
 */
export function createGhlClient(o: CreateGhlClientOptions): GhlClient {
  const clock = o.clock ?? systemClock;
  const sleep = o.sleep ?? realSleep;
  const limiter =
    o.limiter ??
    createGhlRateLimiter({
      nowMs: () => clock.now().getTime(),
      sleep,
      ...(o.burstMax === undefined ? {} : { burstMax: o.burstMax }),
      ...(o.burstIntervalMs === undefined ? {} : { burstIntervalMs: o.burstIntervalMs }),
      ...(o.dailyLimit === undefined ? {} : { dailyLimit: o.dailyLimit }),
    });
  const transport: GhlTransport = {
    baseUrl: o.baseUrl ?? GHL_DEFAULT_BASE_URL,
    token: o.token,
    fetch: o.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    timeoutMs: o.timeoutMs ?? 15_000,
    retries: o.retries ?? 3,
    backoffBaseMs: o.backoffBaseMs ?? 500,
    backoffMaxMs: o.backoffMaxMs ?? 10_000,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 30_000,
    sleep,
    random: o.random ?? Math.random,
    breaker: o.breaker ?? createCircuitBreaker({ failureThreshold: o.failureThreshold ?? 3, coolDownMs: o.coolDownMs ?? 30_000, clock, openCode: GhlFailureCode.CircuitOpen }),
    limiter,
  };
  const locationId = o.locationId;

  async function call<T>(r: GhlRequest, schema: Schema<T>): Promise<Result<T, AppFailure>> {
    const res = await requestGhl(transport, r);
    if (!res.ok) return res;
    const parsed = schema.safeParse(res.value.json);
    if (!parsed.success) {
      return failure(GhlFailureCode.InvalidResponse, `GoHighLevel ${r.method} ${r.path}: unexpected response shape: ${parsed.error.message.slice(0, 300)}`, false);
    }
    return ok(parsed.data);
  }

  async function getContact(contactId: string): Promise<Result<GhlContact, AppFailure>> {
    if (!contactId) return invalidInput('contactId is required');
    const r = await call({ method: 'GET', path: `/contacts/${enc(contactId)}`, version: GhlApiVersion.Default }, WireContactResponseSchema);
    return r.ok ? ok(normalizeContact(r.value.contact)) : r;
  }

  async function sendMessage(body: WireSendMessageRequest): Promise<Result<GhlSentMessage, AppFailure>> {
    const r = await call({ method: 'POST', path: '/conversations/messages', body, version: GhlApiVersion.Conversations, idempotent: false }, WireSendMessageResponseSchema);
    if (!r.ok) return r;
    return ok({ messageId: r.value.messageId, conversationId: r.value.conversationId ?? null, emailMessageId: r.value.emailMessageId ?? null });
  }

  async function enrolment(method: 'POST' | 'DELETE', contactId: string, workflowId: string, eventStartTime?: Date | string) {
    if (!contactId || !workflowId) return invalidInput('contactId and workflowId are required');
    let body: { eventStartTime?: string } = {};
    if (eventStartTime !== undefined) {
      const at = toInstant(eventStartTime, 'eventStartTime');
      if (!at.ok) return at;
      body = { eventStartTime: at.value.toISOString() };
    }
    // Enrolling twice can run the workflow twice (two voicemail drops): a POST is not blindly retried.
    const r = await call({ method, path: `/contacts/${enc(contactId)}/workflow/${enc(workflowId)}`, body, version: GhlApiVersion.Default, idempotent: method === 'DELETE' }, WireSucceededSchema);
    if (!r.ok) return r;
    if (r.value.succeded === false || r.value.succeeded === false) {
      return failure(GhlFailureCode.BadRequest, `GoHighLevel did not ${method === 'POST' ? 'enrol' : 'remove'} contact ${contactId} ${method === 'POST' ? 'in' : 'from'} workflow ${workflowId}`, false);
    }
    return ok({ contactId, workflowId });
  }

  return {
    getContact,

    async findContact(q) {
      const phone = q.phone?.trim();
      const email = q.email?.trim().toLowerCase();
      if (!phone === !email) return invalidInput('give exactly one of phone or email');
      const r = await call(
        {
          method: 'GET',
          path: '/contacts/search/duplicate',
          query: phone ? { locationId, number: phone } : { locationId, email },
          version: GhlApiVersion.Default,
        },
        WireDuplicateContactResponseSchema,
      );
      if (!r.ok) return r;
      return ok(r.value.contact ? normalizeContact(r.value.contact) : null);
    },

    async upsertContact({ phone, email, firstName, lastName, timezone, source = 'curb' }) {
      if (!phone?.trim() && !email?.trim()) return invalidInput('a contact needs a phone or an email');
      const body: WireUpsertContactRequest = {
        locationId,
        source,
        ...(phone?.trim() ? { phone: phone.trim() } : {}),
        ...(email?.trim() ? { email: email.trim().toLowerCase() } : {}),
        ...(firstName?.trim() ? { firstName: firstName.trim() } : {}),
        ...(lastName?.trim() ? { lastName: lastName.trim() } : {}),
        ...(timezone ? { timezone } : {}),
      };
      const r = await call({ method: 'POST', path: '/contacts/upsert', body, version: GhlApiVersion.Default }, WireUpsertContactResponseSchema);
      if (!r.ok) return r;
      return ok({ contact: normalizeContact(r.value.contact), created: r.value.new === true });
    },

    async getContactsByPipelineStage({ pipelineId, stageId, limit = 100, hydrate = true }) {
      if (!stageId) return invalidInput('stageId is required');
      if (!(limit > 0)) return invalidInput('limit must be positive');
      const found = new Map<string, GhlContact>();
      let startAfter: string | number | undefined;
      let startAfterId: string | undefined;
      for (let page = 1; page <= MAX_PAGES && found.size < limit; page++) {
        const r = await call(
          {
            method: 'GET',
            path: '/opportunities/search',
            query: { location_id: locationId, pipeline_id: pipelineId, pipeline_stage_id: stageId, limit: PAGE_MAX, startAfter, startAfterId },
            version: GhlApiVersion.Default,
          },
          WireOpportunitySearchResponseSchema,
        );
        if (!r.ok) return r;
        for (const opp of r.value.opportunities) {
          const id = opp.contact?.id ?? opp.contactId;
          if (!id || found.has(id) || found.size >= limit) continue;
          // Without hydration the embedded contact is all we know: its DND state is unknown, so it is
          // reported as not blocked and the compliance engine's own suppression list still applies.
          found.set(
            id,
            normalizeContact({
              id,
              locationId,
              name: opp.contact?.name ?? null,
              email: opp.contact?.email ?? null,
              phone: opp.contact?.phone ?? null,
              tags: opp.contact?.tags ?? [],
              dateUpdated: opp.updatedAt ?? null,
            }),
          );
        }
        const meta = r.value.meta;
        const nextId = meta?.startAfterId ?? undefined;
        if (r.value.opportunities.length === 0 || !meta?.nextPageUrl || !nextId || nextId === startAfterId) break;
        startAfterId = nextId;
        startAfter = meta.startAfter ?? undefined;
      }
      if (!hydrate) return ok([...found.values()]);
      const out: GhlContact[] = [];
      for (const id of found.keys()) {
        const c = await getContact(id);
        if (c.ok) out.push(c.value);
        else if (c.error.code !== GhlFailureCode.NotFound) return c;
      }
      return ok(out);
    },

    async getContactsInactiveSince({ since, limit = 100 }) {
      const at = toInstant(since, 'since');
      if (!at.ok) return at;
      if (!(limit > 0)) return invalidInput('limit must be positive');
      const sinceMs = at.value.getTime();
      const out: GhlContact[] = [];
      for (let page = 1; page <= MAX_PAGES && out.length < limit; page++) {
        const body: WireContactSearchRequest = {
          locationId,
          page,
          pageLimit: PAGE_MAX,
          // Contacts not updated since `since`; oldest first so a small limit returns the stalest leads.
          filters: [{ field: 'dateUpdated', operator: 'range', value: { lte: at.value.toISOString() } }],
          sort: [{ field: 'dateUpdated', direction: 'asc' }],
        };
        const r = await call({ method: 'POST', path: '/contacts/search', body, version: GhlApiVersion.Default }, WireContactSearchResponseSchema);
        if (!r.ok) return r;
        for (const w of r.value.contacts) {
          const c = normalizeContact(w);
          // A message or call bumps lastActivity without always touching dateUpdated: check both.
          const touched = [c.dateUpdated, c.lastActivity].some((t) => t !== null && Date.parse(t) > sinceMs);
          if (!touched && out.length < limit) out.push(c);
        }
        const total = r.value.total;
        if (r.value.contacts.length < PAGE_MAX || (total !== undefined && page * PAGE_MAX >= total)) break;
      }
      return ok(out);
    },

    async sendSms({ contactId, message, toNumber, fromNumber }) {
      if (!contactId) return invalidInput('contactId is required');
      if (!message.trim()) return invalidInput('message is empty');
      return sendMessage({ type: 'SMS', contactId, message, ...(toNumber ? { toNumber } : {}), ...(fromNumber ? { fromNumber } : {}) });
    },

    async sendEmail({ contactId, subject, html, text, emailFrom, emailTo }) {
      if (!contactId) return invalidInput('contactId is required');
      if (!subject.trim()) return invalidInput('subject is empty');
      if (!html?.trim() && !text?.trim()) return invalidInput('an email needs html or text');
      return sendMessage({
        type: 'Email',
        contactId,
        subject,
        ...(html ? { html } : {}),
        ...(text ? { message: text } : {}),
        ...(emailFrom ? { emailFrom } : {}),
        ...(emailTo ? { emailTo } : {}),
      });
    },

    addToWorkflow: ({ contactId, workflowId, eventStartTime }) => enrolment('POST', contactId, workflowId, eventStartTime),
    removeFromWorkflow: ({ contactId, workflowId }) => enrolment('DELETE', contactId, workflowId),

    async listContactMessages({ contactId, since, limit = 100 }) {
      if (!contactId) return invalidInput('contactId is required');
      const at = toInstant(since, 'since');
      if (!at.ok) return at;
      const sinceMs = at.value.getTime();
      const convs = await call(
        { method: 'GET', path: '/conversations/search', query: { locationId, contactId, limit: 20 }, version: GhlApiVersion.Conversations },
        WireConversationSearchResponseSchema,
      );
      if (!convs.ok) return convs;
      const out: GhlMessage[] = [];
      for (const conv of convs.value.conversations) {
        let lastMessageId: string | undefined;
        for (let page = 0; page < 10; page++) {
          const r = await call(
            { method: 'GET', path: `/conversations/${enc(conv.id)}/messages`, query: { limit: Math.min(100, limit), lastMessageId }, version: GhlApiVersion.Conversations },
            WireMessagesResponseSchema,
          );
          if (!r.ok) return r;
          let older = false;
          for (const m of r.value.messages.messages) {
            const dateAdded = toIsoInstant(m.dateAdded);
            if (dateAdded && Date.parse(dateAdded) < sinceMs) {
              older = true;
              continue;
            }
            const type = m.messageType?.toUpperCase().replace(/^TYPE_/, '') ?? null;
            out.push({ id: m.id, conversationId: conv.id, direction: m.direction ?? null, messageType: type === 'SMS' ? 'SMS' : type === 'EMAIL' ? 'Email' : (m.messageType ?? null), body: m.body ?? '', status: m.status ?? null, dateAdded });
          }
          // Newest first: a page reaching past `since` is the last one needed.
          if (older || !r.value.messages.nextPage || !r.value.messages.lastMessageId || r.value.messages.lastMessageId === lastMessageId) break;
          lastMessageId = r.value.messages.lastMessageId;
        }
      }
      out.sort((a, b) => (b.dateAdded ?? '').localeCompare(a.dateAdded ?? ''));
      return ok(out);
    },

    async getFreeSlots({ calendarId, startDate, endDate, timezone }) {
      if (!calendarId) return invalidInput('calendarId is required');
      const from = toInstant(startDate, 'startDate');
      if (!from.ok) return from;
      const to = toInstant(endDate, 'endDate');
      if (!to.ok) return to;
      if (to.value <= from.value) return invalidInput('endDate must be after startDate');
      if (to.value.getTime() - from.value.getTime() > FREE_SLOTS_MAX_RANGE_MS) return invalidInput('GoHighLevel answers free slots for at most 31 days at a time');
      const r = await call(
        {
          method: 'GET',
          path: `/calendars/${enc(calendarId)}/free-slots`,
          query: { startDate: from.value.getTime(), endDate: to.value.getTime(), timezone },
          version: GhlApiVersion.Calendars,
        },
        { safeParse: (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? { success: true as const, data: v as Record<string, unknown> } : { success: false as const, error: { message: 'not an object' } }) },
      );
      if (!r.ok) return r;
      const slots: GhlSlot[] = [];
      // The body has one key per local date ({ "2024-10-28": { "slots": [...] } }) next to `traceId`.
      for (const [date, day] of Object.entries(r.value)) {
        const parsed = WireFreeSlotsDaySchema.safeParse(day);
        if (!parsed.success) continue;
        for (const s of parsed.data.slots) {
          const startTime = toIsoInstant(s);
          if (startTime) slots.push({ startTime, date });
        }
      }
      slots.sort((a, b) => a.startTime.localeCompare(b.startTime));
      return ok(slots);
    },

    async createAppointment({ calendarId, contactId, startTime, endTime, title, status = 'confirmed' }) {
      if (!calendarId || !contactId) return invalidInput('calendarId and contactId are required');
      const start = toInstant(startTime, 'startTime');
      if (!start.ok) return start;
      const end = toInstant(endTime, 'endTime');
      if (!end.ok) return end;
      if (end.value <= start.value) return invalidInput('endTime must be after startTime');
      const body: WireCreateAppointmentRequest = {
        calendarId,
        locationId,
        contactId,
        startTime: start.value.toISOString(),
        endTime: end.value.toISOString(),
        title,
        appointmentStatus: status,
      };
      const r = await call(
        { method: 'POST', path: '/calendars/events/appointments', body, version: GhlApiVersion.Calendars, idempotent: false },
        { safeParse: (v: unknown) => WireAppointmentSchema.safeParse((v as { appointment?: unknown } | null)?.appointment ?? v) },
      );
      if (!r.ok) return r;
      return ok(normalizeAppointment(r.value));
    },

    async updateTags({ contactId, add = [], remove = [] }) {
      if (!contactId) return invalidInput('contactId is required');
      const adding = [...new Set(add.map((t) => t.trim()).filter(Boolean))];
      const removing = [...new Set(remove.map((t) => t.trim()).filter(Boolean))];
      let tags: string[] | undefined;
      if (adding.length > 0) {
        const r = await call({ method: 'POST', path: `/contacts/${enc(contactId)}/tags`, body: { tags: adding }, version: GhlApiVersion.Default }, WireTagsResponseSchema);
        if (!r.ok) return r;
        tags = r.value.tags;
      }
      if (removing.length > 0) {
        const r = await call({ method: 'DELETE', path: `/contacts/${enc(contactId)}/tags`, body: { tags: removing }, version: GhlApiVersion.Default }, WireTagsResponseSchema);
        if (!r.ok) return r;
        tags = r.value.tags;
      }
      if (tags !== undefined) return ok({ tags });
      const c = await getContact(contactId);
      return c.ok ? ok({ tags: c.value.tags }) : c;
    },

    async setDnd({ contactId, dnd, channel, reason }) {
      if (!contactId) return invalidInput('contactId is required');
      const body = channel
        ? { dndSettings: { [channel]: { status: dnd ? 'active' : 'inactive', ...(reason ? { message: reason } : {}) } } }
        : { dnd };
      const r = await call({ method: 'PUT', path: `/contacts/${enc(contactId)}`, body, version: GhlApiVersion.Default }, WireContactResponseSchema);
      return r.ok ? ok(normalizeContact(r.value.contact)) : r;
    },

    rateLimitState: () => limiter.state(),
  };
}

import { failure, ok, type AppFailure } from '../../lib/result.js';
import { GhlFailureCode, type GhlAppointment, type GhlClient, type GhlContact, type GhlSlot } from './interface.js';

export interface FakeGhlClientOptions {
  contacts?: GhlContact[];
  /** contact ids per pipeline stage id */
  stages?: Record<string, string[]>;
  /** free slots per calendar id */
  slots?: Record<string, GhlSlot[]>;
  /** Fail every call with this failure (e.g. `circuit_open`). */
  fail?: AppFailure;
}

export interface FakeGhlCalls {
  messages: Array<{ type: 'SMS' | 'Email'; contactId: string; message?: string; subject?: string; html?: string; toNumber?: string; emailTo?: string; messageId?: string }>;
  /** Contacts created by `upsertContact`. */
  created: GhlContact[];
  enrolments: Array<{ action: 'add' | 'remove'; contactId: string; workflowId: string }>;
  appointments: GhlAppointment[];
}

/**
 * An in-memory GoHighLevel port for service tests: contacts, stages and slots as given; SMS/email to a
 * contact with DND on that channel fail like HighLevel does (non-retryable bad_request). Records sends,
 * workflow enrolments and bookings in `calls`.
 */
export function createFakeGhlClient(options: FakeGhlClientOptions = {}): GhlClient & { calls: FakeGhlCalls } {
  const contacts = new Map((options.contacts ?? []).map((c) => [c.id, structuredClone(c)]));
  const slots = structuredClone(options.slots ?? {});
  const calls: FakeGhlCalls = { messages: [], created: [], enrolments: [], appointments: [] };
  let seq = 0;
  const find = (id: string) => {
    const c = contacts.get(id);
    return c ? ok(c) : failure(GhlFailureCode.NotFound, `GoHighLevel contact ${id} not found`, false);
  };
  const blocked = (c: GhlContact, channel: 'SMS' | 'Email') => c.dnd || c.dndChannels.includes(channel);
  const guard = <T>(fn: () => T) => async () => (options.fail ? { ok: false as const, error: options.fail } : fn());

  return {
    calls,
    getContact: (id) => guard(() => find(id))(),
    findContact: ({ phone, email }) =>
      guard(() => {
        const e = email?.toLowerCase();
        const c = [...contacts.values()].find((x) => (phone !== undefined && x.phone === phone) || (e !== undefined && x.email === e));
        return ok(c ? structuredClone(c) : null);
      })(),
    upsertContact: ({ phone, email, firstName, lastName }) =>
      guard(() => {
        const e = email?.toLowerCase();
        const found = [...contacts.values()].find((x) => (e !== undefined && x.email === e) || (phone !== undefined && x.phone === phone));
        if (found) return ok({ contact: structuredClone(found), created: false });
        const c: GhlContact = {
          id: `fake_ct_${++seq}`, locationId: null, firstName: firstName ?? null, lastName: lastName ?? null,
          name: [firstName, lastName].filter(Boolean).join(' ') || null, phone: phone ?? null, email: e ?? null, tags: [], dnd: false, dndChannels: [],
          dateAdded: null, dateUpdated: null, lastActivity: null,
        };
        contacts.set(c.id, c);
        calls.created.push(structuredClone(c));
        return ok({ contact: structuredClone(c), created: true });
      })(),
    getContactsByPipelineStage: ({ stageId, limit = 100 }) =>
      guard(() => ok((options.stages?.[stageId] ?? []).flatMap((id) => (contacts.has(id) ? [contacts.get(id)!] : [])).slice(0, limit)))(),
    getContactsInactiveSince: ({ since, limit = 100 }) =>
      guard(() => {
        const t = new Date(since).getTime();
        return ok([...contacts.values()].filter((c) => [c.dateUpdated, c.lastActivity].every((x) => x === null || Date.parse(x) <= t)).slice(0, limit));
      })(),
    sendSms: ({ contactId, message, toNumber }) =>
      guard(() => {
        const c = find(contactId);
        if (!c.ok) return c;
        if (blocked(c.value, 'SMS')) return failure(GhlFailureCode.BadRequest, 'Cannot send message as DND is active for SMS.', false);
        const messageId = `fake_msg_${++seq}`;
        calls.messages.push({ type: 'SMS', contactId, message, ...(toNumber ? { toNumber } : {}), messageId });
        return ok({ messageId, conversationId: `fake_conv_${contactId}`, emailMessageId: null });
      })(),
    sendEmail: ({ contactId, subject, html, text, emailTo }) =>
      guard(() => {
        const c = find(contactId);
        if (!c.ok) return c;
        if (blocked(c.value, 'Email')) return failure(GhlFailureCode.BadRequest, 'Cannot send message as DND is active for Email.', false);
        calls.messages.push({ type: 'Email', contactId, subject, ...(html ? { html } : {}), ...(text ? { message: text } : {}), ...(emailTo ? { emailTo } : {}) });
        const messageId = `fake_msg_${++seq}`;
        return ok({ messageId, conversationId: `fake_conv_${contactId}`, emailMessageId: `fake_em_${seq}` });
      })(),
    addToWorkflow: ({ contactId, workflowId }) =>
      guard(() => {
        calls.enrolments.push({ action: 'add', contactId, workflowId });
        return ok({ contactId, workflowId });
      })(),
    removeFromWorkflow: ({ contactId, workflowId }) =>
      guard(() => {
        calls.enrolments.push({ action: 'remove', contactId, workflowId });
        return ok({ contactId, workflowId });
      })(),
    listContactMessages: ({ contactId }) =>
      guard(() =>
        ok(
          calls.messages
            .filter((m) => m.contactId === contactId && m.messageId)
            .reverse()
            .map((m) => ({ id: m.messageId!, conversationId: `fake_conv_${contactId}`, direction: 'outbound', messageType: m.type, body: m.message ?? '', status: 'delivered', dateAdded: null })),
        ),
      )(),
    getFreeSlots: ({ calendarId }) => guard(() => ok([...(slots[calendarId] ?? [])]))(),
    createAppointment: ({ calendarId, contactId, startTime, endTime, title, status = 'confirmed' }) =>
      guard(() => {
        const start = new Date(startTime).toISOString();
        const free = slots[calendarId] ?? [];
        const i = free.findIndex((s) => s.startTime === start);
        if (i < 0) return failure(GhlFailureCode.BadRequest, 'The slot you have selected is no longer available.', false);
        free.splice(i, 1);
        const a: GhlAppointment = { id: `fake_appt_${++seq}`, calendarId, contactId, title, startTime: start, endTime: new Date(endTime).toISOString(), status };
        calls.appointments.push(a);
        return ok(a);
      })(),
    updateTags: ({ contactId, add = [], remove = [] }) =>
      guard(() => {
        const c = find(contactId);
        if (!c.ok) return c;
        c.value.tags = [...new Set([...c.value.tags, ...add])].filter((t) => !remove.includes(t));
        return ok({ tags: c.value.tags });
      })(),
    setDnd: ({ contactId, dnd, channel }) =>
      guard(() => {
        const c = find(contactId);
        if (!c.ok) return c;
        if (!channel) c.value.dnd = dnd;
        else c.value.dndChannels = dnd ? [...new Set([...c.value.dndChannels, channel])].sort() : c.value.dndChannels.filter((x) => x !== channel);
        return ok(structuredClone(c.value));
      })(),
    rateLimitState: () => ({ burstRemaining: 100, dailyRemaining: 200_000 }),
  };
}

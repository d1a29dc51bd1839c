/**
 * A local LeadConnector-compatible server (API v2) for contract tests: the endpoints Curb's GoHighLevel
 * adapter uses, with HighLevel's documented request and response shapes, Bearer auth (401), the
 * per-family `Version` header (400 when missing or wrong), `X-RateLimit-*` headers on every answer, a
 * burst limiter that answers 429 with `Retry-After`, scenario switches (500s, hangs, forced 429s) and a
 * signer for webhook deliveries (`x-wh-signature`, RSA-SHA256 with a key pair made for the test run).
 * All people, numbers and ids are fictional (555-01xx numbers).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface GhlServerScenario {
  /** The next N API calls answer 500. */
  fail500: number;
  /** The next N API calls never answer. */
  hang: number;
  /** The next N API calls answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimited: number;
  retryAfterSeconds: number;
  /** Overrides `X-RateLimit-Daily-Remaining` (e.g. 0 to tell the client the day is spent). */
  dailyRemaining: number | undefined;
}

export interface FakeContact {
  id: string;
  locationId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  tags: string[];
  dnd: boolean;
  dndSettings: Record<string, { status: string; message?: string; code?: string }>;
  dateAdded: string;
  dateUpdated: string;
  /** HighLevel sends it as epoch milliseconds on some records */
  lastActivity?: number | string;
}

export interface FakeOpportunity {
  id: string;
  name: string;
  pipelineId: string;
  pipelineStageId: string;
  status: 'open' | 'won' | 'lost' | 'abandoned';
  monetaryValue: number;
  contactId: string;
  updatedAt: string;
}

export interface FakeCalendar {
  id: string;
  /** free slot starts, ISO instants */
  slots: string[];
  slotMinutes: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  version: string | undefined;
  authorization: string | undefined;
  body: unknown;
  at: number;
}

export interface FakeGhlServer {
  baseUrl: string;
  token: string;
  locationId: string;
  scenario: GhlServerScenario;
  contacts: Map<string, FakeContact>;
  opportunities: FakeOpportunity[];
  calendars: Map<string, FakeCalendar>;
  workflows: Set<string>;
  requests: RecordedRequest[];
  messages: Array<{ type: string; contactId: string; message?: string; subject?: string; html?: string; emailFrom?: string; emailTo?: string; fromNumber?: string; toNumber?: string; messageId: string; dateAdded?: string }>;
  enrolments: Array<{ action: 'add' | 'remove'; contactId: string; workflowId: string; eventStartTime?: string }>;
  appointments: Array<Record<string, unknown>>;
  /** Highest number of requests accepted inside any one burst window, and how many were refused. */
  burst: { maxInWindow: number; throttled: number };
  /** Builds a signed webhook delivery, shaped like HighLevel's (webhookId and timestamp added). */
  delivery(payload: Record<string, unknown>, o?: { webhookId?: string; timestamp?: string }): { rawBody: string; signature: string; headers: Record<string, string> };
  publicKeyPem: string;
  reset(): void;
  close(): Promise<void>;
}

export interface StartGhlServerOptions {
  token?: string;
  locationId?: string;
  /** The server's clock for the burst window; share the client's manual clock in tests. */
  nowMs?: () => number;
  burstMax?: number;
  burstIntervalMs?: number;
  dailyLimit?: number;
}

const VERSION_DEFAULT = '2021-07-28';
/** Calendars and conversations document `Version: 2021-04-15`; contacts and opportunities `2021-07-28`. */
const VERSION_2021_04_15 = '2021-04-15';

const fixturesDir = fileURLToPath(new URL('../fixtures/ghl/', import.meta.url));

/** A sample payload from test/fixtures/ghl, e.g. `loadGhlFixture('inbound-message')`. */
export function loadGhlFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${fixturesDir}${name}.json`, 'utf8')) as Record<string, unknown>;
}

let keys: { publicKey: string; privateKey: string } | undefined;
/** One RSA key pair per test process: generating 2048-bit keys is slow enough to share. */
export function testWebhookKeys(): { publicKey: string; privateKey: string } {
  keys ??= generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return keys;
}

export function signGhlBody(rawBody: string | Buffer, privateKeyPem = testWebhookKeys().privateKey): string {
  return sign('sha256', typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody, privateKeyPem).toString('base64');
}

/** `2025-03-05T10:00:00-05:00` for an instant in a zone, like HighLevel's free-slot strings. */
function localIso(ms: number, timeZone: string): { iso: string; date: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { iso: `${date}T${parts.hour}:${parts.minute}:${parts.second}${offset}`, date };
}

const defaults = (): GhlServerScenario => ({ fail500: 0, hang: 0, rateLimited: 0, retryAfterSeconds: 1, dailyRemaining: undefined });

function seedContacts(locationId: string): Map<string, FakeContact> {
  const m = new Map<string, FakeContact>();
  const add = (c: Omit<FakeContact, 'locationId' | 'dndSettings' | 'dnd' | 'tags'> & Partial<FakeContact>): void => {
    m.set(c.id, { locationId, tags: [], dnd: false, dndSettings: {}, ...c });
  };
  add({ id: 'ct_ann', firstName: 'Ann', lastName: 'Lee', email: 'Ann.Lee@Example.com', phone: '+14075550101', tags: ['sdr'], dateAdded: '2024-11-02T10:00:00.000Z', dateUpdated: '2025-02-20T10:00:00.000Z', lastActivity: Date.parse('2025-02-21T09:00:00.000Z') });
  add({ id: 'ct_bob', firstName: 'Bob', lastName: 'Reyes', email: 'bob.reyes@example.com', phone: '+14075550102', dnd: false, dndSettings: { SMS: { status: 'active', message: 'Replied STOP' } }, dateAdded: '2024-10-01T10:00:00.000Z', dateUpdated: '2024-12-01T10:00:00.000Z' });
  add({ id: 'ct_cara', firstName: 'Cara', lastName: 'Nunez', phone: '+14075550103', dateAdded: '2024-09-01T10:00:00.000Z', dateUpdated: '2024-12-15T10:00:00.000Z', lastActivity: '2025-02-25T10:00:00.000Z' });
  add({ id: 'ct_dan', firstName: 'Dan', lastName: 'Okafor', email: 'dan.okafor@example.com', dateAdded: '2024-08-01T10:00:00.000Z', dateUpdated: '2024-11-20T10:00:00.000Z' });
  // 120 stale leads in one stage so pipeline sourcing needs two pages.
  for (let i = 0; i < 120; i++) {
    const n = String(i).padStart(3, '0');
    add({ id: `ct_lead_${n}`, firstName: `Lead${n}`, lastName: 'Owner', phone: `+1407555${String(1000 + i).slice(-4)}`, dateAdded: '2024-06-01T10:00:00.000Z', dateUpdated: new Date(Date.parse('2024-07-01T00:00:00.000Z') + i * 3_600_000).toISOString() });
  }
  return m;
}

function seedOpportunities(): FakeOpportunity[] {
  const o: FakeOpportunity[] = [
    { id: 'opp_ann', name: '12 Elm St', pipelineId: 'pl_acq', pipelineStageId: 'stage_new', status: 'open', monetaryValue: 185000, contactId: 'ct_ann', updatedAt: '2025-02-20T10:00:00.000Z' },
    { id: 'opp_bob', name: '9 Oak Ave', pipelineId: 'pl_acq', pipelineStageId: 'stage_new', status: 'open', monetaryValue: 140000, contactId: 'ct_bob', updatedAt: '2024-12-01T10:00:00.000Z' },
    { id: 'opp_cara', name: '3 Pine Rd', pipelineId: 'pl_acq', pipelineStageId: 'stage_offer', status: 'open', monetaryValue: 99000, contactId: 'ct_cara', updatedAt: '2024-12-15T10:00:00.000Z' },
    { id: 'opp_ann_2', name: '12 Elm St (dup)', pipelineId: 'pl_other', pipelineStageId: 'stage_new', status: 'open', monetaryValue: 0, contactId: 'ct_ann', updatedAt: '2025-02-20T10:00:00.000Z' },
  ];
  for (let i = 0; i < 120; i++) {
    const n = String(i).padStart(3, '0');
    o.push({ id: `opp_lead_${n}`, name: `Lead ${n}`, pipelineId: 'pl_stale', pipelineStageId: 'stage_stale', status: 'open', monetaryValue: 0, contactId: `ct_lead_${n}`, updatedAt: '2024-07-01T00:00:00.000Z' });
  }
  return o;
}

function seedCalendars(): Map<string, FakeCalendar> {
  const slots: string[] = [];
  // 2025-03-05 and 2025-03-06, 09:00-12:00 New York (UTC-5), every 30 minutes.
  for (const day of ['2025-03-05', '2025-03-06']) for (let h = 14; h < 17; h++) for (const m of ['00', '30']) slots.push(`${day}T${h}:${m}:00.000Z`);
  return new Map([['cal_sdr', { id: 'cal_sdr', slots, slotMinutes: 30 }]]);
}

export async function startGhlServer(options: StartGhlServerOptions = {}): Promise<FakeGhlServer> {
  const token = options.token ?? 'pit-test-token';
  const locationId = options.locationId ?? 'loc_curb_demo';
  const nowMs = options.nowMs ?? (() => Date.now());
  const burstMax = options.burstMax ?? 100;
  const burstIntervalMs = options.burstIntervalMs ?? 10_000;
  const dailyLimit = options.dailyLimit ?? 200_000;
  const sockets = new Set<Socket>();
  let accepted: number[] = [];
  let dailyUsed = 0;
  let seq = 0;

  const state: Omit<FakeGhlServer, 'baseUrl' | 'token' | 'locationId' | 'delivery' | 'publicKeyPem' | 'reset' | 'close'> = {
    scenario: defaults(),
    contacts: seedContacts(locationId),
    opportunities: seedOpportunities(),
    calendars: seedCalendars(),
    workflows: new Set(['wf_sms_1', 'wf_email_1', 'wf_vm_drop']),
    requests: [],
    messages: [],
    enrolments: [],
    appointments: [],
    burst: { maxInWindow: 0, throttled: 0 },
  };

  const wireContact = (c: FakeContact): Record<string, unknown> => ({
    id: c.id,
    locationId: c.locationId,
    contactName: [c.firstName, c.lastName].filter(Boolean).join(' ').toLowerCase(),
    firstName: c.firstName ?? null,
    lastName: c.lastName ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    tags: c.tags,
    dnd: c.dnd,
    dndSettings: c.dndSettings,
    dateAdded: c.dateAdded,
    dateUpdated: c.dateUpdated,
    ...(c.lastActivity === undefined ? {} : { lastActivity: c.lastActivity }),
    type: 'lead',
    source: 'curb-test',
  });

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string, baseUrl: string): void => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const version = typeof req.headers.version === 'string' ? req.headers.version : undefined;
    let body: unknown;
    try {
      body = raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    const now = nowMs();
    state.requests.push({ method, path, query: Object.fromEntries(url.searchParams), version, authorization: req.headers.authorization, body, at: now });

    accepted = accepted.filter((t) => t > now - burstIntervalMs);
    const sc = state.scenario;
    const limitHeaders = (): Record<string, string> => ({
      'X-RateLimit-Limit-Daily': String(dailyLimit),
      'X-RateLimit-Daily-Remaining': String(sc.dailyRemaining ?? Math.max(0, dailyLimit - dailyUsed)),
      'X-RateLimit-Interval-Milliseconds': String(burstIntervalMs),
      'X-RateLimit-Max': String(burstMax),
      'X-RateLimit-Remaining': String(Math.max(0, burstMax - accepted.length)),
    });
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...limitHeaders(), ...headers });
      res.end(JSON.stringify(payload));
    };
    const error = (status: number, message: string | string[]): void =>
      json(status, { statusCode: status, message, error: ({ 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error' } as Record<number, string>)[status] ?? 'Error' });

    if (req.headers.authorization !== `Bearer ${token}`) return error(401, 'Invalid JWT');
    const expected = path.startsWith('/calendars') || path.startsWith('/conversations') ? VERSION_2021_04_15 : VERSION_DEFAULT;
    if (!version) return error(400, 'Version header was not found');
    if (version !== expected) return error(400, `Version ${version} is not supported for this endpoint; use ${expected}`);

    if (accepted.length >= burstMax) {
      state.burst.throttled++;
      const retryMs = accepted[0]! + burstIntervalMs - now;
      return json(429, { statusCode: 429, message: 'Too many requests', error: 'Too Many Requests' }, { 'Retry-After': String(Math.max(1, Math.ceil(retryMs / 1000))) });
    }
    if (sc.hang > 0) {
      sc.hang--;
      return;
    }
    if (sc.rateLimited > 0) {
      sc.rateLimited--;
      state.burst.throttled++;
      return json(429, { statusCode: 429, message: 'Too many requests' }, { 'Retry-After': String(sc.retryAfterSeconds), 'X-RateLimit-Remaining': '0' });
    }
    accepted.push(now);
    dailyUsed++;
    state.burst.maxInWindow = Math.max(state.burst.maxInWindow, accepted.length);
    if (sc.fail500 > 0) {
      sc.fail500--;
      return error(500, 'Internal server error');
    }
    route(method, path, url, body, json, error);
  };

  const route = (
    method: string,
    path: string,
    url: URL,
    body: unknown,
    json: (status: number, payload: unknown, headers?: Record<string, string>) => void,
    error: (status: number, message: string | string[]) => void,
  ): void => {
    const b = (body ?? {}) as Record<string, unknown>;
    let m: RegExpMatchArray | null;

    if (method === 'GET' && path === '/opportunities/search') {
      const q = url.searchParams;
      if (q.get('location_id') !== locationId) return error(422, ['location_id must be the token location']);
      const limit = Number(q.get('limit') ?? 20);
      if (!(limit >= 1 && limit <= 100)) return error(422, ['limit must not be greater than 100']);
      const stage = q.get('pipeline_stage_id');
      const pipeline = q.get('pipeline_id');
      const all = state.opportunities
        .filter((o) => (!stage || o.pipelineStageId === stage) && (!pipeline || o.pipelineId === pipeline))
        .sort((a, z) => a.id.localeCompare(z.id));
      const after = q.get('startAfterId');
      const from = after ? all.findIndex((o) => o.id === after) + 1 : 0;
      const page = all.slice(from, from + limit);
      const more = from + limit < all.length;
      const last = page[page.length - 1];
      const next = new URL(url);
      if (last) next.searchParams.set('startAfterId', last.id);
      if (last) next.searchParams.set('startAfter', String(Date.parse(last.updatedAt)));
      return json(200, {
        opportunities: page.map((o) => {
          const c = state.contacts.get(o.contactId);
          return {
            ...o,
            lastStatusChangeAt: o.updatedAt,
            createdAt: o.updatedAt,
            contact: c ? { id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' '), companyName: null, email: c.email ?? null, phone: c.phone ?? null, tags: c.tags } : undefined,
          };
        }),
        meta: {
          total: all.length,
          nextPageUrl: more ? next.toString() : null,
          startAfterId: last?.id ?? null,
          startAfter: last ? Date.parse(last.updatedAt) : null,
          currentPage: Math.floor(from / limit) + 1,
          nextPage: more ? Math.floor(from / limit) + 2 : null,
          prevPage: from > 0 ? Math.floor(from / limit) : null,
        },
        aggregations: {},
      });
    }

    if (method === 'POST' && path === '/contacts/search') {
      if (b.locationId !== locationId) return error(422, ['locationId must be the token location']);
      const page = Number(b.page ?? 1);
      const pageLimit = Number(b.pageLimit ?? 20);
      if (!(pageLimit >= 1 && pageLimit <= 500)) return error(422, ['pageLimit must not be greater than 500']);
      let list = [...state.contacts.values()];
      for (const f of (b.filters as Array<{ field: string; operator: string; value: Record<string, string> }> | undefined) ?? []) {
        if (f.operator !== 'range' || !['dateUpdated', 'dateAdded'].includes(f.field)) return error(422, [`unsupported filter ${f.field} ${f.operator}`]);
        const key = f.field as 'dateUpdated' | 'dateAdded';
        const v = f.value;
        list = list.filter((c) => {
          const t = Date.parse(c[key]);
          return (v.lte === undefined || t <= Date.parse(v.lte)) && (v.lt === undefined || t < Date.parse(v.lt)) && (v.gte === undefined || t >= Date.parse(v.gte)) && (v.gt === undefined || t > Date.parse(v.gt));
        });
      }
      const sort = (b.sort as Array<{ field: string; direction: string }> | undefined)?.[0];
      if (sort?.field === 'dateUpdated') list.sort((a, z) => (sort.direction === 'desc' ? -1 : 1) * a.dateUpdated.localeCompare(z.dateUpdated));
      return json(200, { contacts: list.slice((page - 1) * pageLimit, page * pageLimit).map(wireContact), total: list.length });
    }

    if (method === 'GET' && path === '/contacts/search/duplicate') {
      const q = url.searchParams;
      if (q.get('locationId') !== locationId) return error(422, ['locationId must be the token location']);
      const number = q.get('number');
      const email = q.get('email')?.toLowerCase();
      if (!number && !email) return error(422, ['number or email is required']);
      // With "Allow Duplicate Contact" off HighLevel matches email first, then phone.
      const all = [...state.contacts.values()];
      const c = (email ? all.find((x) => x.email?.toLowerCase() === email) : undefined) ?? (number ? all.find((x) => x.phone === number) : undefined);
      return json(200, { contact: c ? wireContact(c) : null, traceId: `trace_${++seq}` });
    }

    if (method === 'POST' && path === '/contacts/upsert') {
      if (b.locationId !== locationId) return error(422, ['locationId must be the token location']);
      const phone = typeof b.phone === 'string' ? b.phone : undefined;
      const email = typeof b.email === 'string' ? b.email.toLowerCase() : undefined;
      if (!phone && !email) return error(400, 'Contact must have a phone or an email');
      if (phone && !/^\+[1-9]\d{6,14}$/.test(phone)) return error(422, ['phone must be a valid phone number']);
      const all = [...state.contacts.values()];
      const found = (email ? all.find((x) => x.email?.toLowerCase() === email) : undefined) ?? (phone ? all.find((x) => x.phone === phone) : undefined);
      const at = new Date(nowMs()).toISOString();
      if (found) {
        if (typeof b.firstName === 'string') found.firstName = b.firstName;
        if (typeof b.lastName === 'string') found.lastName = b.lastName;
        if (phone && !found.phone) found.phone = phone;
        if (email && !found.email) found.email = email;
        found.dateUpdated = at;
        return json(200, { new: false, contact: wireContact(found), traceId: `trace_${++seq}` });
      }
      const c: FakeContact = {
        id: `ct_new_${String(++seq).padStart(5, '0')}`,
        locationId,
        ...(typeof b.firstName === 'string' ? { firstName: b.firstName } : {}),
        ...(typeof b.lastName === 'string' ? { lastName: b.lastName } : {}),
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
        tags: [],
        dnd: false,
        dndSettings: {},
        dateAdded: at,
        dateUpdated: at,
      };
      state.contacts.set(c.id, c);
      return json(200, { new: true, contact: wireContact(c), traceId: `trace_${++seq}` });
    }

    if ((m = path.match(/^\/contacts\/([^/]+)\/workflow\/([^/]+)$/)) && (method === 'POST' || method === 'DELETE')) {
      const [, contactId, workflowId] = m as unknown as [string, string, string];
      if (!state.contacts.has(contactId)) return error(404, 'Contact not found');
      if (!state.workflows.has(workflowId)) return error(404, 'Workflow not found');
      const eventStartTime = typeof b.eventStartTime === 'string' ? b.eventStartTime : undefined;
      state.enrolments.push({ action: method === 'POST' ? 'add' : 'remove', contactId, workflowId, ...(eventStartTime ? { eventStartTime } : {}) });
      return json(method === 'POST' ? 201 : 200, { succeded: true });
    }

    if ((m = path.match(/^\/contacts\/([^/]+)\/tags$/)) && (method === 'POST' || method === 'DELETE')) {
      const c = state.contacts.get(m[1]!);
      if (!c) return error(404, 'Contact not found');
      const tags = b.tags;
      if (!Array.isArray(tags) || tags.length === 0) return error(422, ['tags must be a non-empty array']);
      c.tags = method === 'POST' ? [...new Set([...c.tags, ...(tags as string[])])] : c.tags.filter((t) => !(tags as string[]).includes(t));
      return json(method === 'POST' ? 201 : 200, { tags: c.tags });
    }

    if ((m = path.match(/^\/contacts\/([^/]+)$/)) && (method === 'GET' || method === 'PUT')) {
      const c = state.contacts.get(m[1]!);
      if (!c) return error(404, 'Contact not found');
      if (method === 'PUT') {
        if (typeof b.dnd === 'boolean') c.dnd = b.dnd;
        if (b.dndSettings && typeof b.dndSettings === 'object') c.dndSettings = { ...c.dndSettings, ...(b.dndSettings as FakeContact['dndSettings']) };
        c.dateUpdated = new Date(nowMs()).toISOString();
        return json(200, { succeded: true, contact: wireContact(c) });
      }
      return json(200, { contact: wireContact(c) });
    }

    if (method === 'POST' && path === '/conversations/messages') {
      const type = b.type;
      const contactId = typeof b.contactId === 'string' ? b.contactId : '';
      if (type !== 'SMS' && type !== 'Email') return error(422, ['type must be one of SMS, Email, WhatsApp, IG, FB, Custom, Live_Chat']);
      const c = state.contacts.get(contactId);
      if (!c) return error(400, 'Contact not found');
      if (type === 'SMS' && !b.message) return error(422, ['message should not be empty']);
      if (type === 'SMS' && !c.phone && !b.toNumber) return error(400, 'Contact has no phone number');
      if (type === 'Email' && (!b.subject || (!b.html && !b.message))) return error(422, ['subject and html or message are required for Email']);
      if (type === 'Email' && !c.email && !b.emailTo) return error(400, 'Contact has no email');
      if (c.dnd || c.dndSettings[type]?.status === 'active') return error(400, `Cannot send message as DND is active for ${type}.`);
      const messageId = `msg_${String(++seq).padStart(5, '0')}`;
      state.messages.push({ type, contactId, messageId, ...(b as object), dateAdded: new Date(nowMs()).toISOString() } as FakeGhlServer['messages'][number]);
      // The documented success status of send-a-new-message is 200.
      return json(200, { conversationId: `conv_${contactId}`, messageId, ...(type === 'Email' ? { emailMessageId: `em_${messageId}` } : {}), msg: 'Message queued successfully.' });
    }

    if (method === 'GET' && path === '/conversations/search') {
      // One conversation per contact, as HighLevel keeps it; the id is the one send-a-message answers.
      const contactId = url.searchParams.get('contactId');
      if (url.searchParams.get('locationId') !== locationId) return error(422, ['locationId must be the token location']);
      const ids = [...new Set(state.messages.filter((x) => !contactId || x.contactId === contactId).map((x) => x.contactId))];
      const conversations = ids.map((id) => ({ id: `conv_${id}`, contactId: id, locationId, lastMessageDate: Date.parse(state.messages.filter((x) => x.contactId === id).at(-1)?.dateAdded ?? '') || null }));
      return json(200, { conversations, total: conversations.length });
    }

    if (method === 'GET' && (m = path.match(/^\/conversations\/([^/]+)\/messages$/))) {
      const contactId = m[1]!.replace(/^conv_/, '');
      const all = state.messages.filter((x) => x.contactId === contactId).reverse();
      if (all.length === 0 && !state.contacts.has(contactId)) return error(404, 'Conversation not found');
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 20) || 20);
      const after = url.searchParams.get('lastMessageId');
      const start = after ? all.findIndex((x) => x.messageId === after) + 1 : 0;
      const page = all.slice(start, start + limit);
      return json(200, {
        messages: {
          lastMessageId: page.at(-1)?.messageId ?? null,
          nextPage: start + limit < all.length,
          messages: page.map((x) => ({
            id: x.messageId,
            type: x.type === 'SMS' ? 2 : 3,
            messageType: x.type === 'SMS' ? 'TYPE_SMS' : 'TYPE_EMAIL',
            direction: 'outbound',
            status: 'delivered',
            body: x.message ?? '',
            contactId,
            conversationId: `conv_${contactId}`,
            locationId,
            dateAdded: x.dateAdded,
          })),
        },
      });
    }

    if (method === 'GET' && (m = path.match(/^\/calendars\/([^/]+)\/free-slots$/))) {
      const cal = state.calendars.get(m[1]!);
      if (!cal) return error(404, 'Calendar not found');
      const start = Number(url.searchParams.get('startDate'));
      const end = Number(url.searchParams.get('endDate'));
      if (!Number.isFinite(start) || !Number.isFinite(end) || start <= 0 || end <= start) return error(422, ['startDate and endDate must be epoch milliseconds']);
      const tz = url.searchParams.get('timezone') || 'UTC';
      const out: Record<string, unknown> = {};
      for (const s of cal.slots) {
        const t = Date.parse(s);
        if (t < start || t > end) continue;
        const { iso, date } = localIso(t, tz);
        ((out[date] ??= { slots: [] as string[] }) as { slots: string[] }).slots.push(iso);
      }
      return json(200, { ...out, traceId: `trace_${++seq}` });
    }

    if (method === 'POST' && path === '/calendars/events/appointments') {
      const cal = state.calendars.get(String(b.calendarId));
      if (!cal) return error(400, 'Calendar not found');
      if (b.locationId !== locationId) return error(422, ['locationId must be the token location']);
      if (!state.contacts.has(String(b.contactId))) return error(400, 'Contact not found');
      const start = Date.parse(String(b.startTime));
      if (Number.isNaN(start) || Number.isNaN(Date.parse(String(b.endTime)))) return error(422, ['startTime and endTime must be ISO date-times']);
      const i = cal.slots.findIndex((s) => Date.parse(s) === start);
      if (i < 0 && b.ignoreDateRange !== true) return error(400, 'The slot you have selected is no longer available.');
      if (i >= 0) cal.slots.splice(i, 1);
      const appt = {
        id: `appt_${String(++seq).padStart(5, '0')}`,
        calendarId: cal.id,
        locationId,
        contactId: b.contactId,
        title: b.title ?? 'Appointment',
        startTime: b.startTime,
        endTime: b.endTime,
        appointmentStatus: b.appointmentStatus ?? 'new',
        assignedUserId: 'usr_sam',
        isRecurring: false,
      };
      state.appointments.push(appt);
      return json(201, appt);
    }

    return error(404, `Cannot ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8'), baseUrl));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const { publicKey, privateKey } = testWebhookKeys();

  return Object.assign(state, {
    baseUrl,
    token,
    locationId,
    publicKeyPem: publicKey,
    delivery(payload: Record<string, unknown>, o: { webhookId?: string; timestamp?: string } = {}) {
      const full = { ...payload, ...(o.webhookId ? { webhookId: o.webhookId } : {}), ...(o.timestamp ? { timestamp: o.timestamp } : {}) };
      const rawBody = JSON.stringify(full);
      const signature = signGhlBody(rawBody, privateKey);
      return { rawBody, signature, headers: { 'content-type': 'application/json', 'x-wh-signature': signature } };
    },
    reset() {
      state.scenario = defaults();
      state.contacts = seedContacts(locationId);
      state.opportunities = seedOpportunities();
      state.calendars = seedCalendars();
      state.requests.length = 0;
      state.messages.length = 0;
      state.enrolments.length = 0;
      state.appointments.length = 0;
      state.burst = { maxInWindow: 0, throttled: 0 };
      accepted = [];
      dailyUsed = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

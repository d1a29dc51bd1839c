/**
 * A local Twilio-compatible REST server for contract tests of the SMS and voice channels through the
 * official SDK. It speaks the 2010-04-01 API for the two resources we use — `Messages.json` and
 * `Calls.json` — with Basic auth (AccountSid:AuthToken), form-encoded bodies, Twilio-shaped 201 answers
 * and Twilio's error JSON `{ code, message, more_info, status }`. It can also POST signed status
 * callbacks, like Twilio does, to a URL of the test's choosing. All numbers are fictional (555).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { countSegments } from '../../src/domain/messages/count-segments.js';
import { twilioSignatureFor } from '../../src/adapters/sms/verify-twilio-signature.js';

export interface TwilioErrorSpec {
  code: number;
  status?: number;
  message?: string;
}

export interface TwilioScenario {
  /** The next N requests answer 500 (Twilio error 20500). */
  fail500: number;
  /** The next N requests answer 429 (Twilio error 20429). */
  rateLimited: number;
  /** The next N requests never answer (the client must time out). Set `recordHung` to record them first. */
  hang: number;
  /** Record a hung request as accepted before hanging, as when Twilio acted but the answer was lost. */
  recordHung: boolean;
  /** Per recipient (To), answer this Twilio error instead of creating the message or call. */
  errorsByRecipient: Record<string, TwilioErrorSpec>;
}

export interface RecordedMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  validityPeriod: number | null;
  numSegments: number;
  createdAt: Date;
}

export interface RecordedCall {
  sid: string;
  to: string;
  from: string;
  twiml: string | null;
  url: string | null;
  machineDetection: string | null;
  statusCallback: string | null;
}

export interface FakeTwilioServer {
  /** Pass as `apiBaseUrl` to `createTwilioClient`. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  scenario: TwilioScenario;
  messages: RecordedMessage[];
  calls: RecordedCall[];
  /** Every request that reached a resource, including failed ones. */
  requests: Array<{ path: string; params: Record<string, string>; authorized: boolean }>;
  /** TCP connections accepted since start or reset (a keep-alive client opens few). */
  connections(): number;
  /** How many times each To+Body pair was accepted: any value above 1 is a duplicate text. */
  duplicates(): Array<{ to: string; body: string; count: number }>;
  /**
   * POSTs a form-encoded status callback, signed with X-Twilio-Signature as Twilio signs it, to `url`
   * (default: the message's own StatusCallback). Answers the receiver's HTTP status.
   */
  sendStatusCallback(o: { messageSid: string; status: string; errorCode?: number; url?: string }): Promise<number>;
  reset(): void;
  close(): Promise<void>;
}

const defaults = (): TwilioScenario => ({ fail500: 0, rateLimited: 0, hang: 0, recordHung: false, errorsByRecipient: {} });
const sidOf = (prefix: string): string => `${prefix}${randomBytes(16).toString('hex')}`;

export async function startTwilioServer(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilioServer> {
  const accountSid = options.accountSid ?? `AC${'0123456789abcdef'.repeat(2)}`;
  const authToken = options.authToken ?? 'test-auth-token';
  const state = { scenario: defaults() };
  const messages: RecordedMessage[] = [];
  const calls: RecordedCall[] = [];
  const requests: FakeTwilioServer['requests'] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string): void =>
        json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const [path, query] = (req.url ?? '/').split('?') as [string, string | undefined];
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(path);
      if (!match || (req.method !== 'POST' && !(req.method === 'GET' && match[2] === 'Messages'))) return error(404, 20404, `The requested resource ${path} was not found`);
      if (req.method === 'GET') {
        if (req.headers.authorization !== expectedAuth || match[1] !== accountSid) return error(401, 20003, 'Authenticate');
        // Message list (Read Multiple Message resources), filtered by To and From, newest first, one page.
        const q = new URLSearchParams(query ?? '');
        const pageSize = Math.min(1000, Number(q.get('PageSize') ?? 50));
        const list = messages.filter((m) => (!q.get('To') || m.to === q.get('To')) && (!q.get('From') || m.from === q.get('From'))).reverse().slice(0, pageSize);
        const uri = `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=${pageSize}&Page=0`;
        return json(200, { messages: list.map(messageJson), end: list.length - 1, first_page_uri: uri, next_page_uri: null, page: 0, page_size: pageSize, previous_page_uri: null, start: 0, uri });
      }
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const authorized = req.headers.authorization === expectedAuth && match[1] === accountSid;
      requests.push({ path, params, authorized });
      if (!authorized) return error(401, 20003, 'Authenticate');
      const s = state.scenario;
      const resource = match[2]!;
      const record = (): Record<string, unknown> | undefined => (resource === 'Messages' ? createMessage(params) : createCall(params));
      if (s.hang > 0) {
        s.hang--;
        if (s.recordHung) record();
        return; // never answer
      }
      if (s.fail500 > 0) {
        s.fail500--;
        return error(500, 20500, 'Internal Server Error');
      }
      if (s.rateLimited > 0) {
        s.rateLimited--;
        return error(429, 20429, 'Too Many Requests');
      }
      const to = params.To;
      if (!to) return error(400, 21604, "A 'To' phone number is required.");
      const scripted = s.errorsByRecipient[to];
      if (scripted) return error(scripted.status ?? 400, scripted.code, scripted.message ?? `Twilio error ${scripted.code}`);
      const created = record();
      if (!created) return error(400, 21602, resource === 'Messages' ? 'Message body is required.' : 'Either Url or Twiml is required.');
      return json(201, created);
    });
  });

  function createMessage(p: Record<string, string>): Record<string, unknown> | undefined {
    if (!p.Body || !p.To || (!p.From && !p.MessagingServiceSid)) return undefined;
    const sid = sidOf('SM');
    const numSegments = countSegments(p.Body).segments;
    const m: RecordedMessage = {
      sid,
      to: p.To,
      from: p.From ?? null,
      messagingServiceSid: p.MessagingServiceSid ?? null,
      body: p.Body,
      statusCallback: p.StatusCallback ?? null,
      validityPeriod: p.ValidityPeriod === undefined ? null : Number(p.ValidityPeriod),
      numSegments,
      createdAt: new Date(),
    };
    messages.push(m);
    return messageJson(m);
  }

  function messageJson(m: RecordedMessage): Record<string, unknown> {
    const { sid, numSegments } = m;
    const now = m.createdAt.toUTCString();
    return {
      sid,
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: m.body,
      date_created: now,
      date_updated: now,
      date_sent: null,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      // With a Messaging Service Twilio answers "accepted" and picks the number later.
      from: m.from,
      messaging_service_sid: m.messagingServiceSid,
      num_media: '0',
      num_segments: String(numSegments),
      price: null,
      price_unit: 'USD',
      status: m.messagingServiceSid && !m.from ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to: m.to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    };
  }

  function createCall(p: Record<string, string>): Record<string, unknown> | undefined {
    if (!p.To || !p.From || (!p.Twiml && !p.Url)) return undefined;
    const sid = sidOf('CA');
    calls.push({
      sid,
      to: p.To,
      from: p.From,
      twiml: p.Twiml ?? null,
      url: p.Url ?? null,
      machineDetection: p.MachineDetection ?? null,
      statusCallback: p.StatusCallback ?? null,
    });
    const now = new Date().toUTCString();
    return {
      sid,
      account_sid: accountSid,
      api_version: '2010-04-01',
      date_created: now,
      date_updated: now,
      direction: 'outbound-api',
      from: p.From,
      from_formatted: p.From,
      to: p.To,
      to_formatted: p.To,
      status: 'queued',
      price: null,
      price_unit: 'USD',
      uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
    };
  }

  // Keep idle connections longer than any client pause, as api.twilio.com does, so a reused socket is
  // never reset under a client mid-request.
  server.keepAliveTimeout = 120_000;
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    get scenario() {
      return state.scenario;
    },
    set scenario(v) {
      state.scenario = v;
    },
    messages,
    calls,
    requests,
    connections: () => connections,
    duplicates() {
      const counts = new Map<string, { to: string; body: string; count: number }>();
      for (const m of messages) {
        const k = `${m.to}\u0000${m.body}`;
        const c = counts.get(k) ?? { to: m.to, body: m.body, count: 0 };
        c.count++;
        counts.set(k, c);
      }
      return [...counts.values()].filter((c) => c.count > 1);
    },
    async sendStatusCallback({ messageSid, status, errorCode, url }) {
      const m = messages.find((x) => x.sid === messageSid);
      const target = url ?? m?.statusCallback;
      if (!target) throw new Error(`no status callback URL for ${messageSid}`);
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: m?.from ?? '+15555550100',
        MessageSid: messageSid,
        MessageStatus: status,
        SmsSid: messageSid,
        SmsStatus: status,
        To: m?.to ?? '+15555550199',
        ...(errorCode === undefined ? {} : { ErrorCode: String(errorCode) }),
      };
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilioSignatureFor({ authToken, url: target, params }) },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    },
    reset() {
      state.scenario = defaults();
      messages.length = 0;
      calls.length = 0;
      requests.length = 0;
      connections = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A local BatchData-compatible skip-trace server (POST /api/v1/property/skip-trace, Bearer auth) for
 * contract tests. Response shapes follow the documented v1 body (florida-data.md §5.4): `result.data[]`
 * with `input.requestId` and `persons[].phones[]`, or the variant other clients read,
 * `results[]` with `persons[].phoneNumbers[]` {number,type,score}. All people and numbers are fictional
 * (555-01xx numbers).
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SkipTraceScenario {
  shape: 'phones' | 'phoneNumbers';
  /** Return result items in reverse order (results must be matched by requestId). */
  reverse: boolean;
  /** The next N calls answer 429 with Retry-After: 0. */
  rateLimited: number;
  /** Answer 403 "Insufficient balance" in the BatchData status envelope. */
  noBalance: boolean;
  /** The next N calls never answer. */
  hang: number;
  /** The next N calls answer 500. */
  fail500: number;
  /** Every person found has one phone, flagged as a TCPA litigator (`tcpa: true`), and no email. */
  litigatorsOnly: boolean;
}

export interface FakeSkipTraceServer {
  baseUrl: string;
  token: string;
  scenario: SkipTraceScenario;
  calls: Array<{ authorization: string | undefined; body: unknown }>;
  reset(): void;
  close(): Promise<void>;
}

const defaults = (): SkipTraceScenario => ({ shape: 'phones', reverse: false, rateLimited: 0, noBalance: false, hang: 0, fail500: 0, litigatorsOnly: false });

interface WireRequest {
  requestId: string;
  propertyAddress: { street: string; city?: string; state?: string; zip?: string };
  name?: { first?: string; last?: string };
}

export async function startSkipTraceServer(options: { token?: string } = {}): Promise<FakeSkipTraceServer> {
  const token = options.token ?? 'test-token';
  const state = { scenario: defaults() };
  const calls: FakeSkipTraceServer['calls'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      let body: { requests?: WireRequest[] } | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { requests?: WireRequest[] };
      } catch {
        body = undefined;
      }
      calls.push({ authorization: req.headers.authorization, body });
      const sc = state.scenario;
      if (req.method !== 'POST' || req.url !== '/api/v1/property/skip-trace') return json(404, { status: { code: 404, text: 'Not Found' } });
      if (req.headers.authorization !== `Bearer ${token}`) return json(401, { status: { code: 401, text: 'Unauthorized', message: 'Invalid token' } });
      if (sc.hang > 0) {
        sc.hang--;
        return;
      }
      if (sc.rateLimited > 0) {
        sc.rateLimited--;
        return json(429, { status: { code: 429, text: 'Too Many Requests', message: 'Rate limit exceeded' } }, { 'Retry-After': '0' });
      }
      if (sc.fail500 > 0) {
        sc.fail500--;
        return json(500, { status: { code: 500, text: 'Internal Server Error' } });
      }
      if (sc.noBalance) return json(403, { status: { code: 403, text: 'Forbidden', message: 'Insufficient balance or invalid token permission' } });
      const requests = body?.requests;
      if (!Array.isArray(requests) || requests.length === 0 || requests.length > 100) {
        return json(400, { status: { code: 400, text: 'Bad Request', message: 'requests must hold 1 to 100 items' } });
      }
      const items = requests.map((r, i) => {
        if (/NOMATCH/i.test(r.propertyAddress.street)) return { input: { requestId: r.requestId }, persons: [], meta: { matched: false } };
        const n = String(100 + (i % 100)).padStart(4, '0').slice(-4);
        const first = r.name?.first ?? 'JANE';
        const last = r.name?.last ?? 'DOE';
        const noPhone = /NOPHONE/i.test(r.propertyAddress.street);
        const phone = sc.shape === 'phones'
          ? { number: `407555${n}`, type: 'Mobile', carrier: 'ExampleTel', dnc: i % 2 === 1, tcpa: sc.litigatorsOnly, confidence: 0.9 }
          : { number: `407555${n}`, type: 'Land Line', score: 85 };
        const person = {
          name: { first, last },
          ...(noPhone ? {} : sc.shape === 'phones' ? { phones: [phone] } : { phoneNumbers: [phone] }),
          emails: sc.litigatorsOnly ? [] : [{ email: `${first}.${last}@example.com`.toLowerCase(), tested: true }],
          mailingAddress: { street: r.propertyAddress.street, city: r.propertyAddress.city, state: r.propertyAddress.state, zip: r.propertyAddress.zip },
        };
        return sc.shape === 'phones' ? { input: { requestId: r.requestId }, persons: [person], meta: { matched: true } } : { requestId: r.requestId, persons: [person] };
      });
      if (sc.reverse) items.reverse();
      if (sc.shape === 'phones') return json(200, { status: { code: 200, text: 'OK' }, result: { data: items, meta: { requestCount: requests.length } } });
      return json(200, { status: { code: 200, text: 'OK' }, results: items });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    get scenario() {
      return state.scenario;
    },
    set scenario(s) {
      state.scenario = s;
    },
    calls,
    reset() {
      state.scenario = defaults();
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A local RESO Web API (OData v4) server for contract tests: an OAuth2 client-credentials token endpoint
 * and a Property resource with `$filter` (the `eq` / `ge` / `and` / `or` subset Curb sends), `$select`,
 * `$orderby`, `$top`, `$skip`, paging by `@odata.nextLink` (or not, to exercise the `$skip` fallback),
 * and OData error bodies. Listings are fictional and generated deterministically.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ResoScenario {
  /** Send `@odata.nextLink` (true) or rely on the client's `$skip` (false). */
  nextLink: boolean;
  /** The first token issued is refused with 401 on its first use (revoked server-side). */
  revokeFirstToken: boolean;
  /** Refuse every token (credentials lost access). */
  refuseAll: boolean;
}

export interface FakeResoServer {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  listings: Array<Record<string, unknown>>;
  scenario: ResoScenario;
  requests: Array<{ method: string; path: string; query: Record<string, string>; authorization?: string }>;
  tokensIssued: number;
  reset(): void;
  close(): Promise<void>;
}

const STATUSES = ['Active', 'Expired', 'Withdrawn', 'Canceled', 'Closed', 'Pending'];
const CITIES = ['Orlando', 'Winter Park', 'Kissimmee', 'Sanford', 'DeLand'];

export function generateListings(count = 450): Array<Record<string, unknown>> {
  const start = Date.parse('2024-12-25T00:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    ListingKey: `LK${String(i + 1).padStart(6, '0')}`,
    ListingId: `O${6_100_000 + i}`,
    StandardStatus: STATUSES[i % STATUSES.length],
    ListPrice: 250_000 + (i % 50) * 5_000,
    OriginalListPrice: 275_000 + (i % 50) * 5_000,
    UnparsedAddress: `${100 + i} Example Ave`,
    City: CITIES[i % CITIES.length],
    StateOrProvince: 'FL',
    PostalCode: '32801',
    CountyOrParish: 'Orange',
    ParcelNumber: `29-22-18-0000-00-${String(i + 1).padStart(3, '0')}`,
    PropertyType: 'Residential',
    ExpirationDate: '2025-02-01',
    ModificationTimestamp: new Date(start + i * 3_600_000).toISOString().replace('.000Z', 'Z'),
    DaysOnMarket: 30 + (i % 90),
    ListAgentFullName: `Agent ${i % 7}`,
    ListOfficeName: 'Example Realty',
  }));
}

type Pred = (r: Record<string, unknown>) => boolean;

function parseFilter(filter: string): Pred {
  const clauses = filter.split(/\s+and\s+/i).map((c) => c.trim().replace(/^\((.*)\)$/, '$1'));
  const preds = clauses.map((clause): Pred => {
    const ors = clause.split(/\s+or\s+/i).map((part): Pred => {
      const m = /^(\w+)\s+(eq|ne|ge|gt|le|lt)\s+('(?:[^']|'')*'|[\w:.+-]+)$/i.exec(part.trim());
      if (!m) throw new Error(`unsupported filter clause: ${part}`);
      const [, field, op, lit] = m as unknown as [string, string, string, string];
      const value = lit.startsWith("'") ? lit.slice(1, -1).replaceAll("''", "'") : lit;
      const isTime = /^\d{4}-\d{2}-\d{2}T/.test(value);
      return (r) => {
        const v = r[field];
        const a = isTime ? Date.parse(String(v)) : String(v);
        const b = isTime ? Date.parse(value) : value;
        switch (op.toLowerCase()) {
          case 'eq': return a === b;
          case 'ne': return a !== b;
          case 'ge': return a >= b;
          case 'gt': return a > b;
          case 'le': return a <= b;
          default: return a < b;
        }
      };
    });
    return (r) => ors.some((p) => p(r));
  });
  return (r) => preds.every((p) => p(r));
}

const defaults = (): ResoScenario => ({ nextLink: true, revokeFirstToken: false, refuseAll: false });

export async function startResoServer(options: { listings?: Array<Record<string, unknown>> } = {}): Promise<FakeResoServer> {
  const listings = options.listings ?? generateListings();
  const clientId = 'curb-test-client';
  const clientSecret = 'curb-test-secret';
  const requests: FakeResoServer['requests'] = [];
  const valid = new Set<string>();
  const revoked = new Set<string>();
  const sockets = new Set<Socket>();
  const state = { scenario: defaults(), issued: 0 };
  let origin = '';

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization });
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'Content-Type': 'application/json; odata.metadata=minimal' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && url.pathname === '/oauth/token') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return json(401, { error: 'invalid_client' });
        state.issued++;
        const token = `tok-${state.issued}`;
        valid.add(token);
        if (state.issued === 1 && state.scenario.revokeFirstToken) revoked.add(token);
        return json(200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
      }
      const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      if (state.scenario.refuseAll || !valid.has(token) || revoked.has(token)) {
        revoked.delete(token);
        if (revoked.size === 0 && state.issued === 1 && state.scenario.revokeFirstToken) valid.delete(token);
        return json(401, { error: { code: 'Unauthorized', message: 'Access token is invalid or expired' } });
      }
      if (req.method !== 'GET' || url.pathname !== '/odata/Property') return json(404, { error: { code: 'NotFound', message: `no resource ${url.pathname}` } });
      let rows = listings;
      const filter = url.searchParams.get('$filter');
      if (filter) {
        try {
          rows = rows.filter(parseFilter(filter));
        } catch (e) {
          return json(400, { error: { code: 'BadRequest', message: (e as Error).message } });
        }
      }
      const orderBy = url.searchParams.get('$orderby');
      if (orderBy) {
        const keys = orderBy.split(',').map((k) => k.trim().split(/\s+/)[0]!);
        rows = [...rows].sort((a, b) => {
          for (const k of keys) {
            const x = String(a[k]);
            const y = String(b[k]);
            if (x !== y) return x < y ? -1 : 1;
          }
          return 0;
        });
      }
      const top = Number(url.searchParams.get('$top') ?? 100);
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const select = url.searchParams.get('$select')?.split(',').map((s) => s.trim());
      const page = rows.slice(skip, skip + top).map((r) => (select ? Object.fromEntries(select.filter((s) => s in r).map((s) => [s, r[s]])) : r));
      const body: Record<string, unknown> = { '@odata.context': `${origin}/odata/$metadata#Property`, value: page };
      if (state.scenario.nextLink && skip + top < rows.length) {
        const next = new URLSearchParams(url.searchParams);
        next.set('$skip', String(skip + top));
        body['@odata.nextLink'] = `${origin}/odata/Property?${next.toString()}`;
      }
      return json(200, body);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/odata`,
    tokenUrl: `${origin}/oauth/token`,
    clientId,
    clientSecret,
    listings,
    get scenario() {
      return state.scenario;
    },
    set scenario(s) {
      state.scenario = s;
    },
    requests,
    get tokensIssued() {
      return state.issued;
    },
    reset() {
      state.scenario = defaults();
      requests.length = 0;
      state.issued = 0;
      valid.clear();
      revoked.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

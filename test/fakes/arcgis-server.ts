/**
 * A local ArcGIS-REST-compatible server for contract tests (node:http on 127.0.0.1, port 0). It speaks the
 * wire protocol documented in Esri's REST reference as summarised in florida-data.md §1: services
 * directory and folders, MapServer/FeatureServer and layer metadata, `/query` with where / outFields /
 * paging / returnIdsOnly / objectIds / returnCountOnly / f=geojson, HTTP-200 error bodies, and the
 * failure modes real county hosts show (500s, hangs, WAF 403 on `<`/`>`), switched per test through
 * `server.scenario`. All data is fictional and generated deterministically.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

type Attrs = Record<string, string | number | null>;

interface FakeField {
  name: string;
  type: string;
  alias: string;
  length?: number;
}

interface FakeLayer {
  id: number;
  name: string;
  geometryType: string;
  objectIdField: string;
  maxRecordCount: number;
  supportsPagination: boolean;
  fields: FakeField[];
  records: Attrs[];
  /** Metadata without `objectIdField` and with the id typed as a plain integer (the source config must name it). */
  hideObjectIdField?: boolean;
  /** Metadata without `maxRecordCount`; the server still caps pages at `maxRecordCount`. */
  hideMaxRecordCount?: boolean;
}

export interface ArcgisScenario {
  /** Answer 403 with an HTML page when `<` or `>` appears in the URL or body (Orange WAF). */
  waf: boolean;
  /** The next N `/query` requests answer HTTP 500. */
  fail500: number;
  /** The next N `/query` requests never answer. */
  hang: number;
  /** The next `times` `/query` requests answer HTTP 200 with `{"error":{code,…}}`. */
  errorBody: { code: number; message: string; times: number } | null;
  /** Paged requests (resultOffset present) answer a 400 error body although metadata says paging works. */
  pagingError: boolean;
  /** Window the whole table first, then filter: a window can hold no match while more remain. */
  pageBeforeFilter: boolean;
  /** POST answers a 400 error body (Seminole kiosk proxy). */
  rejectPost: boolean;
  /** When set, queries need `token=<value>`: none → 499, wrong → 498. */
  requireToken: string | null;
}

export interface ArcgisRequestLog {
  method: string;
  path: string;
  params: Record<string, string>;
}

export interface FakeArcgisServer {
  /** e.g. http://127.0.0.1:PORT */
  origin: string;
  /** The services directory: `${origin}/arcgis/rest/services` */
  rootUrl: string;
  /** Parcels with pagination (maxRecordCount 1000). */
  parcelLayerUrl: string;
  /** The same parcels on a layer without pagination support. */
  noPagingLayerUrl: string;
  /**
   * Osceola-style: the same parcels keyed by `OBJECTID_1`, whose metadata names no object id field and no
   * maxRecordCount (pages are capped at 2000 all the same).
   */
  unnamedIdLayerUrl: string;
  recordCount: number;
  scenario: ArcgisScenario;
  requests: ArcgisRequestLog[];
  resetScenario(): void;
  close(): Promise<void>;
}

const FIRST = ['JANE', 'JOHN', 'MARIA', 'DAVID', 'LINDA', 'ROBERT', 'ANA', 'JAMES', 'MARY', 'CARLOS'];
const LAST = ['DOE', 'ROE', 'EXAMPLE', 'SAMPLE', 'TESTER', 'PLACEHOLDER', 'FICTION', 'MOCK', 'DEMO', 'SPECIMEN'];
const STREETS = ['EXAMPLE AVE', 'SAMPLE ST', 'TEST BLVD', 'DEMO DR', 'MOCK LN'];
const SALE_EPOCH_2010_06_23 = 1277251200000;

const PARCEL_FIELDS: FakeField[] = [
  { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
  { name: 'PARCEL', type: 'esriFieldTypeString', alias: 'Parcel ID', length: 15 },
  { name: 'NAME1', type: 'esriFieldTypeString', alias: 'Owner Name 1', length: 40 },
  { name: 'NAME2', type: 'esriFieldTypeString', alias: 'Owner Name 2', length: 40 },
  { name: 'ADD1', type: 'esriFieldTypeString', alias: 'Mailing Address 1', length: 40 },
  { name: 'ADD2', type: 'esriFieldTypeString', alias: 'Mailing Address 2', length: 40 },
  { name: 'CITY', type: 'esriFieldTypeString', alias: 'City', length: 30 },
  { name: 'STATE', type: 'esriFieldTypeString', alias: 'State', length: 2 },
  { name: 'ZIP', type: 'esriFieldTypeString', alias: 'Zip', length: 10 },
  { name: 'SITUS', type: 'esriFieldTypeString', alias: 'Situs Address', length: 60 },
  { name: 'SITUS_CITY', type: 'esriFieldTypeString', alias: 'Situs City', length: 30 },
  { name: 'SITUS_ZIP', type: 'esriFieldTypeString', alias: 'Situs Zip', length: 10 },
  { name: 'LAND_MKT', type: 'esriFieldTypeDouble', alias: 'Land Market Value' },
  { name: 'BLDG_MKT', type: 'esriFieldTypeDouble', alias: 'Building Market Value' },
  { name: 'TOTAL_MKT', type: 'esriFieldTypeDouble', alias: 'Total Market Value' },
  { name: 'DOR_CODE', type: 'esriFieldTypeString', alias: 'DOR Use Code', length: 4 },
  { name: 'SALE_DATE', type: 'esriFieldTypeDate', alias: 'Sale Date', length: 8 },
  { name: 'SALE_PRICE', type: 'esriFieldTypeDouble', alias: 'Sale Price' },
  { name: 'DISTRICT', type: 'esriFieldTypeString', alias: 'District', length: 1 },
];

/** 2,500 fictional Orange-style parcels. DISTRICT is 'B' for OBJECTID 1001–2000 and 'A' otherwise. */
export function generateParcels(count = 2500): Attrs[] {
  const out: Attrs[] = [];
  for (let i = 1; i <= count; i++) {
    const land = 40_000 + ((i * 7919) % 60_000);
    const bldg = 90_000 + ((i * 104_729) % 250_000);
    const absentee = i % 3 === 0;
    out.push({
      OBJECTID: i,
      PARCEL: `2922180000${String(i).padStart(5, '0')}`,
      NAME1: `${LAST[i % LAST.length]} ${FIRST[(i * 3) % FIRST.length]}`,
      NAME2: i % 4 === 0 ? `${LAST[(i + 1) % LAST.length]} ${FIRST[(i * 7) % FIRST.length]}` : null,
      ADD1: absentee ? `PO BOX ${1000 + i}` : `${100 + i} ${STREETS[i % STREETS.length]}`,
      ADD2: null,
      CITY: absentee ? 'TAMPA' : 'ORLANDO',
      STATE: 'FL',
      ZIP: absentee ? '33601' : '32801',
      SITUS: `${100 + i} ${STREETS[i % STREETS.length]}`,
      SITUS_CITY: 'ORLANDO',
      SITUS_ZIP: '32801',
      LAND_MKT: land,
      BLDG_MKT: bldg,
      TOTAL_MKT: land + bldg,
      DOR_CODE: i % 10 === 0 ? '0000' : '0100',
      SALE_DATE: SALE_EPOCH_2010_06_23 + (i % 365) * 86_400_000,
      SALE_PRICE: 50_000 + i * 10,
      DISTRICT: i > 1000 && i <= 2000 ? 'B' : 'A',
    });
  }
  return out;
}

// ---- a small SQL-92 where evaluator: 1=1, =, <>, <, >, <=, >=, IN, NOT IN, BETWEEN, LIKE, UPPER(), AND ----

type Pred = (r: Attrs) => boolean;

class WhereError extends Error {}

function parseLiteral(src: string): string | number {
  const date = /^(?:DATE|TIMESTAMP)\s*'([^']*)'$/i.exec(src);
  if (date) return new Date(`${date[1]!.length === 10 ? `${date[1]}T00:00:00Z` : `${date[1]!.replace(' ', 'T')}Z`}`).getTime();
  if (src.startsWith("'")) return src.slice(1, -1).replaceAll("''", "'");
  const n = Number(src);
  if (Number.isNaN(n)) throw new WhereError(`bad literal ${src}`);
  return n;
}

function compare(a: unknown, b: string | number): number {
  if (typeof b === 'number') return Number(a) - b;
  const s = String(a ?? '');
  return s < b ? -1 : s > b ? 1 : 0;
}

const LIT = String.raw`(?:-?\d+(?:\.\d+)?|(?:DATE|TIMESTAMP)\s*'[^']*'|'(?:[^']|'')*')`;
const FLD = String.raw`(UPPER\()?([A-Za-z_][A-Za-z0-9_]*)\)?`;
const PATTERNS: Array<[RegExp, (m: RegExpExecArray, fields: Set<string>) => Pred]> = [
  [/1\s*=\s*1/iy, () => () => true],
  [new RegExp(String.raw`${FLD}\s+(NOT\s+)?IN\s*\(\s*(${LIT}(?:\s*,\s*${LIT})*)\s*\)`, 'iy'), (m) => {
    const values = m[4]!.match(new RegExp(LIT, 'gi'))!.map(parseLiteral);
    const not = Boolean(m[3]);
    const f = m[2]!;
    return (r) => values.some((v) => compare(r[f], v) === 0) !== not;
  }],
  [new RegExp(String.raw`${FLD}\s+BETWEEN\s+(${LIT})\s+AND\s+(${LIT})`, 'iy'), (m) => {
    const lo = parseLiteral(m[3]!);
    const hi = parseLiteral(m[4]!);
    const f = m[2]!;
    return (r) => r[f] !== null && compare(r[f], lo) >= 0 && compare(r[f], hi) <= 0;
  }],
  [new RegExp(String.raw`${FLD}\s+LIKE\s+('(?:[^']|'')*')`, 'iy'), (m) => {
    const upper = Boolean(m[1]);
    const pattern = String(parseLiteral(m[3]!));
    const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('%', '.*').replaceAll('_', '.')}$`, 's');
    const f = m[2]!;
    return (r) => re.test(upper ? String(r[f] ?? '').toUpperCase() : String(r[f] ?? ''));
  }],
  [new RegExp(String.raw`${FLD}\s*(<>|!=|>=|<=|=|>|<)\s*(${LIT})`, 'iy'), (m) => {
    const v = parseLiteral(m[4]!);
    const op = m[3]!;
    const f = m[2]!;
    return (r) => {
      if (r[f] === null || r[f] === undefined) return false;
      const c = compare(r[f], v);
      return op === '=' ? c === 0 : op === '<>' || op === '!=' ? c !== 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : op === '>=' ? c >= 0 : c <= 0;
    };
  }],
];

function parseWhere(where: string, fields: Set<string>): Pred {
  const preds: Pred[] = [];
  let pos = 0;
  const src = where.trim();
  for (;;) {
    let matched = false;
    for (const [re, build] of PATTERNS) {
      re.lastIndex = pos;
      const m = re.exec(src);
      if (!m) continue;
      if (m[2] && !fields.has(m[2])) throw new WhereError(`unknown field ${m[2]}`);
      preds.push(build(m, fields));
      pos = re.lastIndex;
      matched = true;
      break;
    }
    if (!matched) throw new WhereError(`cannot parse where at "${src.slice(pos)}"`);
    const and = /\s+AND\s+/iy;
    and.lastIndex = pos;
    if (and.exec(src)) {
      pos = and.lastIndex;
      continue;
    }
    if (pos !== src.length) throw new WhereError(`cannot parse where at "${src.slice(pos)}"`);
    return (r) => preds.every((p) => p(r));
  }
}

// ---- the catalogue ----

function buildLayers(records: Attrs[]): Map<string, FakeLayer> {
  const layers = new Map<string, FakeLayer>();
  const parcels = (id: number, supportsPagination: boolean, name: string): FakeLayer => ({
    id, name, geometryType: 'esriGeometryPolygon', objectIdField: 'OBJECTID', maxRecordCount: 1000, supportsPagination, fields: PARCEL_FIELDS, records,
  });
  layers.set('Webmap/PARCEL/MapServer/4', parcels(4, true, 'Parcels'));
  layers.set('Webmap/PARCEL/MapServer/5', parcels(5, false, 'Parcels (legacy)'));
  layers.set('Hosting/Parcels/FeatureServer/3', {
    id: 3, name: 'Parcels', geometryType: 'esriGeometryPolygon', objectIdField: 'OBJECTID_1', maxRecordCount: 2000, supportsPagination: true,
    fields: [{ name: 'OBJECTID_1', type: 'esriFieldTypeInteger', alias: 'OBJECTID_1' }, ...PARCEL_FIELDS.filter((f) => f.name !== 'OBJECTID')],
    records: records.map(({ OBJECTID, ...rest }) => ({ OBJECTID_1: OBJECTID ?? null, ...rest })),
    hideObjectIdField: true,
    hideMaxRecordCount: true,
  });
  layers.set('Webmap/PARCEL/MapServer/0', {
    id: 0, name: 'Parcel Labels', geometryType: 'esriGeometryPoint', objectIdField: 'OBJECTID', maxRecordCount: 1000, supportsPagination: true,
    fields: [{ name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' }, { name: 'LABEL', type: 'esriFieldTypeString', alias: 'Label' }], records: [],
  });
  layers.set('Webmap/SALES/MapServer/5', {
    id: 5, name: 'Sales', geometryType: 'esriGeometryPolygon', objectIdField: 'OBJECTID', maxRecordCount: 1000, supportsPagination: true,
    fields: [
      { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
      { name: 'PARCEL', type: 'esriFieldTypeString', alias: 'Parcel ID' },
      { name: 'GRANTOR', type: 'esriFieldTypeString', alias: 'Grantor' },
      { name: 'GRANTEE', type: 'esriFieldTypeString', alias: 'Grantee' },
      { name: 'SALE_DATE', type: 'esriFieldTypeDate', alias: 'Sale Date' },
      { name: 'SALE_PRICE', type: 'esriFieldTypeDouble', alias: 'Sale Price' },
    ],
    records: [],
  });
  layers.set('Ian_Damage_Map_Gallery/MapServer/0', {
    id: 0, name: 'Damage Points', geometryType: 'esriGeometryPoint', objectIdField: 'OBJECTID', maxRecordCount: 2000, supportsPagination: true,
    fields: [{ name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' }, { name: 'DAMAGE', type: 'esriFieldTypeString', alias: 'Damage' }], records: [],
  });
  layers.set('Nearby_Amenities/FeatureServer/0', {
    id: 0, name: 'Parks', geometryType: 'esriGeometryPoint', objectIdField: 'FID', maxRecordCount: 2000, supportsPagination: true,
    fields: [{ name: 'FID', type: 'esriFieldTypeOID', alias: 'FID' }, { name: 'PARK_NAME', type: 'esriFieldTypeString', alias: 'Park' }], records: [],
  });
  layers.set('Nearby_Amenities/FeatureServer/1', {
    id: 1, name: 'Park Owners', geometryType: '', objectIdField: 'FID', maxRecordCount: 2000, supportsPagination: true,
    fields: [{ name: 'FID', type: 'esriFieldTypeOID', alias: 'FID' }, { name: 'OWNER', type: 'esriFieldTypeString', alias: 'Owner' }], records: [],
  });
  layers.set('OCPA/Base/MapServer/0', {
    id: 0, name: 'Streets', geometryType: 'esriGeometryPolyline', objectIdField: 'OBJECTID', maxRecordCount: 1000, supportsPagination: true,
    fields: [{ name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' }, { name: 'STREET', type: 'esriFieldTypeString', alias: 'Street' }], records: [],
  });
  return layers;
}

const DIRECTORIES: Record<string, unknown> = {
  '': {
    currentVersion: 10.81,
    // `Hosting` is reachable by URL but not listed, so discovery sees the catalogue its tests describe.
    folders: ['OCPA', 'Webmap'],
    services: [
      { name: 'Ian_Damage_Map_Gallery', type: 'MapServer' },
      { name: 'Nearby_Amenities', type: 'FeatureServer' },
      { name: 'Locator', type: 'GeocodeServer' },
    ],
  },
  OCPA: { currentVersion: 10.81, folders: [], services: [{ name: 'OCPA/Base', type: 'MapServer' }] },
  Hosting: { currentVersion: 10.81, folders: [], services: [{ name: 'Hosting/Parcels', type: 'FeatureServer' }] },
  Webmap: { currentVersion: 10.81, folders: [], services: [{ name: 'Webmap/PARCEL', type: 'MapServer' }, { name: 'Webmap/SALES', type: 'MapServer' }] },
};

function serviceInfo(layers: Map<string, FakeLayer>, servicePath: string): unknown {
  const own = [...layers.entries()].filter(([k]) => k.startsWith(`${servicePath}/`)).map(([, l]) => l);
  const isTable = (l: FakeLayer): boolean => l.geometryType === '';
  const refs = (ls: FakeLayer[]) => ls.map((l) => ({ id: l.id, name: l.name, parentLayerId: -1, defaultVisibility: true, subLayerIds: null, minScale: 0, maxScale: 0 }));
  return {
    currentVersion: 10.81,
    serviceDescription: '',
    layers: [...refs(own.filter((l) => !isTable(l))), ...(servicePath === 'Webmap/PARCEL' ? [{ id: 9, name: 'Parcel group', parentLayerId: -1, subLayerIds: [4, 5] }] : [])],
    tables: refs(own.filter(isTable)),
  };
}

function layerInfo(l: FakeLayer): unknown {
  return {
    currentVersion: 10.81, id: l.id, name: l.name, type: l.geometryType ? 'Feature Layer' : 'Table', geometryType: l.geometryType || null,
    ...(l.hideObjectIdField ? {} : { objectIdField: l.objectIdField }), displayField: l.fields[1]?.name,
    ...(l.hideMaxRecordCount ? {} : { maxRecordCount: l.maxRecordCount, standardMaxRecordCount: 4000 }),
    capabilities: 'Map,Query,Data', supportedQueryFormats: 'JSON, geoJSON, PBF', supportsAdvancedQueries: true,
    advancedQueryCapabilities: { supportsPagination: l.supportsPagination, supportsOrderBy: true, supportsDistinct: true, useStandardizedQueries: true },
    fields: l.fields.map((f) => ({ ...f, nullable: f.type !== 'esriFieldTypeOID', editable: false, domain: null })),
  };
}

const WAF_PAGE = '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Request Rejected</h1><p>The requested URL was rejected. Please consult with your administrator.</p><p>Your support ID is: 0000000000000000000</p></body></html>';

function defaultScenario(): ArcgisScenario {
  return { waf: false, fail500: 0, hang: 0, errorBody: null, pagingError: false, pageBeforeFilter: false, rejectPost: false, requireToken: null };
}

export interface StartArcgisServerOptions {
  records?: Attrs[];
  /** Serve HTTPS with this key and certificate chain (PEM) instead of HTTP. */
  tls?: { key: string; cert: string };
}

/** Starts the server. Call `close()` in afterAll. */
export async function startArcgisServer(options: StartArcgisServerOptions = {}): Promise<FakeArcgisServer> {
  const records = options.records ?? generateParcels();
  const layers = buildLayers(records);
  const requests: ArcgisRequestLog[] = [];
  const sockets = new Set<Socket>();
  const state = { scenario: defaultScenario() };

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8'): void => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const errorBody = (res: ServerResponse, code: number, message: string, details: string[] = []): void => send(res, 200, { error: { code, message, details } });

  const handleQuery = (res: ServerResponse, layer: FakeLayer, p: Record<string, string>): void => {
    const sc = state.scenario;
    if (sc.requireToken !== null) {
      if (!p['token']) return errorBody(res, 499, 'Token Required');
      if (p['token'] !== sc.requireToken) return errorBody(res, 498, 'Invalid Token');
    }
    if (sc.errorBody && sc.errorBody.times > 0) {
      sc.errorBody.times--;
      return errorBody(res, sc.errorBody.code, sc.errorBody.message, ['Unable to perform query operation.']);
    }
    const fieldNames = new Set(layer.fields.map((f) => f.name));
    const oid = layer.objectIdField;
    let pred: Pred;
    try {
      pred = parseWhere(p['where'] ?? '1=1', fieldNames);
    } catch (e) {
      return errorBody(res, 400, 'Unable to complete operation.', [`Invalid query parameters: ${(e as Error).message}`]);
    }
    let outFields: string[];
    const requested = (p['outFields'] ?? '*').split(',').map((s) => s.trim()).filter(Boolean);
    if (requested.length === 0 || requested.includes('*')) outFields = [...fieldNames];
    else {
      const unknown = requested.find((f) => !fieldNames.has(f));
      if (unknown) return errorBody(res, 400, 'Unable to complete operation.', [`Invalid field: ${unknown}`]);
      outFields = requested;
    }
    const project = (r: Attrs): Attrs => Object.fromEntries(outFields.map((f) => [f, r[f] ?? null]));
    const format = p['f'] ?? 'html';
    const featureSet = (rows: Attrs[], exceeded: boolean | undefined): unknown => {
      if (format === 'geojson') {
        return {
          type: 'FeatureCollection',
          features: rows.map((r) => ({ type: 'Feature', id: r[oid], geometry: null, properties: project(r) })),
          ...(exceeded === undefined ? {} : { properties: { exceededTransferLimit: exceeded } }),
        };
      }
      return {
        objectIdFieldName: oid, globalIdFieldName: '', displayFieldName: layer.fields[1]?.name ?? '', geometryType: layer.geometryType,
        spatialReference: { wkid: 102100, latestWkid: 3857 },
        // Esri omits `fields` when the result is empty.
        ...(rows.length > 0 ? { fields: layer.fields.filter((f) => outFields.includes(f.name)) } : {}),
        features: rows.map((r) => ({ attributes: project(r) })),
        ...(exceeded === undefined ? {} : { exceededTransferLimit: exceeded }),
      };
    };

    let rows = layer.records;
    if (p['objectIds']) {
      const ids = new Set(p['objectIds'].split(',').map(Number));
      rows = rows.filter((r) => ids.has(Number(r[oid])));
    }
    if (p['returnCountOnly'] === 'true') return send(res, 200, { count: rows.filter(pred).length });
    if (p['returnIdsOnly'] === 'true') {
      // Not capped by maxRecordCount (Esri docs).
      return send(res, 200, { objectIdFieldName: oid, objectIds: rows.filter(pred).map((r) => r[oid]) });
    }
    const paged = p['resultOffset'] !== undefined || p['resultRecordCount'] !== undefined;
    if (paged && (!layer.supportsPagination || sc.pagingError)) {
      return errorBody(res, 400, 'Unable to complete operation.', ['Pagination is not supported.']);
    }
    if (p['orderByFields']) {
      // `F1 DESC, F2 ASC`: later keys break ties of earlier ones.
      const keys: Array<{ field: string; sign: number }> = [];
      for (const part of p['orderByFields'].split(',')) {
        const [field, dir, extra] = part.trim().split(/\s+/);
        const upper = (dir ?? 'ASC').toUpperCase();
        if (!field || !fieldNames.has(field) || extra !== undefined || (upper !== 'ASC' && upper !== 'DESC')) {
          return errorBody(res, 400, 'Unable to complete operation.', [`Invalid orderByFields ${p['orderByFields']}`]);
        }
        keys.push({ field, sign: upper === 'DESC' ? -1 : 1 });
      }
      rows = [...rows].sort((a, b) => {
        for (const k of keys) {
          const c = compare(a[k.field], b[k.field] as string | number);
          if (c !== 0) return k.sign * c;
        }
        return 0;
      });
    }
    if (!paged) {
      const matched = rows.filter(pred);
      const capped = matched.slice(0, layer.maxRecordCount);
      return send(res, 200, featureSet(capped, matched.length > capped.length ? true : undefined));
    }
    const offset = Number(p['resultOffset'] ?? 0);
    const count = Math.min(Number(p['resultRecordCount'] ?? layer.maxRecordCount), layer.maxRecordCount);
    if (sc.pageBeforeFilter) {
      const windowRows = rows.slice(offset, offset + count).filter(pred);
      return send(res, 200, featureSet(windowRows, offset + count < rows.length));
    }
    const matched = rows.filter(pred);
    return send(res, 200, featureSet(matched.slice(offset, offset + count), offset + count < matched.length));
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const params: Record<string, string> = Object.fromEntries(url.searchParams);
      if (req.method === 'POST' && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
        Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
      }
      requests.push({ method: req.method ?? 'GET', path: url.pathname, params });
      const sc = state.scenario;
      if (sc.waf && /[<>]/.test(decodeURIComponent(url.search) + decodeURIComponent(body.replaceAll('+', ' ')))) {
        return send(res, 403, WAF_PAGE, 'text/html');
      }
      const prefix = '/arcgis/rest/services';
      if (!url.pathname.startsWith(prefix)) return send(res, 404, 'not found', 'text/plain');
      const rest = decodeURIComponent(url.pathname.slice(prefix.length)).replace(/^\/+|\/+$/g, '');
      const isQuery = rest.endsWith('/query');
      if (isQuery) {
        if (sc.hang > 0) {
          sc.hang--;
          return; // never answer: the client's timeout must fire
        }
        if (sc.fail500 > 0) {
          sc.fail500--;
          return send(res, 500, '<html><body>Internal Server Error</body></html>', 'text/html');
        }
        if (req.method === 'POST' && sc.rejectPost) return send(res, 400, { error: { code: 400, message: 'POST is not supported', details: [] } });
        const layer = layers.get(rest.slice(0, -'/query'.length));
        if (!layer) return send(res, 200, { error: { code: 400, message: 'Invalid URL', details: [] } });
        return handleQuery(res, layer, params);
      }
      if (rest in DIRECTORIES) return send(res, 200, DIRECTORIES[rest]);
      const layer = layers.get(rest);
      if (layer) return send(res, 200, layerInfo(layer));
      const svc = /^(.+)\/(MapServer|FeatureServer)$/.exec(rest);
      if (svc && [...layers.keys()].some((k) => k.startsWith(`${rest}/`))) return send(res, 200, serviceInfo(layers, rest));
      return send(res, 200, { error: { code: 404, message: 'Service not found', details: [] } });
    });
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    origin,
    rootUrl: `${origin}/arcgis/rest/services`,
    parcelLayerUrl: `${origin}/arcgis/rest/services/Webmap/PARCEL/MapServer/4`,
    noPagingLayerUrl: `${origin}/arcgis/rest/services/Webmap/PARCEL/MapServer/5`,
    unnamedIdLayerUrl: `${origin}/arcgis/rest/services/Hosting/Parcels/FeatureServer/3`,
    recordCount: records.length,
    get scenario() {
      return state.scenario;
    },
    set scenario(s: ArcgisScenario) {
      state.scenario = s;
    },
    requests,
    resetScenario() {
      state.scenario = defaultScenario();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

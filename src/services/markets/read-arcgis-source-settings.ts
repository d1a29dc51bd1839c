import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { ArcgisQuirks } from '../../adapters/gis-arcgis/interface.js';
import type { MarketSource } from '../../domain/markets/market-config.js';
import { failure, ok, type Result } from '../../lib/result.js';

/** What an `arcgis_query` source of a market YAML asks of the ArcGIS client, checked and resolved. */
export interface ArcgisSourceSettings {
  url: string;
  where?: string;
  method?: 'GET' | 'POST';
  fieldMap?: Record<string, string>;
  quirks: ArcgisQuirks;
  /** `object_id_field`: the layer's object id when its metadata does not name it. */
  objectIdField?: string;
  /** `page_size`: records per page, capped by the layer's maxRecordCount. */
  pageSize?: number;
  /** `order_by`: paging order; the object id is appended as the tie-breaker. */
  orderBy?: string;
  /** `out_fields`: the fields requested (must include every field of the field map). */
  outFields?: string[];
  /** `tls.extra_ca_bundle`: certificates trusted for this source's HTTPS requests, on top of the system roots. */
  extraCa?: { path: string; pem: string };
}

export interface ReadArcgisSourceSettingsOptions {
  marketId: string;
  sourceName: string;
  source: MarketSource;
  /** Relative `tls.extra_ca_bundle` paths are resolved against the config folder (the one holding `markets/`). */
  configDir: string;
}

/** Market YAML quirk names → the client's switches (florida-data.md §1.6). */
const QUIRKS: Record<string, 'noAngleBrackets' | 'preferPost' | 'getOnly' | 'encodeSpacesAsPercent20'> = {
  no_angle_brackets_use_between: 'noAngleBrackets',
  no_angle_brackets: 'noAngleBrackets',
  prefer_post: 'preferPost',
  get_only: 'getOnly',
  reject_post: 'getOnly',
  encode_spaces_as_percent20: 'encodeSpacesAsPercent20',
};

// Keys every source has (MarketSourceSchema) and the ArcGIS ones below; anything else on an arcgis_query
// source is a typo or a setting nothing reads.
const COMMON_KEYS = ['kind', 'status', 'enabled', 'url', 'base_url', 'alt_url', 'where', 'method', 'field_map', 'quirks', 'signal', 'notes'];

const FIELD = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an ArcGIS field name (letters, digits and _)');
const ORDER_KEY = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\s+(?:ASC|DESC))?`;

const ArcgisSourceKeysSchema = z.object({
  object_id_field: FIELD.optional(),
  page_size: z.number({ error: 'must be a whole number of records' }).int('must be a whole number of records').min(1, 'must be at least 1').max(100_000, 'must be at most 100000').optional(),
  order_by: z
    .string()
    .regex(new RegExp(String.raw`^\s*${ORDER_KEY}\s*(?:,\s*${ORDER_KEY}\s*)*$`, 'i'), 'must be fields with an optional ASC or DESC, comma-separated (e.g. "SALE_DATE DESC, OBJECTID ASC")')
    .optional(),
  out_fields: z.array(FIELD, { error: 'must be a list of field names' }).min(1, 'must name at least one field').optional(),
  tls: z
    .object({ extra_ca_bundle: z.string({ error: 'must be the path of a PEM file' }).min(1, 'must be the path of a PEM file') }, { error: 'must be { extra_ca_bundle: <path of a PEM file> }' })
    .strict()
    .optional(),
});

const KNOWN_KEYS = new Set([...COMMON_KEYS, ...Object.keys(ArcgisSourceKeysSchema.shape)]);

function invalid(o: ReadArcgisSourceSettingsOptions, key: string, message: string, extra: Record<string, unknown> = {}): Result<never> {
  return failure('market_invalid', `market ${o.marketId}, source ${o.sourceName}: ${key}: ${message}`, false, { market: o.marketId, source: o.sourceName, key, ...extra });
}

/** Reads a PEM bundle: certificates only, each one parseable. */
function readCaBundle(o: ReadArcgisSourceSettingsOptions, given: string): Result<{ path: string; pem: string }> {
  const key = 'tls.extra_ca_bundle';
  const path = isAbsolute(given) ? given : join(o.configDir, given);
  if (!existsSync(path)) return invalid(o, key, `${path} does not exist (a path relative to the config folder ${o.configDir}, or absolute)`, { file: path });
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    return invalid(o, key, `${path} cannot be read: ${(e as Error).message}`, { file: path });
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return invalid(o, key, `${path} holds a private key; a CA bundle holds certificates only`, { file: path });
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return invalid(o, key, `${path} holds no PEM certificate`, { file: path });
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (e) {
      return invalid(o, key, `${path}: certificate ${i + 1} does not parse (${(e as Error).message})`, { file: path });
    }
  }
  return ok({ path, pem });
}

/**
 * Checks an `arcgis_query` source's settings and resolves them for the client: `object_id_field`,
 * `page_size`, `order_by`, `out_fields`, `tls.extra_ca_bundle` (read and parsed) and the quirk names. The
 * first problem is an error naming the market, the source and the key.
 *
 * @example
 * const s = readArcgisSourceSettings({ marketId: 'osceola-fl', sourceName: 'parcel_lookup', source, configDir });
 * if (!s.ok) throw new AppError(ErrorCode.ValidationFailed, s.error.message, s.error.details);
 */
export function readArcgisSourceSettings(o: ReadArcgisSourceSettingsOptions): Result<ArcgisSourceSettings> {
  const { source } = o;
  const raw = source as Record<string, unknown>;
  const unknown = Object.keys(raw).find((k) => !KNOWN_KEYS.has(k));
  if (unknown !== undefined) return invalid(o, unknown, `not a setting of arcgis_query sources (known: ${[...KNOWN_KEYS].sort().join(', ')})`);
  const parsed = ArcgisSourceKeysSchema.safeParse(Object.fromEntries([...KNOWN_KEYS].filter((k) => k in raw && !COMMON_KEYS.includes(k)).map((k) => [k, raw[k]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return invalid(o, issue.path.map(String).join('.') || '(source)', issue.message);
  }
  const keys = parsed.data;
  if (!source.url) return invalid(o, 'url', 'arcgis_query sources need a url');
  const quirks: ArcgisQuirks = {};
  for (const name of source.quirks ?? []) {
    const flag = QUIRKS[name];
    if (!flag) return invalid(o, 'quirks', `"${name}" is not a known quirk (known: ${Object.keys(QUIRKS).join(', ')})`);
    quirks[flag] = true;
  }
  if (keys.out_fields && source.field_map) {
    const missing = Object.values(source.field_map).filter((f) => !keys.out_fields!.some((o2) => o2.toLowerCase() === f.toLowerCase()));
    if (missing.length > 0) return invalid(o, 'out_fields', `does not request ${missing.join(', ')}, which the field_map reads`);
  }
  let extraCa: ArcgisSourceSettings['extraCa'];
  if (keys.tls) {
    if (!/^https:/i.test(source.url)) return invalid(o, 'tls.extra_ca_bundle', `applies to https:// urls only; this source's url is ${source.url}`);
    const ca = readCaBundle(o, keys.tls.extra_ca_bundle);
    if (!ca.ok) return ca;
    extraCa = ca.value;
  }
  return ok({
    url: source.url,
    ...(source.where ? { where: source.where } : {}),
    ...(source.method ? { method: source.method } : {}),
    ...(source.field_map ? { fieldMap: source.field_map } : {}),
    quirks,
    ...(keys.object_id_field ? { objectIdField: keys.object_id_field } : {}),
    ...(keys.page_size ? { pageSize: keys.page_size } : {}),
    ...(keys.order_by ? { orderBy: keys.order_by.split(',').map((k) => k.trim().replace(/\s+/g, ' ')).join(',') } : {}),
    ...(keys.out_fields ? { outFields: keys.out_fields } : {}),
    ...(extraCa ? { extraCa } : {}),
  });
}

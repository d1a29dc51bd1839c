import { z } from 'zod';
import type { AppFailure, Result } from '../../lib/result.js';

/*
 * ArcGIS REST (MapServer / FeatureServer) wire contracts and the port Curb's lead sourcing uses.
 * Shapes follow the Esri REST reference (query, layer/table, catalog, FeatureSet); see
 * docs/guides/data-sources.md. Schemas are permissive (`.passthrough()`-like via z.looseObject) because
 * servers add keys across versions; only the keys we rely on are typed.
 */

export const ArcgisErrorBodySchema = z.object({
  error: z.object({
    code: z.number().or(z.string().transform(Number)),
    message: z.string().optional().default(''),
    details: z.array(z.unknown()).nullish(),
  }),
});
export type ArcgisErrorBody = z.infer<typeof ArcgisErrorBodySchema>;

export const ArcgisFieldSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  alias: z.string().nullish(),
  length: z.number().nullish(),
});
export type ArcgisField = z.infer<typeof ArcgisFieldSchema>;

export const LayerInfoSchema = z.looseObject({
  id: z.number().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  geometryType: z.string().nullish(),
  objectIdField: z.string().nullish(),
  displayField: z.string().nullish(),
  maxRecordCount: z.number().nullish(),
  capabilities: z.string().nullish(),
  supportedQueryFormats: z.string().nullish(),
  advancedQueryCapabilities: z.looseObject({ supportsPagination: z.boolean().optional(), supportsOrderBy: z.boolean().optional() }).nullish(),
  fields: z.array(ArcgisFieldSchema).nullish(),
});
export type LayerInfoWire = z.infer<typeof LayerInfoSchema>;

/** What the client needs from `<layer>?f=json`, with defaults filled in. */
export interface LayerInfo {
  url: string;
  id?: number;
  name: string;
  type: string;
  geometryType?: string;
  objectIdField: string;
  maxRecordCount: number;
  /** false when the layer did not state its maxRecordCount and `maxRecordCount` is Esri's documented default. */
  maxRecordCountKnown?: boolean;
  supportsPagination: boolean;
  fields: ArcgisField[];
}

export const FeatureSetSchema = z.looseObject({
  objectIdFieldName: z.string().nullish(),
  fields: z.array(ArcgisFieldSchema).nullish(),
  features: z.array(z.looseObject({ attributes: z.record(z.string(), z.unknown()).nullish() })),
  exceededTransferLimit: z.boolean().nullish(),
});
export type FeatureSet = z.infer<typeof FeatureSetSchema>;

export const GeoJsonFeatureCollectionSchema = z.looseObject({
  type: z.literal('FeatureCollection'),
  features: z.array(z.looseObject({ id: z.unknown().optional(), properties: z.record(z.string(), z.unknown()).nullish() })),
  properties: z.looseObject({ exceededTransferLimit: z.boolean().nullish() }).nullish(),
});
export type GeoJsonFeatureCollection = z.infer<typeof GeoJsonFeatureCollectionSchema>;

export const CountResponseSchema = z.object({ count: z.number() });
export const IdsResponseSchema = z.object({ objectIdFieldName: z.string().nullish(), objectIds: z.array(z.number()).nullish() });

export const ServicesDirectorySchema = z.looseObject({
  currentVersion: z.number().optional(),
  folders: z.array(z.string()).nullish(),
  services: z.array(z.looseObject({ name: z.string(), type: z.string() })).nullish(),
});
export type ServicesDirectory = z.infer<typeof ServicesDirectorySchema>;

const LayerRefSchema = z.looseObject({ id: z.number(), name: z.string(), type: z.string().nullish(), subLayerIds: z.array(z.number()).nullish() });
export const ServiceInfoSchema = z.looseObject({
  serviceDescription: z.string().nullish(),
  layers: z.array(LayerRefSchema).nullish(),
  tables: z.array(LayerRefSchema).nullish(),
});
export type ServiceInfo = z.infer<typeof ServiceInfoSchema>;

/** One record's attributes, date fields already converted to ISO strings. */
export type ArcgisRecord = Record<string, unknown>;

/**
 * Per-source server quirks (florida-data.md §1.6). They change how a request is sent, never what it asks.
 */
export interface ArcgisQuirks {
  /** The host's WAF answers 403 to any `<` or `>` (Orange ocgis4/OCPA): comparisons are rewritten to BETWEEN / NOT IN, or refused. */
  noAngleBrackets?: boolean;
  /** Send queries as form POSTs (long where clauses, hosts that prefer it). */
  preferPost?: boolean;
  /** The host rejects POST (Seminole InformationKiosk proxy): always GET. Wins over preferPost. */
  getOnly?: boolean;
  /** Encode spaces as %20 in POST bodies instead of `+` (Escambia). */
  encodeSpacesAsPercent20?: boolean;
  /** Some hosts stall without a browser-like agent (SCPA files host). */
  userAgent?: string;
}

export interface QueryAllOptions {
  layerUrl: string;
  where?: string;
  outFields?: string[] | '*';
  /** Records per page; clamped to the layer's maxRecordCount when the layer states one. */
  pageSize?: number;
  /**
   * `orderByFields` of paged queries. Defaults to `<objectIdField> ASC`; an order that does not end on the
   * object id gets it appended as a tie-breaker, so equal values never move between pages.
   */
  orderBy?: string;
  /**
   * The layer's object id field when its metadata does not name it (or names it wrongly): the key of paging
   * order, de-duplication and the `objectIds` fallback. Must be one of the layer's fields when it lists them.
   */
  objectIdField?: string;
  method?: 'GET' | 'POST';
  format?: 'json' | 'geojson';
  /** Object ids per `objectIds=` request in the ids fallback (200–500 suits most servers). */
  idsBatchSize?: number;
  /** Skip offset paging and go straight to returnIdsOnly + objectIds (FGIO statewide layer). */
  forceIdsFallback?: boolean;
  signal?: AbortSignal;
}

export interface CountOptions {
  layerUrl: string;
  where?: string;
  method?: 'GET' | 'POST';
  signal?: AbortSignal;
}

/** The ArcGIS port. `queryAll` throws `ArcgisQueryError` (carrying an `AppFailure`) when it cannot go on. */
export interface ArcgisClient {
  getLayerInfo(url: string, opts?: { signal?: AbortSignal }): Promise<Result<LayerInfo>>;
  queryAll(options: QueryAllOptions): AsyncGenerator<ArcgisRecord, void, undefined>;
  queryCount(options: CountOptions): Promise<Result<number>>;
  /** Any `?f=json` resource (services directory, service metadata), with the same error handling. */
  getJson(url: string, opts?: { signal?: AbortSignal }): Promise<Result<unknown>>;
}

/** The failure an async iterator cannot return as a value: thrown from `queryAll`, typed. */
export class ArcgisQueryError extends Error {
  readonly failure: AppFailure;
  constructor(failure: AppFailure) {
    super(`${failure.code}: ${failure.message}`);
    this.name = 'ArcgisQueryError';
    this.failure = failure;
  }
}

export const PostalAddressSchema = z.object({
  line1: z.string().optional(),
  line2: z.string().optional(),
  line3: z.string().optional(),
  line4: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  zip: z.string().optional(),
});

/** The canonical parcel every parcel source maps into; the DB upsert lives in services/leads. */
export const CanonicalParcelSchema = z.object({
  parcelId: z.string().min(1),
  parcelIdDisplay: z.string(),
  owners: z.array(z.string()),
  situs: z.object({ line1: z.string().optional(), city: z.string().optional(), zip: z.string().optional() }),
  mailing: PostalAddressSchema,
  values: z.object({ just: z.number().optional(), land: z.number().optional(), building: z.number().optional() }),
  useCode: z.string().optional(),
  lastSale: z.object({ date: z.string().optional(), price: z.number().optional() }).optional(),
  raw: z.record(z.string(), z.unknown()),
});
export type CanonicalParcel = z.infer<typeof CanonicalParcelSchema>;

/**
 * Canonical role → source field name, as written in the market YAML (`field_map`). Unknown roles are
 * ignored so a market file can carry extra keys (acres, county_use_code) for other consumers.
 */
export const FieldMapSchema = z
  .object({
    parcel_id: z.string(),
    owner_name_1: z.string().optional(),
    owner_name_2: z.string().optional(),
    owner_name_3: z.string().optional(),
    situs_line_1: z.string().optional(),
    situs_number: z.string().optional(),
    situs_street: z.string().optional(),
    situs_suffix: z.string().optional(),
    situs_city: z.string().optional(),
    situs_zip: z.string().optional(),
    mail_line_1: z.string().optional(),
    mail_line_2: z.string().optional(),
    mail_line_3: z.string().optional(),
    mail_line_4: z.string().optional(),
    mail_city: z.string().optional(),
    mail_state: z.string().optional(),
    mail_zip: z.string().optional(),
    just_value: z.string().optional(),
    land_value: z.string().optional(),
    building_value: z.string().optional(),
    use_code: z.string().optional(),
    county_use_code: z.string().optional(),
    sale_date: z.string().optional(),
    sale_price: z.string().optional(),
  })
  .catchall(z.string());
export type FieldMap = z.infer<typeof FieldMapSchema>;

/**
 * The one place that reads the environment. `loadConfig()` parses `process.env` once at boot with one zod
 * schema, grouped by adapter, and reports every bad variable at once. Everything else receives `Config`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseHostList, parseHostTokens } from './host-tokens.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = z.string().url();
// `localhost:8000` parses as a URL with scheme `localhost:`; a model server must be http(s).
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });
const usd = z.coerce.number().min(0).max(1000);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** unset → embedded PGlite in CURB_DATA_DIR; `memory://` → in-memory PGlite; `postgres://…` → a pg pool. */
  DATABASE_URL: z
    .string()
    .refine((v) => v === 'memory://' || /^postgres(ql)?:\/\//.test(v), 'must be memory:// or a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: positiveInt.default(10),
  /**
   * Connections reserved for the inbound webhooks' statements (read the sender, store the message), on
   * top of DATABASE_POOL_MAX, so a provider's request never queues behind job work; 0 shares the pool.
   */
  DATABASE_WEBHOOK_POOL_MAX: z.coerce.number().int().min(0).default(4),
  CURB_DATA_DIR: z.string().min(1).default('./data'),
  /** The externally visible base URL, used for webhook signatures and links in notifications. */
  PUBLIC_URL: url.default('http://localhost:3000'),
  /** 32-byte key, base64 or hex; several keys as `id1:key1,id2:key2` (the first encrypts, all decrypt). */
  CURB_ENCRYPTION_KEY: z.string().min(1).optional(),
  BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
  CORS_ORIGINS: z.string().optional(),
  JOBS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('pgboss'),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(20_000),
  SCHEDULER_INTERVAL_SECONDS: positiveInt.default(60),
  /** Outreach workers: how often the dispatcher looks for queued touches, how many it claims and sends at once. */
  OUTREACH_DISPATCH_INTERVAL_MS: positiveInt.default(1000),
  OUTREACH_DISPATCH_BATCH: positiveInt.max(5000).default(200),
  OUTREACH_SEND_CONCURRENCY: positiveInt.max(256).default(16),
  /** A touch claimed for sending belongs to its worker this long; after it, recovery reconciles it with the provider. */
  OUTREACH_SEND_LEASE_SECONDS: positiveInt.default(120),
  /** `false` runs `curb worker` without the outreach engine (jobs only). */
  OUTREACH_ENABLED: bool.default(true),

  // Twilio (SMS, voice). Without credentials the sandbox channel is used.
  SMS_PROVIDER: z.enum(['sandbox', 'twilio', 'ghl']).default('sandbox'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/).optional(),
  TWILIO_FROM_NUMBERS: z.string().optional(),
  TWILIO_API_BASE_URL: url.optional(),

  // Email.
  EMAIL_PROVIDER: z.enum(['sandbox', 'smtp', 'ghl']).default('sandbox'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  EMAIL_FROM: z.string().optional(),
  EMAIL_REPLY_DOMAIN: z.string().optional(),
  INBOUND_EMAIL_SECRET: z.string().min(16).optional(),
  IMAP_URL: z.string().regex(/^imaps?:\/\//, 'must be an imap:// or imaps:// URL').optional(),

  // Model provider.
  LLM_PROVIDER: z.enum(['template', 'ollama', 'openai', 'anthropic']).default('template'),
  OLLAMA_HOST: httpUrl.default('http://localhost:11434'),
  LLM_MODEL: z.string().min(1).default('llama3.1:8b'),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.7),
  // Defaults match the adapters' (LlmSettingsSchema): an 8B model on a CPU needs the long timeout.
  LLM_MAX_TOKENS: positiveInt.max(8192).default(512),
  LLM_TIMEOUT_MS: positiveInt.default(60_000),
  LLM_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_CIRCUIT_FAILURES: positiveInt.default(5),
  LLM_CIRCUIT_COOLDOWN_MS: positiveInt.default(30_000),
  /** Model compute price per million tokens, recorded in `costs` (0 for a local model). */
  LLM_INPUT_PRICE_PER_MTOK_USD: usd.default(0),
  LLM_OUTPUT_PRICE_PER_MTOK_USD: usd.default(0),
  OPENAI_BASE_URL: httpUrl.default('https://api.openai.com/v1'),
  OPENAI_API_KEY: z.string().optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: httpUrl.default('https://api.anthropic.com'),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-haiku-4-5'),

  // Outbound prices for previews and cost estimates (US dollars; Twilio US list price per SMS segment).
  SMS_PRICE_PER_SEGMENT_USD: usd.default(0.0079),
  VOICEMAIL_PRICE_USD: usd.default(0.014),
  EMAIL_PRICE_USD: usd.default(0),

  // GoHighLevel.
  GHL_API_BASE_URL: url.default('https://services.leadconnectorhq.com'),
  GHL_PRIVATE_TOKEN: z.string().optional(),
  GHL_LOCATION_ID: z.string().optional(),
  /** Several sub-accounts: `locationId:token,locationId:token` (a Curb location's `ghlLocationId` picks one). */
  GHL_LOCATION_TOKENS: z.string().regex(/^\s*[^:,\s]+:[^,]+(,\s*[^:,\s]+:[^,]+)*\s*$/, 'must be locationId:token pairs separated by commas').optional(),
  /** `message`: Curb's own text through conversations; `workflow`: enrol in SDR_WORKFLOW_SMS_1 / SDR_WORKFLOW_EMAIL_1. */
  GHL_SEND_MODE: z.enum(['message', 'workflow']).default('message'),
  GHL_WEBHOOK_PUBLIC_KEY: z.string().optional(),
  SDR_WORKFLOW_SMS_1: z.string().optional(),
  SDR_WORKFLOW_EMAIL_1: z.string().optional(),
  SDR_WORKFLOW_VOICEMAIL_DROP: z.string().optional(),
  SDR_CALENDAR_ID: z.string().optional(),
  SDR_PIPELINE_STAGE_IDS: z.string().optional(),
  /** Days without activity after which a GoHighLevel contact is a stale lead to re-engage (seed 003: 14). */
  SDR_STALE_AFTER_DAYS: positiveInt.max(3650).default(14),

  // Compliance defaults (a location may be stricter, never looser without a logged setting).
  DAILY_SMS_CAP: positiveInt.default(500),
  MAX_MESSAGES_PER_CONTACT_PER_DAY: positiveInt.default(1),

  // Notifications for handoffs.
  NOTIFY_SMS_TO: z.string().optional(),
  NOTIFY_EMAIL_TO: z.string().optional(),

  // Skip tracing.
  SKIPTRACE_PROVIDER: z.enum(['csv', 'batchdata']).default('csv'),
  BATCHDATA_API_BASE_URL: url.default('https://api.batchdata.com'),
  BATCHDATA_API_TOKEN: z.string().optional(),
  BATCHDATA_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(500),
  BATCHDATA_TIMEOUT_MS: positiveInt.default(60_000),
  /** What BatchData charges per matched record on your plan: each match is a `skiptrace` row of the costs ledger. */
  SKIPTRACE_PRICE_PER_MATCH_USD: usd.default(0),

  EMAIL_MX_CHECK: bool.default(true),

  // Lead sourcing: lists, county parcel layers (ArcGIS REST), MLS (RESO Web API).
  /** Holds `markets/*.yaml` and `scoring/*.yaml`; default: the `config` folder shipped with Curb. */
  CURB_CONFIG_DIR: z.string().min(1).optional(),
  /** Rows stored per transaction by `curb import leads` and the import job. */
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(20_000).default(2000),
  /** Largest list accepted by POST /v1/imports. */
  IMPORT_UPLOAD_LIMIT_BYTES: positiveInt.default(536_870_912),
  ARCGIS_USER_AGENT: z.string().min(1).default('Curb/0.1 (self-hosted lead sourcing; +https://github.com/curb-app/curb)'),
  ARCGIS_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  ARCGIS_TIMEOUT_MS: positiveInt.default(30_000),
  /**
   * ArcGIS tokens per host: `host=token,host=token` (`gis.example.gov`, `gis.example.gov:6443`). A token is sent
   * only to its host, and only over https (or to a loopback host).
   */
  ARCGIS_TOKENS: z.string().optional(),
  /** One token for the hosts listed in `ARCGIS_TOKEN_HOSTS` (required with it): never sent to any other host. */
  ARCGIS_TOKEN: z.string().optional(),
  ARCGIS_TOKEN_HOSTS: z.string().optional(),
  /** Public-record pages (auction calendars): name Curb and a contact; robots.txt groups match its first word. */
  PUBLIC_RECORDS_USER_AGENT: z.string().min(1).default('Curb/0.1 (self-hosted lead sourcing; +https://github.com/curb-app/curb)'),
  /** Minimum spacing per host; a site's longer Crawl-delay wins. */
  PUBLIC_RECORDS_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  PUBLIC_RECORDS_TIMEOUT_MS: positiveInt.default(30_000),
  /** How long a fetched page is reused (kept in `<CURB_DATA_DIR>/cache/public-records`). */
  PUBLIC_RECORDS_CACHE_TTL_MS: z.coerce.number().int().min(0).default(6 * 3_600_000),
  RESO_BASE_URL: url.optional(),
  RESO_TOKEN_URL: url.optional(),
  RESO_CLIENT_ID: z.string().optional(),
  RESO_CLIENT_SECRET: z.string().optional(),
  RESO_SCOPE: z.string().optional(),
  /** A static bearer token, for servers that issue one instead of OAuth2 client credentials. */
  RESO_TOKEN: z.string().optional(),
  RESO_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
}).superRefine((e, ctx) => {
  // Checked here, not at the first model call, so a misconfigured server refuses to start.
  if (e.LLM_PROVIDER === 'anthropic' && !e.ANTHROPIC_API_KEY) ctx.addIssue({ code: 'custom', path: ['ANTHROPIC_API_KEY'], message: 'required when LLM_PROVIDER=anthropic' });
  // A token is scoped to the hosts it was issued for; one sent everywhere would leak to any server Curb reads.
  if (e.ARCGIS_TOKEN && !e.ARCGIS_TOKEN_HOSTS) {
    ctx.addIssue({ code: 'custom', path: ['ARCGIS_TOKEN_HOSTS'], message: 'required with ARCGIS_TOKEN: the host(s) the token is for (e.g. gis.example.gov); it is sent to no other host' });
  }
  if (e.ARCGIS_TOKEN_HOSTS && !e.ARCGIS_TOKEN) ctx.addIssue({ code: 'custom', path: ['ARCGIS_TOKEN'], message: 'required with ARCGIS_TOKEN_HOSTS' });
  const tokenHosts = e.ARCGIS_TOKEN_HOSTS ? parseHostList(e.ARCGIS_TOKEN_HOSTS) : undefined;
  if (tokenHosts && 'problem' in tokenHosts) ctx.addIssue({ code: 'custom', path: ['ARCGIS_TOKEN_HOSTS'], message: tokenHosts.problem });
  const tokens = e.ARCGIS_TOKENS ? parseHostTokens(e.ARCGIS_TOKENS) : undefined;
  if (tokens && 'problem' in tokens) ctx.addIssue({ code: 'custom', path: ['ARCGIS_TOKENS'], message: `${tokens.problem} (write host=token,host=token)` });
  if (tokens && 'tokens' in tokens && tokenHosts && 'hosts' in tokenHosts) {
    const both = tokenHosts.hosts.find((h) => tokens.tokens.has(h));
    if (both) ctx.addIssue({ code: 'custom', path: ['ARCGIS_TOKEN_HOSTS'], message: `${both} also has a token in ARCGIS_TOKENS: give each host one token` });
  }
});

export type Env = z.infer<typeof EnvSchema>;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' }
  | { kind: 'postgres'; url: string; poolMax: number; webhookPoolMax?: number };

export interface Config {
  env: Env;
  database: DatabaseTarget;
  dataDir: string;
  /** Markets and scoring profiles live in `<configDir>/markets` and `<configDir>/scoring`. */
  configDir: string;
}

/** The `config` folder beside `src/` (or `dist/`) of this package: found from this file, not the working directory. */
const SHIPPED_CONFIG_DIR = fileURLToPath(new URL('../../config', import.meta.url));

export class ConfigError extends Error {
  readonly problems: Array<{ variable: string; message: string }>;
  constructor(problems: Array<{ variable: string; message: string }>) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses an environment (default `process.env`); throws `ConfigError` listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ variable: i.path.map(String).join('.') || '(env)', message: i.message }));
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const dataDir = resolve(env.CURB_DATA_DIR);
  const database: DatabaseTarget =
    env.DATABASE_URL === undefined
      ? { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') }
      : env.DATABASE_URL === 'memory://'
        ? { kind: 'pglite-memory' }
        : { kind: 'postgres', url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX, webhookPoolMax: env.DATABASE_WEBHOOK_POOL_MAX };
  return { env, database, dataDir, configDir: env.CURB_CONFIG_DIR ? resolve(env.CURB_CONFIG_DIR) : SHIPPED_CONFIG_DIR };
}

/** The variables a test or tool may read directly (e.g. the test-database factory). */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

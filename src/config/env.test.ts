import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.js';
import { arcgisTokensOf } from './host-tokens.js';

describe('loadConfig', () => {
  it('takes safe defaults: embedded PGlite in ./data, port 3000, sandbox channels, template messages', () => {
    const c = loadConfig({});
    expect(c.env.PORT).toBe(3000);
    expect(c.database).toMatchObject({ kind: 'pglite' });
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.env.SMS_PROVIDER).toBe('sandbox');
    expect(c.env.EMAIL_PROVIDER).toBe('sandbox');
    expect(c.env.LLM_PROVIDER).toBe('template');
    expect(c.env.LLM_MODEL).toBe('llama3.1:8b');
  });

  it('maps DATABASE_URL to the right driver', () => {
    expect(loadConfig({ DATABASE_URL: 'memory://' }).database).toEqual({ kind: 'pglite-memory' });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toMatchObject({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(loadConfig({ DATABASE_URL: '' }).database.kind).toBe('pglite');
  });

  it('lists every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'not a url', TWILIO_ACCOUNT_SID: 'XX', LLM_PROVIDER: 'gpt' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).problems.map((p) => p.variable).sort();
      expect(vars).toEqual(['DATABASE_URL', 'LLM_PROVIDER', 'PORT', 'PUBLIC_URL', 'TWILIO_ACCOUNT_SID']);
      expect((e as Error).message).toContain('PORT');
    }
  });

  it('parses the model and price settings, with defaults that match the adapters', () => {
    const e = loadConfig({}).env;
    expect(e).toMatchObject({
      LLM_RETRIES: 2,
      LLM_CIRCUIT_FAILURES: 5,
      LLM_CIRCUIT_COOLDOWN_MS: 30_000,
      LLM_MAX_TOKENS: 512,
      LLM_TIMEOUT_MS: 60_000,
      OPENAI_BASE_URL: 'https://api.openai.com/v1',
      ANTHROPIC_MODEL: 'claude-haiku-4-5',
      SMS_PRICE_PER_SEGMENT_USD: 0.0079,
      VOICEMAIL_PRICE_USD: 0.014,
      EMAIL_PRICE_USD: 0,
      LLM_INPUT_PRICE_PER_MTOK_USD: 0,
      LLM_OUTPUT_PRICE_PER_MTOK_USD: 0,
    });
    const c = loadConfig({ LLM_RETRIES: '0', SMS_PRICE_PER_SEGMENT_USD: '0.0083', LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'sk-ant-x', ANTHROPIC_MODEL: 'claude-sonnet-4-5' }).env;
    expect(c).toMatchObject({ LLM_RETRIES: 0, SMS_PRICE_PER_SEGMENT_USD: 0.0083, ANTHROPIC_MODEL: 'claude-sonnet-4-5' });
  });

  it('lists every bad model and price setting', () => {
    try {
      loadConfig({
        LLM_RETRIES: '-1',
        LLM_CIRCUIT_FAILURES: '0',
        LLM_CIRCUIT_COOLDOWN_MS: 'soon',
        SMS_PRICE_PER_SEGMENT_USD: '-0.01',
        VOICEMAIL_PRICE_USD: 'cheap',
        EMAIL_PRICE_USD: '-1',
        LLM_INPUT_PRICE_PER_MTOK_USD: 'x',
        OPENAI_BASE_URL: 'localhost:8000',
        LLM_PROVIDER: 'anthropic',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
        'EMAIL_PRICE_USD',
        'LLM_CIRCUIT_COOLDOWN_MS',
        'LLM_CIRCUIT_FAILURES',
        'LLM_INPUT_PRICE_PER_MTOK_USD',
        'LLM_RETRIES',
        'OPENAI_BASE_URL',
        'SMS_PRICE_PER_SEGMENT_USD',
        'VOICEMAIL_PRICE_USD',
      ]);
    }
  });

  it('requires ANTHROPIC_API_KEY with LLM_PROVIDER=anthropic', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'anthropic' })).toThrow(/ANTHROPIC_API_KEY: required when LLM_PROVIDER=anthropic/);
  });

  it('scopes ArcGIS tokens to hosts: ARCGIS_TOKENS pairs, or ARCGIS_TOKEN with the hosts it is for', () => {
    const env = loadConfig({ ARCGIS_TOKENS: 'gis.osceola.org=abc.def=, GIS.Example.gov:6443=xyz', ARCGIS_TOKEN: 'fgio', ARCGIS_TOKEN_HOSTS: 'services9.arcgis.com' }).env;
    expect(arcgisTokensOf(env)).toEqual({ 'gis.osceola.org': 'abc.def=', 'gis.example.gov:6443': 'xyz', 'services9.arcgis.com': 'fgio' });
    expect(arcgisTokensOf(loadConfig({}).env)).toEqual({});
  });

  it('refuses an ARCGIS_TOKEN that names no host, and badly written host lists', () => {
    expect(() => loadConfig({ ARCGIS_TOKEN: 'secret' })).toThrow(/ARCGIS_TOKEN_HOSTS: required with ARCGIS_TOKEN/);
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
      }
    };
    expect(problems({ ARCGIS_TOKEN_HOSTS: 'a.example' })).toEqual(['ARCGIS_TOKEN: required with ARCGIS_TOKEN_HOSTS']);
    expect(problems({ ARCGIS_TOKEN: 't', ARCGIS_TOKEN_HOSTS: 'https://gis.example.gov/arcgis' })[0]).toContain('write the host only');
    expect(problems({ ARCGIS_TOKEN: 't', ARCGIS_TOKEN_HOSTS: '*.arcgis.com' })[0]).toContain('wildcards');
    expect(problems({ ARCGIS_TOKENS: 'gis.example.gov' })[0]).toMatch(/^ARCGIS_TOKENS: "gis.example.gov" is not host=token/);
    expect(problems({ ARCGIS_TOKENS: 'a.example=1,A.example=2' })[0]).toContain('a.example is listed twice');
    expect(problems({ ARCGIS_TOKENS: 'a.example=1', ARCGIS_TOKEN: 't', ARCGIS_TOKEN_HOSTS: 'a.example' })[0]).toContain('a.example also has a token in ARCGIS_TOKENS');
  });

  it('reads the public-records fetcher settings', () => {
    expect(loadConfig({}).env).toMatchObject({ PUBLIC_RECORDS_MIN_INTERVAL_MS: 1000, PUBLIC_RECORDS_TIMEOUT_MS: 30_000, PUBLIC_RECORDS_CACHE_TTL_MS: 21_600_000 });
    expect(loadConfig({ PUBLIC_RECORDS_USER_AGENT: 'Curb/0.1 (ops@example.org)', PUBLIC_RECORDS_CACHE_TTL_MS: '0' }).env).toMatchObject({
      PUBLIC_RECORDS_USER_AGENT: 'Curb/0.1 (ops@example.org)',
      PUBLIC_RECORDS_CACHE_TTL_MS: 0,
    });
  });
});

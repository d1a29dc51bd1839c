import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.js';

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
});

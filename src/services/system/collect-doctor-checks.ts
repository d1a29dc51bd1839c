import type { Config } from '../../config/env.js';
import type { Database } from '../../db/client.js';
import { migrationStatus } from '../../db/migrate.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
  missingForRealSending: string[];
}

/**
 * What `curb doctor` reports, for a database that is already open: the database, migrations, the job
 * queue, each provider, and what is missing for real sending. `GET /v1/system/status` answers the same.
 */
export async function collectDoctorChecks(options: { config: Config; database: Database | null; databaseError?: string }): Promise<DoctorReport> {
  const { config, database } = options;
  const { env } = config;
  const checks: DoctorCheck[] = [];
  const missing: string[] = [];
  if (!database) {
    checks.push({ name: 'database', ok: false, detail: options.databaseError ?? 'not reachable' });
  } else {
    try {
      await database.executeSql('select 1', []);
      checks.push({ name: 'database', ok: true, detail: config.database.kind === 'postgres' ? 'PostgreSQL reachable' : `PGlite (${config.database.kind === 'pglite' ? config.database.dataDir : 'in memory'})` });
      const m = await migrationStatus(database);
      checks.push({ name: 'migrations', ok: m.applied === m.total, detail: `${m.applied}/${m.total} applied${m.applied < m.total ? ' — run `curb migrate`' : ''}` });
      const jobs = await database.executeSql<{ state: string; n: number }>(`select state, count(*)::int as n from ${env.JOBS_SCHEMA}.job group by state`, []).catch(() => null);
      checks.push(
        jobs
          ? { name: 'jobs', ok: true, detail: `queue schema ${env.JOBS_SCHEMA}: ${jobs.rows.map((r) => `${r.state}=${r.n}`).join(', ') || 'empty'}` }
          : { name: 'jobs', ok: false, detail: `queue schema ${env.JOBS_SCHEMA} not installed yet (created by the first \`curb serve\` or \`curb worker\`)` },
      );
    } catch (e) {
      checks.push({ name: 'database', ok: false, detail: (e as Error).message });
    }
  }
  const twilioReady = Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && (env.TWILIO_MESSAGING_SERVICE_SID || env.TWILIO_FROM_NUMBERS));
  checks.push({ name: 'provider.sms', ok: env.SMS_PROVIDER === 'sandbox' || twilioReady, detail: env.SMS_PROVIDER === 'sandbox' ? 'sandbox (messages go to the outbox, nothing is sent)' : twilioReady ? 'Twilio configured' : 'Twilio selected but credentials are incomplete' });
  if (!twilioReady) missing.push('SMS: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_MESSAGING_SERVICE_SID (or TWILIO_FROM_NUMBERS), plus an approved A2P 10DLC brand and campaign');
  const smtpReady = Boolean(env.SMTP_URL && env.EMAIL_FROM);
  checks.push({ name: 'provider.email', ok: env.EMAIL_PROVIDER === 'sandbox' || smtpReady, detail: env.EMAIL_PROVIDER === 'sandbox' ? 'sandbox' : smtpReady ? 'SMTP configured' : 'SMTP selected but SMTP_URL or EMAIL_FROM is missing' });
  if (!smtpReady) missing.push('Email: SMTP_URL and EMAIL_FROM (with SPF, DKIM and DMARC on the sending domain)');
  checks.push({ name: 'provider.llm', ok: true, detail: env.LLM_PROVIDER === 'template' ? 'template messages (no model)' : `${env.LLM_PROVIDER} model ${env.LLM_MODEL}` });
  checks.push({ name: 'provider.ghl', ok: true, detail: env.GHL_PRIVATE_TOKEN ? 'GoHighLevel token configured' : 'GoHighLevel not configured (optional)' });
  if (/localhost|127\.0\.0\.1/.test(env.PUBLIC_URL)) missing.push('PUBLIC_URL: an https URL that Twilio and GoHighLevel can reach for webhooks');
  if (!env.CURB_ENCRYPTION_KEY) missing.push(`CURB_ENCRYPTION_KEY: set it (or back up ${config.dataDir}/encryption.key) — message bodies cannot be read without it`);
  missing.push('National DNC registry files: import them with `curb dnc import --list national` at least every 31 days');
  return { ok: checks.every((c) => c.ok), checks, missingForRealSending: missing };
}

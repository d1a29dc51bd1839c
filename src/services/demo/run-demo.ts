/**
 * `curb demo`: a throwaway database filled by three simulated weeks of the real system. The caller opens
 * the database and passes services whose clock is a ManualClock set to the start; this seeds, simulates
 * and summarises. Everything outbound goes to the sandbox channels (demoConfig forces them).
 */
import type { Config } from '../../config/env.js';
import { buildApp } from '../../http/app.js';
import { type ManualClock, monotonicMs } from '../../lib/clock.js';
import type { AppServices } from '../app-services.js';
import { loadReplyTexts } from './reply-texts.js';
import { seedDemo } from './seed-demo.js';
import { seededRandom } from './seeded-random.js';
import { simulateCampaign, type SimulationStats } from './simulate-campaign.js';
import { type DemoSummary, summarizeDemo } from './summarize-demo.js';

export interface RunDemoOptions {
  services: AppServices & { clock: ManualClock };
  seed: number;
  owners: number;
  days: number;
  /** A line of progress for people watching (stderr). */
  onProgress?: (message: string) => void;
  /** Called once the location and its API key exist, before the simulated weeks (`curb demo` starts serving here). */
  onSeeded?: (seeded: { locationId: string; apiKey: string }) => Promise<void> | void;
  signal?: AbortSignal;
}

export interface DemoResult extends DemoSummary {
  simulatedDays: number;
  simulatedFrom: string;
  simulatedTo: string;
  seed: number;
  owners: number;
  contacts: number;
  enrolled: number;
  tiers: Record<string, number>;
  simulation: SimulationStats;
  tookMs: number;
}

/**
 * The demo's configuration from the user's: an in-memory database, the sandbox channels, the template
 * writer and no network checks — whatever the environment says, the demo never reaches a real provider
 * or a real database.
 */
export function demoConfig(base: Config): Config {
  return {
    ...base,
    database: { kind: 'pglite-memory' },
    env: {
      ...base.env,
      DATABASE_URL: 'memory://',
      CURB_ENCRYPTION_KEY: undefined,
      SMS_PROVIDER: 'sandbox',
      EMAIL_PROVIDER: 'sandbox',
      LLM_PROVIDER: 'template',
      EMAIL_MX_CHECK: false,
      TWILIO_ACCOUNT_SID: undefined,
      TWILIO_AUTH_TOKEN: undefined,
      TWILIO_MESSAGING_SERVICE_SID: undefined,
      TWILIO_FROM_NUMBERS: undefined,
      SMTP_URL: undefined,
      IMAP_URL: undefined,
      GHL_PRIVATE_TOKEN: undefined,
      GHL_LOCATION_TOKENS: undefined,
      NOTIFY_SMS_TO: undefined,
      NOTIFY_EMAIL_TO: undefined,
      BATCHDATA_API_TOKEN: undefined,
    },
  };
}

/** The simulation's first instant for a run ending about now: 05:00 in Orlando (09:00Z), `days` days ago. */
export function demoStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9);
  const end = today <= now.getTime() ? today : today - 86_400_000;
  return new Date(end - days * 86_400_000);
}

export async function runDemo(o: RunDemoOptions): Promise<{ result: DemoResult; locationId: string; apiKey: string }> {
  const t0 = monotonicMs();
  const { services } = o;
  const random = seededRandom(o.seed);
  const from = services.clock.now();
  o.onProgress?.(`demo: ${o.owners} made-up Orange County, FL owners (seed ${o.seed}), ${o.days} simulated days from ${from.toISOString().slice(0, 10)}`);
  const seeded = await seedDemo(services, { random, owners: o.owners });
  o.onProgress?.(`demo: imported ${seeded.imported} properties, ${seeded.contacts.size} owners to contact, ${seeded.enrolled} enrolled in the demo campaign`);
  await o.onSeeded?.({ locationId: seeded.locationId, apiKey: seeded.apiKey });
  const app = await buildApp(services);
  let simulation: SimulationStats;
  try {
    simulation = await simulateCampaign({
      services,
      app,
      seeded,
      seed: o.seed,
      ...(o.signal ? { signal: o.signal } : {}),
      replyTexts: loadReplyTexts(),
      days: o.days,
      onDay: (d) => {
        if (d % 7 === 0 && d > 0) o.onProgress?.(`demo: day ${d} of ${o.days}`);
      },
    });
  } finally {
    await app.close();
  }
  const to = services.clock.now();
  const summary = await summarizeDemo(services, { locationId: seeded.locationId, from, to: new Date(to.getTime() + 60_000) });
  return {
    locationId: seeded.locationId,
    apiKey: seeded.apiKey,
    result: {
      ...summary,
      simulatedDays: o.days,
      simulatedFrom: from.toISOString(),
      simulatedTo: to.toISOString(),
      seed: o.seed,
      owners: o.owners,
      contacts: seeded.contacts.size,
      enrolled: seeded.enrolled,
      tiers: seeded.tiers,
      simulation,
      tookMs: Math.round(monotonicMs() - t0),
    },
  };
}

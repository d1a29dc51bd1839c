/**
 * Seed 003's OutreachSequenceEngine sequences as Curb campaigns: one campaign of type `sdr` per location
 * and sequence variant (config/sdr.yaml `sequences.<variant>`), built from the sequence's day offsets and
 * created once. Every SDR entry point (sourcing, manual enrolment, a GoHighLevel stage change) enrols
 * into this campaign, so the scheduler, compliance and analytics treat SDR touches like any other.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { campaigns } from '../../db/schema/index.js';
import type { SdrConfig } from '../../domain/sequence/sdr-config.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { AppServices } from '../app-services.js';
import { createCampaign } from '../campaigns/create-campaign.js';
import type { CampaignInput } from '../campaigns/campaign-schemas.js';
import { sdrConfigOf } from '../outreach/load-sdr-config.js';

export interface EnsureSdrCampaignOptions {
  locationId: string;
  /** A sequence name of config/sdr.yaml (default `default`). */
  variant?: string;
  /** The parsed config (default: read from CURB_CONFIG_DIR/sdr.yaml). */
  sdr?: SdrConfig;
}

export interface SdrCampaignRef {
  campaignId: string;
  variant: string;
  created: boolean;
}

const DAY_MINUTES = 24 * 60;
const CHANNEL_OF: Record<string, 'sms' | 'email' | 'voicemail'> = { SMS: 'sms', EMAIL: 'email', VOICEMAIL: 'voicemail' };

/** The campaign input for one config/sdr.yaml sequence: step delays are the gaps between day offsets. */
export function sdrCampaignInput(sdr: SdrConfig, variant: string): CampaignInput {
  const sequence = sdr.sequences[variant];
  if (!sequence) {
    throw new AppError(ErrorCode.ValidationFailed, `sequenceVariant: no sequence "${variant}" in config/sdr.yaml (known: ${Object.keys(sdr.sequences).join(', ')})`, {
      issues: [{ path: 'sequenceVariant', message: `unknown sequence ${variant}` }],
    });
  }
  const touches = sequence.steps.filter((s) => s.step !== 'NURTURE_PAUSE');
  const pause = sequence.steps.find((s) => s.step === 'NURTURE_PAUSE');
  let prevDay = 0;
  const steps = touches.map((s) => {
    const delayMinutes = Math.round((s.day - prevDay) * DAY_MINUTES);
    prevDay = s.day;
    return { name: s.step, channel: CHANNEL_OF[s.step.split('_')[0]!]!, delayMinutes };
  });
  return {
    name: variant === 'default' ? 'SDR sequence' : `SDR sequence (${variant})`,
    type: 'sdr',
    steps,
    scheduleConfig: { sdrSequence: variant, nurtureAfterMinutes: pause ? Math.round((pause.day - prevDay) * DAY_MINUTES) : 0 },
    active: true,
  };
}

/**
 * The location's SDR campaign for a sequence variant, created (active) on first use. A paused or draft
 * one is reused as it is (a person paused it on purpose); a completed one is replaced by a new one.
 * Concurrent first calls create one campaign: they serialise on a transaction-scoped advisory lock.
 *
 * @example
 * const { campaignId } = await ensureSdrCampaign(services, { locationId, variant: 'email_first' });
 */
export async function ensureSdrCampaign(services: Pick<AppServices, 'db' | 'clock' | 'config'>, o: EnsureSdrCampaignOptions): Promise<SdrCampaignRef> {
  const variant = o.variant ?? 'default';
  const find = async (db: AppServices['db']) => {
    const [row] = await db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.locationId, o.locationId),
          eq(campaigns.type, 'sdr'),
          inArray(campaigns.status, ['active', 'paused', 'draft']),
          sql`${campaigns.scheduleConfig}->>'sdrSequence' = ${variant}`,
        ),
      )
      .orderBy(campaigns.createdAt)
      .limit(1);
    return row?.id ?? null;
  };
  const known = await find(services.db);
  if (known) return { campaignId: known, variant, created: false };
  const input = sdrCampaignInput(o.sdr ?? (await sdrConfigOf(services)), variant);
  return services.db.transaction(async (tx) => {
    const db = tx as unknown as AppServices['db'];
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`curb:sdr-campaign:${o.locationId}:${variant}`}))`);
    const raced = await find(db);
    if (raced) return { campaignId: raced, variant, created: false };
    const c = await createCampaign({ db, clock: services.clock }, { locationId: o.locationId, input });
    return { campaignId: c.id, variant, created: true };
  });
}

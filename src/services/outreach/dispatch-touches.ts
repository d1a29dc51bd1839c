/**
 * The dispatcher: sends queued touches. Each pass first recovers touches a dead worker left in `sending`
 * (asking the provider whether they went out before sending again), then claims due queued touches and
 * sends them with bounded concurrency. A touch whose compliance decision is older than a few minutes
 * (a retry after an outage, a reply deferred to the morning) is decided again before it goes out.
 */
import { inArray } from 'drizzle-orm';
import pLimit from 'p-limit';
import { pickSender } from '../../adapters/sms/pick-sender.js';
import { parseFromNumbers } from '../../adapters/sms/create-sms-channel.js';
import { claimExpiredSends, claimQueuedTouches, renewLease, renewLeases, type ClaimedTouch } from '../../db/sql/outreach/claim-touches.js';
import { locations, touches } from '../../db/schema/index.js';
import { decrypt } from '../../lib/crypto.js';
import type { AppServices } from '../app-services.js';
import { decideAndRecord } from '../compliance/decide-and-record.js';
import type { Channels } from './channels.js';
import { deliverTouch, recordAttempts, recordSent, sendTouches, type DeliverDeps, type DeliveryOutcome } from './deliver-touch.js';
import { eq } from 'drizzle-orm';

/** A touch is sent on an `allow` decided at `scheduledFor`; null (a deferral) or a decision older than this is asked again (windows, caps and opt-outs may have changed). */
export const DECISION_FRESH_MS = 5 * 60_000;

export interface DispatchOptions {
  /** Touches claimed per pass. */
  limit?: number;
  /** Provider calls in flight at once. */
  concurrency?: number;
  /** How long a claimed touch stays ours before recovery may take it (must exceed a provider call). */
  leaseMs?: number;
  /** Per sender number pacing (10DLC throughput): at most `messages` per `perSeconds`. */
  pacing?: { messages: number; perSeconds: number } | null;
  /** Only this location's touches, to send and to recover (the /v1/sdr process-batch endpoint). */
  locationId?: string;
}

export interface DispatchReport {
  claimed: number;
  recovered: number;
  sent: number;
  requeued: number;
  failed: number;
  deferred: number;
  blocked: number;
  inFlight: number;
}

/** Per-number pacing state of one process: the earliest instant each sender may send again. */
const pacingState = new WeakMap<object, Map<string, number[]>>();

function paceSlot(services: object, from: string, now: number, pacing: { messages: number; perSeconds: number }): number {
  let m = pacingState.get(services);
  if (!m) pacingState.set(services, (m = new Map()));
  const windowMs = pacing.perSeconds * 1000;
  const sent = (m.get(from) ?? []).filter((t) => t > now - windowMs);
  if (sent.length < pacing.messages) {
    sent.push(now);
    m.set(from, sent);
    return 0;
  }
  m.set(from, sent);
  return sent[0]! + windowMs - now;
}

async function loadLocations(deps: DeliverDeps, ids: string[]): Promise<Map<string, typeof locations.$inferSelect>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db.select().from(locations).where(inArray(locations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function dispatchTouches(services: AppServices, channels: Channels, options: DispatchOptions = {}): Promise<DispatchReport> {
  const limit = options.limit ?? 200;
  const leaseMs = options.leaseMs ?? 120_000;
  const run = pLimit(options.concurrency ?? 16);
  const report: DispatchReport = { claimed: 0, recovered: 0, sent: 0, requeued: 0, failed: 0, deferred: 0, blocked: 0, inFlight: 0 };
  const count = (o: DeliveryOutcome): void => {
    if (o.status === 'sent') report.sent++;
    else if (o.status === 'queued') report.requeued++;
    else if (o.status === 'failed') report.failed++;
    else report.inFlight++;
  };

  // 1. Recovery: touches whose sender died mid-call. Ask the provider first; resend only what it never got.
  const scope = options.locationId ? { locationId: options.locationId } : {};
  const stale = await claimExpiredSends(services.database, { now: services.clock.now(), leaseMs, limit, ...scope });
  report.recovered = stale.length;
  if (stale.length > 0) {
    const locs = await loadLocations(services, stale.map((t) => t.locationId));
    await Promise.all(
      stale.map((claimedTouch) =>
        run(async () => {
          // Still ours? (Another worker may have recovered it while this one waited for a slot.)
          const lease = await renewLease(services.db, claimedTouch, { now: services.clock.now(), leaseMs });
          if (!lease) return;
          const t = { ...claimedTouch, leaseUntil: lease };
          if (t.channel === 'sms' && channels.sms.findSent) {
            const body = t.bodyEnc ? decrypt(services.keyRing, t.bodyEnc) : '';
            const since = new Date(t.createdAt.getTime() - 60_000);
            const found = await channels.sms.findSent({ to: t.toAddress, body, since });
            if (!found.ok) {
              // Cannot tell: keep it in `sending`; the next pass asks again when the lease runs out.
              report.inFlight++;
              return;
            }
            if (found.value) {
              await recordSent(services, { ...t, provider: channels.sms.name }, { providerMessageId: found.value.providerMessageId, from: found.value.from, segments: found.value.segments ?? null, priceUsd: found.value.priceUsd ?? (found.value.segments ?? 1) * services.config.env.SMS_PRICE_PER_SEGMENT_USD });
              report.sent++;
              return;
            }
          }
          // Sandbox and email resend under the same idempotency key / Message-ID: the outbox or the
          // receiving server recognises it.
          count(await deliverTouch(services, channels, t, locs.get(t.locationId)!));
        }),
      ),
    );
  }

  // 2. Due queued touches.
  const claimed = await claimQueuedTouches(services.database, { now: services.clock.now(), leaseMs, limit, ...scope });
  report.claimed = claimed.length;
  if (claimed.length === 0) return report;
  const locs = await loadLocations(services, claimed.map((t) => t.locationId));
  const numbers = services.config.env.SMS_PROVIDER === 'twilio' && !services.config.env.TWILIO_MESSAGING_SERVICE_SID ? parseFromNumbers(services.config.env.TWILIO_FROM_NUMBERS) : [];
  const ready: ClaimedTouch[] = [];
  const now = services.clock.now();
  // Decisions older than a few minutes (or deferrals) are asked again first; they are few in steady state.
  const toDecide = claimed.filter((t) => !t.scheduledFor || now.getTime() - t.scheduledFor.getTime() > DECISION_FRESH_MS);
  const fresh = claimed.filter((t) => !toDecide.includes(t));
  await Promise.all(
    toDecide.map((t) =>
      run(async () => {
        const body = t.bodyEnc ? decrypt(services.keyRing, t.bodyEnc) : null;
        const { decision, decisionId } = await decideAndRecord(services, {
          locationId: t.locationId,
          contactId: t.contactId,
          channel: t.channel === 'voicemail' ? 'voice' : t.channel,
          purpose: t.purpose as 'marketing',
          initiation: t.initiation as 'automated' | 'manual',
          to: t.toAddress,
          body,
          at: now,
          touchId: t.id,
          enrollmentId: t.enrollmentId,
          hasUnsubscribeLink: t.channel === 'email',
        });
        if (decision.decision === 'defer') {
          await services.db.update(touches).set({ status: 'queued', leaseUntil: null, nextAttemptAt: new Date(decision.notBefore!), scheduledFor: null, attempts: t.attempts - 1, updatedAt: now }).where(eq(touches.id, t.id));
          report.deferred++;
          return;
        }
        if (decision.decision === 'block') {
          await services.db.update(touches).set({ status: 'blocked', leaseUntil: null, errorCode: 'compliance_blocked', errorMessage: decision.reasons.filter((r) => r.effect === 'block').map((r) => `${r.rule}: ${r.detail}`).join('; '), updatedAt: now }).where(eq(touches.id, t.id));
          report.blocked++;
          return;
        }
        await services.db.update(touches).set({ scheduledFor: now }).where(eq(touches.id, t.id));
        ready.push({ ...t, scheduledFor: now, complianceDecisionId: decisionId });
      }),
    ),
  );
  ready.push(...fresh);

  // Per-number pacing (a number pool without a Messaging Service): a touch over its sender's rate waits.
  const paced: ClaimedTouch[] = [];
  for (const t of ready) {
    if (t.channel === 'sms' && options.pacing && numbers.length > 0) {
      const from = t.fromAddress ?? pickSender(numbers, t.toAddress);
      const wait = paceSlot(services, from, now.getTime(), options.pacing);
      if (wait > 0) {
        await services.db.update(touches).set({ status: 'queued', leaseUntil: null, attempts: t.attempts - 1, fromAddress: from, nextAttemptAt: new Date(now.getTime() + wait), updatedAt: now }).where(eq(touches.id, t.id));
        report.requeued++;
        continue;
      }
      paced.push({ ...t, fromAddress: from });
    } else paced.push(t);
  }

  // Send in chunks. Fencing: right before a chunk goes out its leases are renewed, but only where the lease
  // is still the one this worker claimed — a touch that waited longer than its lease may have been taken
  // over by recovery in another worker, and then this worker must not send it. A chunk's answers are
  // recorded while the next chunk is sent (one recording in flight): the provider and the database work
  // side by side. A touch sent but not yet recorded is in `sending` under its lease, as during any send.
  const concurrency = options.concurrency ?? 16;
  const chunk = concurrency * 4;
  let recording: Promise<void> = Promise.resolve();
  let recordError: unknown = null;
  for (let i = 0; i < paced.length && recordError === null; i += chunk) {
    const part = paced.slice(i, i + chunk);
    const claimedLease = part[0]!.leaseUntil!;
    const ours = await renewLeases(services.database, part.map((t) => t.id), { claimedLease, now: services.clock.now(), leaseMs });
    const mine = part.filter((t) => ours.has(t.id));
    const attempts = await sendTouches(services, channels, mine, locs, concurrency);
    await recording;
    recording = recordAttempts(services, attempts).then(
      (outcomes) => outcomes.forEach(count),
      (e: unknown) => {
        recordError = e;
      },
    );
  }
  await recording;
  // The touches of a chunk that could not be recorded stay in `sending`: recovery asks the provider.
  if (recordError !== null) throw recordError;
  return report;
}

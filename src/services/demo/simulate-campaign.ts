/**
 * The demo's three weeks, on a simulated clock, through the real system: every 15 minutes the scheduler
 * and the dispatcher run until idle (compliance engine, guard, sandbox channels); owners answer the texts
 * they get through the signed Twilio webhook (opt-out first, understanding, auto-replies, handoffs); a
 * simulated person works the approval queue twice a day, answers handed-off leads in the inbox API, and
 * records a closed deal or two through the deals API. Nothing here writes a table directly.
 */
import type { FastifyInstance } from 'fastify';
import { twilioSignatureFor } from '../../adapters/sms/verify-twilio-signature.js';
import { localEpochMs } from '../../domain/compliance/time/local-time.js';
import type { ManualClock } from '../../lib/clock.js';
import type { AppServices } from '../app-services.js';
import { runHandoffWatchdog } from '../handoff/run-handoff-watchdog.js';
import { approveTouch, listApprovals, skipTouch } from '../outreach/approvals.js';
import { channelsFor } from '../outreach/channels.js';
import { dispatchTouches } from '../outreach/dispatch-touches.js';
import { scheduleTouches } from '../outreach/schedule-touches.js';
import { agentReply, OWNER_ANSWERS_TO_AGENT, type ReplyIntent, type ReplyTexts } from './reply-texts.js';
import { DEMO_SMS_NUMBER, DEMO_TWILIO_AUTH_TOKEN, type SeededDemo } from './seed-demo.js';
import { type Random, seededRandom } from './seeded-random.js';
import type { Persona } from './synthesize-owners.js';

const TICK_MS = 15 * 60_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ZONE = 'America/New_York';

/** What each kind of owner says, one message per text from the business that they read. */
const PLANS: Record<Persona, Array<ReplyIntent | 'answer_agent'>> = {
  silent: [],
  interested: ['interested', 'answer_agent'],
  question_then_interested: ['question', 'interested', 'answer_agent'],
  question: ['question'],
  not_interested: ['not_interested'],
  opt_out: ['opt_out'],
  wrong_number: ['wrong_number'],
  unsure: ['unknown'],
};

export interface SimulationStats {
  ticks: number;
  ownerReplies: number;
  webhookRejected: number;
  approvalsClicked: number;
  approvalsSkipped: number;
  approvalsNotNow: number;
  agentReplies: number;
  agentReplyErrors: number;
  deals: number;
  profitUsd: number;
}

type Event =
  | { at: number; kind: 'owner'; contactId: string; from: string; body: string }
  | { at: number; kind: 'agent'; contactId: string; tries: number };

export interface SimulateCampaignOptions {
  services: AppServices & { clock: ManualClock };
  /** An app built on `services` (same clock): the webhooks and API calls go through it. */
  app: FastifyInstance;
  seeded: SeededDemo;
  seed: number;
  replyTexts: ReplyTexts;
  days: number;
  onDay?: (day: number) => void;
  /** Stops between quarter hours (Ctrl-C while the dashboard is already up). */
  signal?: AbortSignal;
}

export async function simulateCampaign(o: SimulateCampaignOptions): Promise<SimulationStats> {
  const { services, app, seeded } = o;
  /**
   * One random stream per owner (and one for the person at the desk), so what an owner does never depends
   * on the order in which the database returned other owners' rows: the same seed, the same story.
   */
  const streams = new Map<number, Random>();
  const streamOf = (contactId: string): Random => {
    const n = seeded.contacts.get(contactId)?.owner.n ?? 0;
    let r = streams.get(n);
    if (!r) streams.set(n, (r = seededRandom((o.seed * 7_919 + n * 104_729) >>> 0)));
    return r;
  };
  const clock = services.clock;
  const db = services.database;
  const channels = channelsFor(services);
  const auth = { authorization: `Bearer ${seeded.apiKey}` };
  const webhookUrl = `${services.config.env.PUBLIC_URL.replace(/\/$/, '')}/webhooks/twilio/sms`;
  const stats: SimulationStats = { ticks: 0, ownerReplies: 0, webhookRejected: 0, approvalsClicked: 0, approvalsSkipped: 0, approvalsNotNow: 0, agentReplies: 0, agentReplyErrors: 0, deals: 0, profitUsd: 0 };
  const start = clock.now().getTime();
  const end = start + o.days * 24 * HOUR;
  const dealAt = o.days >= 3 ? end - 2 * 24 * HOUR + 9 * HOUR : end - HOUR;
  let dealsDone = false;

  const events: Event[] = [];
  const schedule = (e: Event) => {
    events.push(e);
    events.sort((a, b) => a.at - b.at);
  };
  /** Where each owner is in their plan, and whether an answer is already on its way. */
  const progress = new Map<string, { step: number; pending: boolean }>();
  const seenTouches = new Set<string>();
  const seenHandoffs = new Set<string>();
  const agentAnswered = new Set<string>();
  let smsSeq = 0;

  const localHour = (t: number): number => Math.floor((localEpochMs(ZONE, t) % (24 * HOUR)) / HOUR);
  /** Replies come at human hours: late-night texts are read in the morning. */
  const humanTime = (t: number, random: Random): number => {
    const h = localHour(t);
    if (h >= 22) return t + (24 - h + 8) * HOUR + random.int(0, 90) * MINUTE;
    if (h < 7) return t + (8 - h) * HOUR + random.int(0, 90) * MINUTE;
    return t;
  };
  const workTime = (t: number, random: Random): number => {
    const h = localHour(t);
    if (h >= 18) return t + (24 - h + 9) * HOUR + random.int(0, 45) * MINUTE;
    if (h < 9) return t + (9 - h) * HOUR + random.int(0, 45) * MINUTE;
    return t;
  };

  /**
   * Work the scheduler or the dispatcher would claim now (the claims' own conditions, loosened): most
   * quarter hours of three weeks have none, and skipping their empty passes keeps the demo fast.
   */
  const workDue = async (): Promise<boolean> => {
    const { rows } = await db.executeSql<{ due: boolean }>(
      `select exists (select 1 from enrollments where status = 'active' and next_touch_at <= $1)
           or exists (select 1 from touches where status = 'queued' and (next_attempt_at is null or next_attempt_at <= $1))
           or exists (select 1 from touches where status = 'sending' and (lease_until is null or lease_until <= $1)) as due`,
      [clock.now()],
    );
    return rows[0]?.due === true;
  };

  /** One quarter hour of the engine; false when there was nothing to claim (so nothing new was sent). */
  const runEngine = async (): Promise<boolean> => {
    if (!(await workDue())) return false;
    for (;;) {
      const r = await scheduleTouches(services, { limit: 500 });
      if (r.claimed === 0) break;
    }
    for (;;) {
      const r = await dispatchTouches(services, channels, { limit: 500 });
      if (r.claimed === 0 && r.recovered === 0) break;
    }
    return true;
  };

  /** Each text the business sent (campaign, auto-reply, a person's reply) may get the owner's next message. */
  const observeTexts = async () => {
    const { rows } = await db.executeSql<{ id: string; contact_id: string; to_address: string; sent_at: Date; purpose: string }>(
      `select id, contact_id, to_address, sent_at, purpose from touches
       where location_id = $1 and channel = 'sms' and sent_at is not null and sent_at >= $2 order by sent_at, id`,
      [seeded.locationId, new Date(clock.now().getTime() - 2 * TICK_MS)],
    );
    for (const t of rows) {
      if (seenTouches.has(t.id)) continue;
      seenTouches.add(t.id);
      if (t.purpose === 'opt_out_confirmation') continue;
      const c = seeded.contacts.get(t.contact_id);
      if (!c) continue;
      const random = streamOf(t.contact_id);
      const plan = PLANS[c.owner.persona];
      const p = progress.get(t.contact_id) ?? { step: 0, pending: false };
      progress.set(t.contact_id, p);
      if (p.pending || p.step >= plan.length) continue;
      const next = plan[p.step]!;
      // The owner answers a person's message, not the bot's next marketing text.
      if (next === 'answer_agent' && !agentAnswered.has(t.contact_id)) continue;
      const body = next === 'answer_agent' ? random.pick(OWNER_ANSWERS_TO_AGENT) : random.pick(o.replyTexts[next]);
      const sentAt = new Date(t.sent_at).getTime();
      const delay = next === 'answer_agent' ? random.int(10, 120) : random.weighted({ fast: 5, hour: 3, later: 2 }) === 'fast' ? random.int(2, 40) : random.int(45, 600);
      p.pending = true;
      p.step++;
      schedule({ at: humanTime(sentAt + delay * MINUTE, random), kind: 'owner', contactId: t.contact_id, from: t.to_address, body });
    }
  };

  /** A new handoff: the person answers it from the inbox within the hour, in working hours (most of the time). */
  const observeHandoffs = async () => {
    const { rows } = await db.executeSql<{ id: string; contact_id: string; created_at: Date }>('select id, contact_id, created_at from handoffs where location_id = $1', [seeded.locationId]);
    for (const h of rows) {
      if (seenHandoffs.has(h.id)) continue;
      seenHandoffs.add(h.id);
      const random = streamOf(h.contact_id);
      if (!random.chance(0.8)) continue;
      schedule({ at: workTime(new Date(h.created_at).getTime() + random.int(15, 75) * MINUTE, random), kind: 'agent', contactId: h.contact_id, tries: 0 });
    }
  };

  const ownerTexts = async (e: Extract<Event, { kind: 'owner' }>) => {
    const fields: Record<string, string> = {
      MessageSid: `SMdemo${String(++smsSeq).padStart(26, '0')}`,
      AccountSid: `AC${'0'.repeat(32)}`,
      From: e.from,
      To: DEMO_SMS_NUMBER,
      Body: e.body,
      NumMedia: '0',
      NumSegments: '1',
    };
    const signature = twilioSignatureFor({ authToken: DEMO_TWILIO_AUTH_TOKEN, url: webhookUrl, params: fields });
    const r = await app.inject({
      method: 'POST',
      url: '/webhooks/twilio/sms',
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    });
    if (r.statusCode !== 200) stats.webhookRejected++;
    else stats.ownerReplies++;
    const p = progress.get(e.contactId);
    if (p) p.pending = false;
  };

  const agentTexts = async (e: Extract<Event, { kind: 'agent' }>) => {
    const c = seeded.contacts.get(e.contactId);
    const r = await app.inject({
      method: 'POST',
      url: `/v1/conversations/${e.contactId}/reply`,
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `demo-agent-${e.contactId}-${e.tries}` },
      payload: { body: agentReply(streamOf(e.contactId), { firstName: c?.owner.firstName ?? null, street: c?.street ?? null }) },
    });
    if (r.statusCode < 300) {
      stats.agentReplies++;
      agentAnswered.add(e.contactId);
    } else if (e.tries < 3) schedule({ ...e, at: workTime(clock.now().getTime() + 2 * HOUR, streamOf(e.contactId)), tries: e.tries + 1 });
    else stats.agentReplyErrors++;
  };

  /** The person's pass through the approval queue: most queued texts sent with one click each, a few skipped. */
  const workApprovals = async () => {
    for (let cursor: string | undefined, guard = 0; guard < 50; guard++) {
      const page = await listApprovals(services, { locationId: seeded.locationId, limit: 200, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        const roll = streamOf(item.contactId).next();
        if (roll < 0.1) {
          await skipTouch(services, { locationId: seeded.locationId, touchId: item.touchId, actor: 'demo-user' });
          stats.approvalsSkipped++;
        } else if (roll < 0.8) {
          try {
            await approveTouch(services, { locationId: seeded.locationId, touchId: item.touchId, actor: 'demo-user' });
            stats.approvalsClicked++;
          } catch {
            // "Not now" (a defer answers 409 with the first allowed time): it stays in the queue.
            stats.approvalsNotNow++;
          }
        }
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  };

  const recordDeals = async () => {
    // The first leads a person talked to are the ones that closed.
    const { rows } = await db.executeSql<{ contact_id: string }>(
      `select h.contact_id from handoffs h where h.location_id = $1 order by h.created_at, h.id`,
      [seeded.locationId],
    );
    const candidates = rows.map((r) => r.contact_id).filter((id) => agentAnswered.has(id));
    for (const contactId of candidates.slice(0, 2)) {
      const c = seeded.contacts.get(contactId);
      const price = Math.round(((c?.owner.estimatedValue ?? 250_000) * 0.68) / 1000) * 1000;
      const profit = streamOf(contactId).int(9, 28) * 1000;
      const r = await app.inject({
        method: 'POST',
        url: '/v1/deals',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: { contactId, price, profit, kind: 'assignment', closedAt: clock.now().toISOString(), notes: 'Demo deal: assignment of contract.' },
      });
      if (r.statusCode === 201) {
        stats.deals++;
        stats.profitUsd += profit;
      }
    }
  };

  let lastDay = -1;
  while (clock.now().getTime() < end) {
    o.signal?.throwIfAborted();
    const now = clock.now().getTime();
    const day = Math.floor((now - start) / (24 * HOUR));
    if (day !== lastDay) {
      lastDay = day;
      o.onDay?.(day);
    }
    if (await runEngine()) await observeTexts();
    const h = localHour(now);
    const minute = Math.floor((localEpochMs(ZONE, now) % HOUR) / MINUTE);
    if ((h === 10 || h === 15) && minute < 15) {
      await workApprovals();
      await observeTexts();
    }
    if (minute < 15 && seenHandoffs.size > 0) await runHandoffWatchdog(services, { locationId: seeded.locationId });
    if (!dealsDone && now >= dealAt) {
      dealsDone = true;
      await recordDeals();
    }
    // What people do during this quarter hour, at the minute they do it.
    const tickEnd = now + TICK_MS;
    while (events.length > 0 && events[0]!.at < tickEnd) {
      const e = events.shift()!;
      clock.set(new Date(Math.max(e.at, clock.now().getTime())));
      if (e.kind === 'owner') {
        await ownerTexts(e);
        // Only an owner's message starts a handoff.
        await observeHandoffs();
      } else await agentTexts(e);
      await observeTexts();
    }
    clock.set(new Date(tickEnd));
    stats.ticks++;
  }
  // The last quarter hour's sends.
  await runEngine();
  return stats;
}

/**
 * The rollup (`analytics_lead_facts`, kept by triggers) gives the same answers as the raw tables: a random
 * dataset — inserted, then edited the way the app edits it (reclassified replies, deleted messages, status
 * changes, opt-outs and resubscriptions, deals moved or removed, a contact deleted) — and every metric under
 * many filter combinations, compared with the raw statements in test/fixtures/analytics/raw-analytics.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { selectBreakdown } from '../../db/sql/analytics/select-breakdown.js';
import { selectFunnel } from '../../db/sql/analytics/select-funnel.js';
import { selectPipeline } from '../../db/sql/analytics/select-pipeline.js';
import { selectRolling } from '../../db/sql/analytics/select-rolling.js';
import { selectTimeseries } from '../../db/sql/analytics/select-timeseries.js';
import { newId } from '../../lib/ids.js';
import { rawBreakdown, rawFunnel, rawPipeline, rawRollingOptOuts, rawTimeseries } from '../../../test/fixtures/analytics/raw-analytics.js';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../test/helpers/test-services.js';
import type { AnalyticsFilter, BreakdownDimension } from './analytics-schemas.js';

const BASE = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: the same dataset on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Generated {
  campaigns: string[];
  contacts: string[];
}

async function insertRows(db: Database, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  for (const r of rows) {
    const cols = Object.keys(r);
    await db.executeSql(`insert into ${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(r));
  }
}

async function generate(db: Database, locationId: string, seed: number): Promise<Generated> {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const when = (spanDays = 20) => new Date(BASE + Math.floor(rnd() * spanDays * DAY));
  const markets = [newId(), newId()];
  await insertRows(db, 'markets', [
    { id: markets[0], location_id: locationId, key: 'orange', name: 'Orange', state: 'FL', time_zone: 'America/New_York' },
    { id: markets[1], location_id: locationId, key: 'seminole', name: 'Seminole', state: 'FL', time_zone: 'America/New_York' },
  ]);
  const campaigns = [newId(), newId(), newId()];
  await insertRows(db, 'campaigns', campaigns.map((id, i) => ({ id, location_id: locationId, name: `Campaign ${i}`, status: 'active' })));
  const contacts: string[] = [];
  for (let i = 0; i < 70; i++) {
    const id = newId();
    contacts.push(id);
    const optOut = rnd() < 0.12;
    const optedOutAt = optOut || rnd() < 0.05 ? when(22) : null;
    await insertRows(db, 'contacts', [{ id, location_id: locationId, owner_name: `Owner ${i}`, phone: `+1407${String(5550000 + seed * 100 + i)}`, opt_out: optOut, opted_out_at: optedOutAt }]);
    for (let k = 0; k < 1 + Math.floor(rnd() * 2); k++) {
      const pid = newId();
      await insertRows(db, 'properties', [{ id: pid, location_id: locationId, market_id: pick(markets), parcel_id: `P${seed}-${i}-${k}`, score: Math.floor(rnd() * 4) * 10, tier: pick(['A', 'B', 'C']), source: 'propstream' }]);
      await insertRows(db, 'property_contacts', [{ property_id: pid, contact_id: id }]);
    }
    const touchCount = Math.floor(rnd() * 6);
    const sent: Date[] = [];
    for (let k = 0; k < touchCount; k++) {
      const manual = rnd() < 0.15;
      const status = pick(['sent', 'delivered', 'delivered', 'failed', 'queued'] as const);
      const step = 1 + Math.floor(rnd() * 3);
      const sentAt = status === 'queued' ? null : when();
      if (sentAt) sent.push(sentAt);
      await insertRows(db, 'touches', [
        {
          id: newId(),
          location_id: locationId,
          campaign_id: manual ? null : pick(campaigns),
          contact_id: id,
          step: manual ? null : step,
          channel: pick(['sms', 'sms', 'email', 'voicemail'] as const),
          idempotency_key: `${id}:${k}`,
          status,
          to_address: 'x',
          template_key: manual ? null : `tpl_${step}`,
          variant: !manual && step === 1 ? pick(['A', 'B']) : null,
          cost_usd: rnd() < 0.7 ? '0.0079' : null,
          initiation: manual ? 'manual' : 'automated',
          sent_at: sentAt,
          // A touch rarely carries a replied_at without a matching message (set by a provider).
          replied_at: sentAt && rnd() < 0.05 ? new Date(sentAt.getTime() + HOUR) : null,
        },
      ]);
    }
    const replyCount = rnd() < 0.5 ? Math.floor(rnd() * 4) : 0;
    for (let k = 0; k < replyCount; k++) {
      await insertRows(db, 'communications', [
        {
          id: newId(),
          location_id: locationId,
          contact_id: id,
          direction: 'inbound',
          channel: pick(['sms', 'sms', 'email', 'voice'] as const),
          intent: pick(['interested', 'question', 'not_interested', 'opt_out', null]),
          status: 'received',
          // Mostly near a touch — some hours before it, most after — so that replies straddle the clocks.
          occurred_at: sent.length > 0 && rnd() < 0.7 ? new Date(pick(sent).getTime() + Math.floor((rnd() * 54 - 6) * HOUR)) : when(22),
        },
      ]);
    }
    // Outbound messages: must not disturb anything.
    if (rnd() < 0.5) await insertRows(db, 'communications', [{ id: newId(), location_id: locationId, contact_id: id, direction: 'outbound', channel: 'sms', status: 'delivered', occurred_at: when() }]);
    if (rnd() < 0.7) {
      await insertRows(db, 'lead_statuses', [{ id: newId(), location_id: locationId, contact_id: id, status: pick(['contacted', 'replied', 'interested', 'negotiating', 'under_contract', 'deal_closed', 'cold', 'opt_out']), changed_at: when() }]);
    }
    if (rnd() < 0.1) await insertRows(db, 'deals', [{ id: newId(), location_id: locationId, contact_id: id, campaign_id: pick(campaigns), profit: '9000', closed_at: when(25) }]);
  }
  return { campaigns, contacts };
}

/** What the app does after the fact: every source of the rollup changes at least once. */
async function edit(db: Database, locationId: string, g: Generated): Promise<void> {
  await db.executeSql(
    `update communications set intent = case when intent = 'interested' then 'question' else 'interested' end
     where id in (select id from communications where location_id = $1 and direction = 'inbound' order by id limit 15)`,
    [locationId],
  );
  await db.executeSql(`update communications set occurred_at = occurred_at - interval '3 days' where id in (select id from communications where location_id = $1 and direction = 'inbound' order by id desc limit 6)`, [locationId]);
  await db.executeSql(`delete from communications where id in (select id from communications where location_id = $1 and direction = 'inbound' order by occurred_at limit 4)`, [locationId]);
  await db.executeSql(`update lead_statuses set status = 'interested' where id in (select id from lead_statuses where location_id = $1 and status = 'contacted' order by id limit 4)`, [locationId]);
  await db.executeSql(`update lead_statuses set status = 'cold' where id in (select id from lead_statuses where location_id = $1 and status in ('interested', 'opt_out') order by id limit 4)`, [locationId]);
  await db.executeSql(`delete from lead_statuses where id in (select id from lead_statuses where location_id = $1 and status = 'negotiating' order by id limit 2)`, [locationId]);
  await db.executeSql(`update contacts set opt_out = true, opted_out_at = '2025-03-15T12:00:00Z' where id = any($1::uuid[])`, [g.contacts.slice(0, 5)]);
  await db.executeSql(`update contacts set opt_out = false where id in (select id from contacts where location_id = $1 and opt_out order by id desc limit 2)`, [locationId]);
  await db.executeSql(`update deals set closed_at = closed_at - interval '10 days' where id in (select id from deals where location_id = $1 order by id limit 2)`, [locationId]);
  await db.executeSql(`delete from deals where id in (select id from deals where location_id = $1 order by id desc limit 1)`, [locationId]);
  await db.executeSql(`insert into deals (id, location_id, contact_id, profit, closed_at) values ($1, $2, $3, 5000, '2025-03-12T10:00:00Z')`, [newId(), locationId, g.contacts[7]]);
  await db.executeSql(`delete from contacts where id = $1`, [g.contacts[9]]);
  // Touches: a send that failed after all, a queued one that went out, a move to another campaign, a cost
  // booked late, a reply flag, a deletion, and a manual send.
  await db.executeSql(`update touches set status = 'failed' where id in (select id from touches where location_id = $1 and status = 'delivered' order by id limit 3)`, [locationId]);
  await db.executeSql(
    `update touches set status = 'sent', sent_at = '2025-03-08T09:30:00Z' where id in (select id from touches where location_id = $1 and status = 'queued' and campaign_id is not null order by id limit 3)`,
    [locationId],
  );
  await db.executeSql(`update touches set campaign_id = $2 where id in (select id from touches where location_id = $1 and status = 'sent' order by id desc limit 2)`, [locationId, g.campaigns[2]]);
  await db.executeSql(`update touches set cost_usd = 0.02, replied_at = sent_at + interval '2 hours' where id in (select id from touches where location_id = $1 and status = 'delivered' order by id desc limit 3)`, [locationId]);
  await db.executeSql(`update touches set status = 'delivered' where id in (select id from touches where location_id = $1 and status = 'sent' order by id limit 3)`, [locationId]);
  await db.executeSql(`delete from touches where id in (select id from touches where location_id = $1 and status = 'delivered' order by sent_at limit 2)`, [locationId]);
  // Properties and their links (the pipeline rollup): re-scored up and down, a new tier, another market or
  // none, a property deleted, a link deleted and a link moved, new properties linked to known owners (one
  // statement for several links of one lead, ties on the score included), a bare contact and one opted out
  // from the start.
  await db.executeSql(`update properties set score = score + 35 where id in (select id from properties where location_id = $1 order by id limit 6)`, [locationId]);
  await db.executeSql(`update properties set score = null where id in (select id from properties where location_id = $1 order by id desc limit 3)`, [locationId]);
  await db.executeSql(`update properties set tier = case tier when 'A' then 'C' else 'A' end where id in (select id from properties where location_id = $1 order by parcel_id limit 5)`, [locationId]);
  await db.executeSql(`update properties set market_id = null where id in (select id from properties where location_id = $1 order by parcel_id desc limit 2)`, [locationId]);
  await db.executeSql(
    `update properties set market_id = (select id from markets where location_id = $1 and key = 'orange') where id in (select id from properties where location_id = $1 order by parcel_id desc offset 2 limit 3)`,
    [locationId],
  );
  await db.executeSql(`delete from properties where id in (select id from properties where location_id = $1 order by parcel_id limit 2 offset 10)`, [locationId]);
  await db.executeSql(`delete from property_contacts where (property_id, contact_id) in (select pc.property_id, pc.contact_id from property_contacts pc where pc.contact_id = $1 limit 1)`, [g.contacts[12]]);
  await db.executeSql(`update property_contacts set contact_id = $2 where contact_id = $1`, [g.contacts[13], g.contacts[14]]);
  const market = (await db.executeSql<{ id: string }>(`select id from markets where location_id = $1 and key = 'seminole'`, [locationId])).rows[0]!.id;
  const fresh = [newId(), newId(), newId()];
  for (const [i, id] of fresh.entries()) {
    await insertRows(db, 'properties', [{ id, location_id: locationId, market_id: market, parcel_id: `NEW-${i}`, score: i === 2 ? null : 90, tier: 'A', source: 'list_import' }]);
  }
  await db.executeSql(`insert into property_contacts (property_id, contact_id) values ($1, $4), ($2, $4), ($3, $4), ($3, $5)`, [...fresh, g.contacts[15], g.contacts[16]]);
  // Links whose writer filled the tier and market copies: right, wrong, and half right.
  await db.executeSql(
    `insert into property_contacts (property_id, contact_id, tier, market_id) values ($1, $4, 'A', $5), ($2, $6, 'C', null), ($3, $6, 'A', null)`,
    [...fresh, g.contacts[17], market, g.contacts[18]],
  );
  // A market deleted: its properties lose it (ON DELETE SET NULL), and so do their links' copies.
  const gone = newId();
  await insertRows(db, 'markets', [{ id: gone, location_id: locationId, key: 'lake', name: 'Lake County', state: 'FL', time_zone: 'America/New_York' }]);
  await db.executeSql(`update properties set market_id = $2 where id in (select id from properties where location_id = $1 order by parcel_id offset 20 limit 3)`, [locationId, gone]);
  await db.executeSql(`delete from markets where id = $1`, [gone]);
  // Statuses for leads without one, in one statement: `new` (what an import writes for a new owner) and
  // `contacted`, for leads with properties and for a bare contact.
  const bare = newId();
  await insertRows(db, 'contacts', [{ id: bare, location_id: locationId, owner_name: 'Bare owner with a status' }]);
  await db.executeSql(
    `insert into lead_statuses (id, location_id, contact_id, status, changed_at)
     select gen_random_uuid(), $1, c.id, case when row_number() over (order by c.id) % 3 = 0 then 'contacted' else 'new' end, now()
     from contacts c where c.location_id = $1 and not exists (select 1 from lead_statuses ls where ls.contact_id = c.id)
       and (c.id = $2 or exists (select 1 from property_contacts pc where pc.contact_id = c.id))`,
    [locationId, bare],
  );
  await insertRows(db, 'contacts', [{ id: newId(), location_id: locationId, owner_name: 'Bare owner' }]);
  await insertRows(db, 'contacts', [{ id: newId(), location_id: locationId, owner_name: 'Opted out owner', opt_out: true, opted_out_at: new Date(BASE) }]);
}

/** Rows of analytics_lead_pipeline that differ from a recomputation from the sources (a contact with nothing may have no row). */
const PIPELINE_DIFF = `with fresh as (
   select c.id as contact_id, c.location_id, case when c.opt_out then 'opt_out' else coalesce(ls.status, 'new') end as status,
          mp.property_id, mp.score, mp.tier, mp.market_id
   from contacts c
   left join lead_statuses ls on ls.contact_id = c.id
   left join lateral (
     select p.id as property_id, p.score, p.tier, p.market_id from property_contacts pc join properties p on p.id = pc.property_id
     where pc.contact_id = c.id order by p.score desc nulls last, p.id limit 1
   ) mp on true
 )
 select count(*) filter (where x.contact_id is null
                            or (lp.contact_id is null and (x.status <> 'new' or x.property_id is not null))
                            or (lp.contact_id is not null and (lp.location_id, lp.status, lp.property_id, lp.score, lp.tier, lp.market_id)
                                  is distinct from (x.location_id, x.status, x.property_id, x.score, x.tier, x.market_id)))::int as n,
        count(lp.contact_id)::int as total
 from fresh x full join analytics_lead_pipeline lp on lp.contact_id = x.contact_id`;

/** Property links whose tier and market copies differ from their property's (drizzle/0015_lead_filter_copies.sql). */
const LINK_COPIES_DIFF = `select count(*) filter (where (pc.tier, pc.market_id) is distinct from (p.tier, p.market_id))::int as n, count(*)::int as total
 from property_contacts pc join properties p on p.id = pc.property_id`;

function filters(g: Generated): Array<[string, AnalyticsFilter]> {
  const range = { from: new Date(BASE + 2 * DAY + 5 * HOUR), to: new Date(BASE + 16 * DAY + 7 * HOUR) };
  const all = { from: new Date(BASE - DAY), to: new Date(BASE + 30 * DAY) };
  return [
    ['all', all],
    ['range', range],
    ['narrow', { from: new Date(BASE + 6 * DAY), to: new Date(BASE + 9 * DAY + 13 * HOUR) }],
    ['campaign', { ...range, campaign: g.campaigns[0] }],
    ['template', { ...all, template: 'tpl_2' }],
    ['variant', { ...range, variant: 'A' }],
    ['channel email', { ...all, channel: 'email' }],
    ['channel sms', { ...range, channel: 'sms' }],
    ['market', { ...range, market: 'seminole' }],
    ['tier', { ...all, tier: 'A' }],
    ['market channel', { ...range, market: 'orange', channel: 'sms' }],
    ['tier campaign', { from: new Date(BASE + 6 * DAY), to: new Date(BASE + 12 * DAY), tier: 'B', campaign: g.campaigns[2] }],
    ['market and tier', { ...range, market: 'orange', tier: 'B' }],
    ['combined', { ...all, campaign: g.campaigns[1], tier: 'B', channel: 'sms' }],
  ];
}

const DIMENSIONS: BreakdownDimension[] = ['channel', 'campaign', 'step', 'template', 'variant', 'market', 'tier'];

/** Rows of analytics_touches that differ from a recomputation from touches (window functions), and the total. */
const TOUCH_ROLLUP_DIFF = `with raw as (
   select id, location_id, contact_id, sent_at, campaign_id, step, channel, template_key, variant, cost_usd, replied_at,
          lag(sent_at) over w, lead(sent_at) over w, lag(sent_at) over wch, lead(sent_at) over wch, lag(sent_at) over wcp, lead(sent_at) over wcp,
          (row_number() over w)::int, (row_number() over wch)::int, (row_number() over wcp)::int
   from touches
   where status in ('sent', 'delivered') and campaign_id is not null and sent_at is not null
   window w as (partition by location_id, contact_id order by sent_at, id),
          wch as (partition by location_id, contact_id, channel order by sent_at, id),
          wcp as (partition by location_id, contact_id, campaign_id order by sent_at, id)
 ),
 roll as (select touch_id as id, location_id, contact_id, sent_at, campaign_id, step, channel, template_key, variant, cost_usd, replied_at,
                 prev_sent_at, next_sent_at, prev_channel_sent_at, next_channel_sent_at, prev_campaign_sent_at, next_campaign_sent_at,
                 seq, channel_seq, campaign_seq
          from analytics_touches)
 select (select count(*)::int from ((select * from raw except select * from roll) union all (select * from roll except select * from raw)) d) as n,
        (select count(*)::int from roll) as total`;

describe.each(databaseTargets())('analytics rollup = raw tables on a random dataset (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  let g: Generated;

  beforeAll(async () => {
    ctx = await createTestContext(kind);
    const tenant = await createTenant(ctx.services);
    locationId = tenant.location.id;
    g = await generate(ctx.services.database, locationId, 7);
    // Another location's rows must not leak in.
    const other = await createTenant(ctx.services, 'Other Co');
    await generate(ctx.services.database, other.location.id, 11);
    await edit(ctx.services.database, locationId, g);
  }, 120_000);
  afterAll(() => ctx.close());

  it('the rollup rows equal a recomputation from the sources', async () => {
    const { rows } = await ctx.services.database.executeSql<{ n: number }>(
      `with fresh as (
         select c.id as contact_id, c.location_id,
                coalesce((select array_agg(m.occurred_at order by m.occurred_at, m.id) from communications m where m.contact_id = c.id and m.direction = 'inbound'), '{}') as reply_at,
                coalesce((select array_agg(m.intent order by m.occurred_at, m.id) from communications m where m.contact_id = c.id and m.direction = 'inbound'), '{}') as reply_intent,
                (select ls.status from lead_statuses ls where ls.contact_id = c.id and ls.status in ('interested', 'negotiating', 'under_contract', 'deal_closed', 'opt_out')) as status,
                c.opt_out, c.opted_out_at, (select max(d.closed_at) from deals d where d.contact_id = c.id) as last_deal_at
         from contacts c
       )
       select count(*)::int as n from fresh x full join analytics_lead_facts f on f.contact_id = x.contact_id
       where x.contact_id is null
          or (f.contact_id is null and (cardinality(x.reply_at) > 0 or x.status is not null or x.opt_out or x.opted_out_at is not null or x.last_deal_at is not null))
          or (f.contact_id is not null and (f.reply_at <> x.reply_at or f.reply_intent is distinct from x.reply_intent or f.status is distinct from x.status
              or f.opted_out <> x.opt_out or f.opted_out_at is distinct from x.opted_out_at or f.last_deal_at is distinct from x.last_deal_at
              or f.replies <> cardinality(x.reply_at) or f.location_id <> x.location_id))`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('the touch rollup holds exactly the campaign touches that went out, each linked to the touches before and after it and numbered', async () => {
    const { rows } = await ctx.services.database.executeSql<{ n: number; total: number }>(TOUCH_ROLLUP_DIFF);
    expect(rows[0]).toMatchObject({ n: 0 });
    expect(rows[0]!.total).toBeGreaterThan(100);
  });

  it('the pipeline rollup equals a recomputation from the sources', async () => {
    const { rows } = await ctx.services.database.executeSql<{ n: number; total: number }>(PIPELINE_DIFF);
    expect(rows[0]).toMatchObject({ n: 0 });
    expect(rows[0]!.total).toBeGreaterThan(100);
  });

  it("the property links carry their property's tier and market", async () => {
    const { rows } = await ctx.services.database.executeSql<{ n: number; total: number }>(LINK_COPIES_DIFF);
    expect(rows[0]).toMatchObject({ n: 0 });
    expect(rows[0]!.total).toBeGreaterThan(100);
  });

  it('pipeline: every filter gives the counts of the raw statement', async () => {
    const norm = (rows: Array<{ status: string; tier: string | null; market: string | null; n: number }>) =>
      rows.map((r) => `${r.status}|${r.tier}|${r.market}|${r.n}`).sort();
    const scopes = [{}, { tier: 'A' }, { market: 'seminole' }, { tier: 'B', market: 'orange' }];
    for (const scope of scopes) {
      const fast = await selectPipeline(ctx.services.database, { locationId, ...scope });
      expect(norm(fast), JSON.stringify(scope)).toEqual(norm(await rawPipeline(ctx.services.database, { locationId, ...scope })));
    }
    const all = await selectPipeline(ctx.services.database, { locationId });
    // Not degenerate: opted-out leads, bare contacts and leads of both markets are all counted.
    expect(all.find((r) => r.status === 'opt_out')).toBeDefined();
    expect(all.find((r) => r.status === 'new' && r.tier === null && r.market === null)).toBeDefined();
    expect(new Set(all.map((r) => r.market))).toEqual(new Set(['orange', 'seminole', null]));
  });

  it("migration 0014's backfill numbers the touches as the triggers do", async () => {
    const migration = readFileSync(new URL('../../../drizzle/0014_analytics_touch_ordinals.sql', import.meta.url), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').at(-1)!;
    expect(backfill).toMatch(/^\s*-- The existing rows[\s\S]*UPDATE analytics_touches/);
    await ctx.services.database.transaction(async (db) => {
      await db.executeSql('update analytics_touches set seq = 0, channel_seq = 0, campaign_seq = 0');
      await db.executeSql(backfill);
    });
    const { rows } = await ctx.services.database.executeSql<{ n: number; total: number }>(TOUCH_ROLLUP_DIFF);
    expect(rows[0]).toMatchObject({ n: 0 });
  });

  it("migration 0015's backfill copies each property's tier and market to its links", async () => {
    const migration = readFileSync(new URL('../../../drizzle/0015_lead_filter_copies.sql', import.meta.url), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').find((statement) => /^\s*UPDATE property_contacts/.test(statement));
    expect(backfill).toBeDefined();
    await ctx.services.database.transaction(async (db) => {
      await db.executeSql('update property_contacts set tier = null, market_id = null');
      expect((await db.executeSql<{ n: number }>(LINK_COPIES_DIFF)).rows[0]!.n).toBeGreaterThan(50);
      await db.executeSql(backfill!);
    });
    const { rows } = await ctx.services.database.executeSql<{ n: number; total: number }>(LINK_COPIES_DIFF);
    expect(rows[0]).toMatchObject({ n: 0 });
    // Rewriting the copies alone leaves the pipeline rows as they were.
    expect((await ctx.services.database.executeSql<{ n: number }>(PIPELINE_DIFF)).rows[0]).toMatchObject({ n: 0 });
  });

  it('a rebuild from the sources writes the rows the triggers wrote', async () => {
    const touchCols = `touch_id, location_id, contact_id, sent_at, campaign_id, step, channel, template_key, variant, cost_usd, replied_at,
      prev_sent_at, next_sent_at, prev_channel_sent_at, next_channel_sent_at, prev_campaign_sent_at, next_campaign_sent_at, seq, channel_seq, campaign_seq`;
    const factCols = `contact_id, location_id, reply_at, reply_channel, reply_intent, first_reply_at, last_reply_at, replies, interested_replies,
      status, opted_out, opted_out_at, last_deal_at`;
    const held = 'replies > 0 or status is not null or opted_out or opted_out_at is not null or last_deal_at is not null';
    // One transaction: the snapshot tables are temporary, and a pool would run each statement on any connection.
    const rows = await ctx.services.database.transaction(async (db) => {
      await db.executeSql(`create temp table before_touches on commit drop as select ${touchCols} from analytics_touches`);
      // A lead's row stays, empty, when what it held goes away (and every lead with a touch has one, as the
      // lead's lock); a rebuild writes rows only for leads with something in them.
      await db.executeSql(`create temp table before_facts on commit drop as select ${factCols} from analytics_lead_facts where ${held}`);
      await db.executeSql('select analytics_rebuild($1)', [locationId]);
      const pipeline = `contact_id, location_id, status, property_id, score, tier, market_id`;
      // A lead's row stays when what it held goes away; a rebuild writes rows only for leads with something.
      const kept = `location_id = '${locationId}' and (status <> 'new' or property_id is not null)`;
      await db.executeSql(`create temp table before_pipeline on commit drop as select ${pipeline} from analytics_lead_pipeline where ${kept}`);
      // Links' copies lost or wrong (a bulk load with the triggers off): the rebuild resets them.
      await db.executeSql(
        `update property_contacts set tier = case when tier is null then 'B' end, market_id = null
         where property_id in (select id from properties where location_id = $1 order by id limit 8)`,
        [locationId],
      );
      await db.executeSql('select analytics_pipeline_rebuild($1)', [locationId]);
      expect((await db.executeSql<{ n: number }>(LINK_COPIES_DIFF)).rows[0]).toMatchObject({ n: 0 });
      const p = (
        await db.executeSql<{ d: number; total: number }>(
          `select (select count(*)::int from ((select ${pipeline} from analytics_lead_pipeline where ${kept} except select * from before_pipeline)
                                              union all (select * from before_pipeline except select ${pipeline} from analytics_lead_pipeline where ${kept})) d) as d,
                  (select count(*)::int from before_pipeline) as total`,
        )
      ).rows[0]!;
      expect(p.d).toBe(0);
      expect(p.total).toBeGreaterThan(50);
      return (
        await db.executeSql<{ t: number; f: number; total: number }>(
          `select (select count(*)::int from ((select ${touchCols} from analytics_touches except select * from before_touches)
                                              union all (select * from before_touches except select ${touchCols} from analytics_touches)) d) as t,
                  (select count(*)::int from ((select ${factCols} from analytics_lead_facts where ${held} except select * from before_facts)
                                              union all (select * from before_facts except select ${factCols} from analytics_lead_facts where ${held})) d) as f,
                  (select count(*)::int from analytics_touches) as total`,
        )
      ).rows;
    });
    expect(rows[0]).toMatchObject({ t: 0, f: 0 });
    expect(rows[0]!.total).toBeGreaterThan(100);
  });

  it('a send and a reply for the same lead in two transactions at once leave exact figures', async () => {
    if (kind !== 'postgres') return;
    const db = ctx.services.database;
    const contactId = g.contacts[30]!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const send = db.transaction(async (tx) => {
      await tx.executeSql(
        `insert into touches (id, location_id, campaign_id, contact_id, step, channel, idempotency_key, status, to_address, sent_at) values ($1, $2, $3, $4, 1, 'sms', $5, 'sent', 'x', $6)`,
        [newId(), locationId, g.campaigns[0], contactId, `race:${contactId}`, new Date(BASE + 30 * DAY)],
      );
      await gate;
    });
    const reply = db.transaction(async (tx) => {
      await tx.executeSql(
        `insert into communications (id, location_id, contact_id, direction, channel, intent, status, occurred_at) values ($1, $2, $3, 'inbound', 'sms', 'interested', 'received', $4)`,
        [newId(), locationId, contactId, new Date(BASE + 30 * DAY + HOUR)],
      );
    });
    // The reply waits on the lead's row the send has locked; let the send commit once the reply is queued.
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([send, reply]);
    const { rows } = await db.executeSql<{ n: number; total: number }>(TOUCH_ROLLUP_DIFF);
    expect(rows[0]).toMatchObject({ n: 0 });
    const filter = { from: new Date(BASE + 29 * DAY), to: new Date(BASE + 31 * DAY) };
    expect(await selectFunnel(db, { locationId, filter })).toEqual(await rawFunnel(db, { locationId, filter }));
  });

  it('a new property and a status change for the same lead in two transactions at once leave an exact pipeline row', async () => {
    if (kind !== 'postgres') return;
    const db = ctx.services.database;
    const contactId = g.contacts[31]!;
    const propertyId = newId();
    await insertRows(db, 'properties', [{ id: propertyId, location_id: locationId, parcel_id: 'RACE-1', score: 99, tier: 'A', source: 'list_import' }]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const link = db.transaction(async (tx) => {
      await tx.executeSql(`insert into property_contacts (property_id, contact_id) values ($1, $2)`, [propertyId, contactId]);
      await gate;
    });
    const status = db.transaction(async (tx) => {
      await tx.executeSql(
        `insert into lead_statuses (id, location_id, contact_id, status, changed_at) values ($1, $2, $3, 'negotiating', now())
         on conflict (contact_id) do update set status = 'negotiating'`,
        [newId(), locationId, contactId],
      );
    });
    // The status change waits on the lead's row the link holds; let the link commit once it is queued.
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([link, status]);
    const { rows } = await db.executeSql<{ n: number }>(PIPELINE_DIFF);
    expect(rows[0]).toMatchObject({ n: 0 });
    const row = (await db.executeSql<{ status: string; property_id: string }>(`select status, property_id from analytics_lead_pipeline where contact_id = $1`, [contactId])).rows[0];
    expect(row).toEqual({ status: 'negotiating', property_id: propertyId });
  });

  it('overview funnel: every filter', async () => {
    for (const [name, filter] of filters(g)) {
      const fast = await selectFunnel(ctx.services.database, { locationId, filter });
      const raw = await rawFunnel(ctx.services.database, { locationId, filter });
      const { avg_hours: fa, median_hours: fm, ...fastCounts } = fast;
      const { avg_hours: ra, median_hours: rm, ...rawCounts } = raw;
      expect(fastCounts, name).toEqual(rawCounts);
      expect(fa === null ? null : Number(fa).toFixed(6), name).toEqual(ra === null ? null : Number(ra).toFixed(6));
      expect(fm === null ? null : Number(fm).toFixed(6), name).toEqual(rm === null ? null : Number(rm).toFixed(6));
    }
    // The dataset is not degenerate.
    const all = await rawFunnel(ctx.services.database, { locationId, filter: filters(g)[0]![1] });
    expect(all.contacted).toBeGreaterThan(20);
    expect(all.responded).toBeGreaterThan(5);
    expect(all.deals).toBeGreaterThan(0);
    // Some leads wrote before their first touch and again after it: the rollup's slow path is exercised.
    const { rows } = await ctx.services.database.executeSql<{ n: number }>(
      `select count(*)::int as n from (
         select t.contact_id, min(t.sent_at) as first_at from touches t
         where t.location_id = $1 and t.status in ('sent', 'delivered') and t.campaign_id is not null group by t.contact_id
       ) c
       where exists (select 1 from communications m where m.contact_id = c.contact_id and m.direction = 'inbound' and m.occurred_at < c.first_at)
         and exists (select 1 from communications m where m.contact_id = c.contact_id and m.direction = 'inbound' and m.occurred_at >= c.first_at)`,
      [locationId],
    );
    expect(rows[0]!.n).toBeGreaterThan(2);
  });

  it('breakdowns: every dimension under every filter', async () => {
    const norm = (rows: Array<{ key: string | null; cost_usd: number }>) =>
      rows.map((r) => ({ ...r, cost_usd: Number(r.cost_usd).toFixed(5) })).sort((a, b) => String(a.key).localeCompare(String(b.key)));
    for (const [name, filter] of filters(g)) {
      for (const by of DIMENSIONS) {
        const fast = await selectBreakdown(ctx.services.database, { locationId, filter, by });
        const raw = await rawBreakdown(ctx.services.database, { locationId, filter, by });
        expect(norm(fast), `${name} by ${by}`).toEqual(norm(raw));
      }
    }
  });

  it('time series in a local time zone: every filter', async () => {
    for (const [name, filter] of filters(g)) {
      const fast = await selectTimeseries(ctx.services.database, { locationId, filter, timeZone: 'America/New_York' });
      const raw = await rawTimeseries(ctx.services.database, { locationId, filter, timeZone: 'America/New_York' });
      expect(fast, name).toEqual(raw);
    }
  });

  it('rolling windows: opt-outs from the rollup', async () => {
    for (const at of [new Date('2025-03-15T12:30:00Z'), new Date('2025-03-16T00:00:00Z'), new Date(BASE + 21 * DAY)]) {
      const fast = await selectRolling(ctx.services.database, { locationId, at });
      expect(fast.map((w) => w.opt_outs), at.toISOString()).toEqual(await rawRollingOptOuts(ctx.services.database, { locationId, at }));
    }
  });

  it('a reply, its classification and an opt-out show at once', async () => {
    const contactId = g.contacts[20]!;
    const filter = { from: new Date(BASE - DAY), to: new Date(BASE + 60 * DAY) };
    await ctx.services.database.executeSql(
      `insert into touches (id, location_id, campaign_id, contact_id, step, channel, idempotency_key, status, to_address, sent_at) values ($1, $2, $3, $4, 1, 'sms', $5, 'delivered', 'x', $6)`,
      [newId(), locationId, g.campaigns[2], contactId, `fresh:${contactId}`, new Date(BASE + 40 * DAY)],
    );
    const messageId = newId();
    await ctx.services.database.executeSql(
      `insert into communications (id, location_id, contact_id, direction, channel, status, occurred_at) values ($1, $2, $3, 'inbound', 'sms', 'received', $4)`,
      [messageId, locationId, contactId, new Date(BASE + 40 * DAY + HOUR)],
    );
    await ctx.services.database.executeSql(`update communications set intent = 'interested' where id = $1`, [messageId]);
    await ctx.services.database.executeSql(`update contacts set opt_out = true, opted_out_at = $2 where id = $1`, [contactId, new Date(BASE + 40 * DAY + 2 * HOUR)]);
    expect(await selectFunnel(ctx.services.database, { locationId, filter })).toEqual(await rawFunnel(ctx.services.database, { locationId, filter }));
    const late = { from: new Date(BASE + 39 * DAY), to: new Date(BASE + 41 * DAY) };
    expect(await selectFunnel(ctx.services.database, { locationId, filter: late })).toMatchObject({ contacted: 1, responded: 1, inbound: 1, interested_replies: 1, interested: 1, opted_out: 1 });
  });
});

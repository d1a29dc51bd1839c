/**
 * Analytics figures on PostgreSQL with 200k contacts and 1M communications (800k outbound touches and their
 * messages, 200k replies), generated in SQL with generate_series over the last 90 days:
 * - p95 latency of every stats endpoint through the HTTP stack (app.inject, API key, zod), default range
 *   (30 days) and the whole 90 days;
 * - the dashboard's first load in real Chromium (playwright-core, /usr/bin/chromium): from navigation to the
 *   KPI cards and the funnel drawn with data.
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config/env.js';
import { fromPool } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { buildApp } from '../src/http/app.js';
import { systemClock } from '../src/lib/clock.js';
import { generateKeyMaterial, parseKeyRing } from '../src/lib/crypto.js';
import type { AppServices } from '../src/services/app-services.js';
import { createApiKey } from '../src/services/auth/create-api-key.js';
import { createLocation } from '../src/services/locations/create-location.js';
import { ensureDashboardBuilt } from '../test/browser/browser.js';
import { createFreshPostgresDatabase } from '../test/helpers/test-database.js';
import { type BenchContext, percentile } from './harness.js';

const CONTACTS = 200_000;
const TOUCHES_PER_CONTACT = 4; // 800k touches and 800k outbound messages
const REPLIERS = 100_000; // 2 replies each: 200k inbound → 1M communications
const RUNS = 10;

/** The dataset, in set-based SQL: $1 location, $2 now. */
const GENERATE = [
  `insert into markets (id, location_id, key, name, state, time_zone) values
     (gen_random_uuid(), $1, 'orange', 'Orange County', 'FL', 'America/New_York'),
     (gen_random_uuid(), $1, 'seminole', 'Seminole County', 'FL', 'America/New_York')`,
  `insert into campaigns (id, location_id, name, status, created_at, updated_at)
     select gen_random_uuid(), $1, 'Campaign ' || g, 'active', $2::timestamptz - interval '100 days', $2::timestamptz - interval '100 days' from generate_series(1, 3) g`,
  `insert into campaign_steps (id, campaign_id, position, name, channel, delay_minutes, template_key, variant_weights)
     select gen_random_uuid(), c.id, s, 'STEP_' || s, case when s = 2 then 'email' else 'sms' end, 2880, 'tpl_' || s, case when s = 1 then '{"A":50,"B":50}'::jsonb else '{}'::jsonb end
     from campaigns c cross join generate_series(1, 4) s where c.location_id = $1`,
  `create temp table bench_c as
     select i, gen_random_uuid() as id, $2::timestamptz - interval '7 days' - (interval '83 days') * ((i * 7919) % ${CONTACTS})::float8 / ${CONTACTS} as first_at
     from generate_series(1, ${CONTACTS}) i where $1::uuid is not null`,
  `insert into contacts (id, location_id, owner_name, phone, source, opt_out, opted_out_at, created_at, updated_at)
     select id, $1, 'Owner ' || i, '+1407' || lpad((2000000 + i)::text, 7, '0'), case i % 3 when 0 then 'propstream' when 1 then 'batchleads' else 'dealmachine' end,
            i % 50 = 0, case when i % 50 = 0 then first_at + interval '3 hours' end, first_at - interval '1 day', first_at - interval '1 day'
     from bench_c`,
  `insert into properties (id, location_id, market_id, parcel_id, score, tier, source, created_at, updated_at)
     select gen_random_uuid(), $1, (select id from markets where location_id = $1 and key = case when c.i % 2 = 0 then 'orange' else 'seminole' end),
            'P' || c.i, (c.i % 60)::real, (array['A', 'B+', 'B', 'C', 'D'])[1 + c.i % 5], 'propstream', c.first_at, c.first_at
     from bench_c c`,
  `insert into property_contacts (property_id, contact_id) select p.id, c.id from bench_c c join properties p on p.location_id = $1 and p.parcel_id = 'P' || c.i`,
  `insert into enrollments (id, location_id, campaign_id, contact_id, status, state, ab_variant, enrolled_at, updated_at)
     select gen_random_uuid(), $1, (select id from campaigns where location_id = $1 order by name offset (c.i % 3) limit 1), c.id,
            case when c.i % 4 = 0 then 'completed' when c.i % 50 = 0 then 'opted_out' else 'active' end, 'SMS_1', case when c.i % 2 = 0 then 'A' else 'B' end,
            c.first_at - interval '1 hour', c.first_at
     from bench_c c`,
  `insert into touches (id, location_id, enrollment_id, campaign_id, contact_id, step, channel, idempotency_key, status, to_address, template_key, variant, segments, cost_usd, sent_at, delivered_at, created_at, updated_at)
     select gen_random_uuid(), $1, e.id, e.campaign_id, c.id, s, case when s = 2 then 'email' else 'sms' end, c.id || ':' || s, 'delivered', 'x',
            'tpl_' || s, case when s = 1 then e.ab_variant end, case when s = 2 then null else 1 end, case when s = 2 then null else 0.0079 end,
            c.first_at + (s - 1) * interval '2 days', c.first_at + (s - 1) * interval '2 days', c.first_at + (s - 1) * interval '2 days', c.first_at + (s - 1) * interval '2 days'
     from bench_c c join enrollments e on e.contact_id = c.id cross join generate_series(1, ${TOUCHES_PER_CONTACT}) s
     where $2::timestamptz is not null`,
  `insert into communications (id, location_id, contact_id, campaign_id, touch_id, direction, channel, author, purpose, status, occurred_at)
     select gen_random_uuid(), t.location_id, t.contact_id, t.campaign_id, t.id, 'outbound', t.channel, 'template', 'marketing', 'delivered', t.sent_at
     from touches t where t.location_id = $1`,
  `insert into communications (id, location_id, contact_id, direction, channel, sentiment_score, intent, objection, status, occurred_at)
     select gen_random_uuid(), $1, c.id, 'inbound', 'sms', ((c.i % 21) - 10) / 10.0,
            (array['interested', 'question', 'not_interested', 'opt_out', 'unknown'])[1 + (c.i + r) % 5],
            case when (c.i + r) % 5 = 2 then (array['timing', 'price', 'already_agent'])[1 + c.i % 3] end, 'received',
            least($2::timestamptz - interval '1 minute', c.first_at + interval '1 hour' * (1 + c.i % 47) + (r - 1) * interval '2 days')
     from bench_c c cross join generate_series(1, 2) r where c.i % ${CONTACTS / REPLIERS} = 0`,
  `insert into lead_statuses (id, location_id, contact_id, status, changed_at)
     select gen_random_uuid(), $1, c.id, (array['replied', 'interested', 'negotiating', 'cold'])[1 + c.i % 4]::text, c.first_at + interval '1 day'
     from bench_c c where c.i % ${CONTACTS / REPLIERS} = 0`,
  `insert into costs (id, location_id, kind, amount_usd, campaign_id, contact_id, touch_id, occurred_at)
     select gen_random_uuid(), t.location_id, 'sms', t.cost_usd, t.campaign_id, t.contact_id, t.id, t.sent_at from touches t where t.location_id = $1 and t.cost_usd is not null`,
  `insert into deals (id, location_id, contact_id, campaign_id, price, profit, list_source, distress_signal, first_contact_at, closed_at)
     select gen_random_uuid(), $1, c.id, e.campaign_id, 150000, 8000 + (c.i % 10) * 1000, 'propstream', 'tax_delinquent', c.first_at, least($2::timestamptz, c.first_at + interval '20 days')
     from bench_c c join enrollments e on e.contact_id = c.id where c.i % 400 = 0`,
  `insert into objection_logs (id, location_id, contact_id, objection_type, rebuttal_used, outcome, created_at)
     select gen_random_uuid(), $1, c.id, (array['timing', 'price', 'already_agent'])[1 + c.i % 3], 'rebuttal_' || (c.i % 3), (array['nurture', 'opt_out', 'engaged'])[1 + c.i % 3], c.first_at + interval '5 hours'
     from bench_c c where c.i % 10 = 0`,
  `insert into compliance_decisions (id, location_id, contact_id, touch_id, channel, purpose, to_address, decision, rules, decided_at)
     select gen_random_uuid(), t.location_id, t.contact_id, t.id, t.channel, 'marketing', 'x', 'allow', '{}', t.sent_at from touches t where t.location_id = $1`,
  `drop table bench_c`,
];

/** The rollup triggers of drizzle/0010_analytics_rollups.sql and 0012_analytics_lead_pipeline.sql, by table. */
const ROLLUP_TRIGGERS: Array<[string, string]> = [
  ['communications', 'analytics_facts_inbound_insert'],
  ['communications', 'analytics_facts_inbound_update'],
  ['communications', 'analytics_facts_inbound_delete'],
  ['lead_statuses', 'analytics_facts_status_insert'],
  ['lead_statuses', 'analytics_facts_status_update'],
  ['lead_statuses', 'analytics_facts_status_delete'],
  ['contacts', 'analytics_facts_opt_out_insert'],
  ['contacts', 'analytics_facts_opt_out_update'],
  ['deals', 'analytics_facts_deal'],
  ['touches', 'analytics_touch_insert'],
  ['touches', 'analytics_touch_update'],
  ['touches', 'analytics_touch_delete'],
  ['property_contacts', 'analytics_pipeline_links_insert'],
  ['property_contacts', 'analytics_pipeline_links_delete'],
  ['property_contacts', 'analytics_pipeline_links_update'],
  ['properties', 'analytics_pipeline_properties_update'],
  ['lead_statuses', 'analytics_pipeline_statuses_insert'],
  ['lead_statuses', 'analytics_pipeline_statuses_delete'],
  ['lead_statuses', 'analytics_pipeline_status_update'],
  ['contacts', 'analytics_pipeline_opt_out_insert'],
  ['contacts', 'analytics_pipeline_opt_out_update'],
];

function services(database: ReturnType<typeof fromPool>): AppServices {
  return {
    config: loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent' }),
    database,
    db: database.db,
    clock: systemClock,
    keyRing: parseKeyRing(generateKeyMaterial()),
    logger: pino({ level: 'silent' }),
    queue: undefined,
  };
}

export async function run(ctx: BenchContext): Promise<void> {
  if (!ctx.postgresUrl) {
    process.stderr.write('analytics bench: set BENCH_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL) — skipped\n');
    return;
  }
  const fresh = await createFreshPostgresDatabase(ctx.postgresUrl);
  const database = fromPool(new pg.Pool({ connectionString: fresh.url, max: 6 }));
  try {
    await migrate(database);
    const s = services(database);
    const location = await createLocation(s, { input: { businessName: 'Bench Realty' } });
    const { key } = await createApiKey(s, { locationId: location.id, name: 'bench' });
    const now = new Date();
    const t0 = performance.now();
    await database.transaction(async (tx) => {
      // A bulk load: the rollup triggers are off while the rows go in, then the rollups are rebuilt in a few
      // set-based statements by the function production uses for a rebuild (same rows as the triggers would
      // have written, which the rollup tests pin).
      for (const [table, trigger] of ROLLUP_TRIGGERS) await tx.executeSql(`alter table ${table} disable trigger ${trigger}`);
      for (const statement of GENERATE) await tx.executeSql(statement, statement.includes('$2') ? [location.id, now] : statement.includes('$1') ? [location.id] : []);
      for (const [table, trigger] of ROLLUP_TRIGGERS) await tx.executeSql(`alter table ${table} enable trigger ${trigger}`);
      await tx.executeSql('select analytics_rebuild($1)', [location.id]);
      await tx.executeSql('select analytics_pipeline_rebuild($1)', [location.id]);
    });
    // What autovacuum does to a live database after a bulk load: statistics, and the visibility map that lets
    // the range counts read their covering indexes alone.
    await database.executeSql('vacuum analyze', []);
    // And the checkpoint the bulk load's gigabyte of new pages would otherwise get in the background, writing
    // them out while the first endpoints are measured.
    await database.executeSql('checkpoint', []);
    const counts = (await database.executeSql<{ c: number; m: number; t: number }>('select (select count(*) from contacts)::int as c, (select count(*) from communications)::int as m, (select count(*) from touches)::int as t', [])).rows[0]!;
    ctx.report({ metric: 'dataset_contacts', value: counts.c, unit: 'rows', db: 'postgres' });
    ctx.report({ metric: 'dataset_communications', value: counts.m, unit: 'rows', db: 'postgres' });
    ctx.report({ metric: 'dataset_touches', value: counts.t, unit: 'rows', db: 'postgres' });
    ctx.report({ metric: 'dataset_generate', value: Math.round((performance.now() - t0) / 1000), unit: 's', db: 'postgres' });

    // Built before the app, which serves the dashboard only when its build is there when it starts.
    if (existsSync('/usr/bin/chromium')) await ensureDashboardBuilt();
    const app = await buildApp(s);
    const headers = { authorization: `Bearer ${key}` };
    const from90 = new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    const endpoints: Array<[string, string]> = [
      ['overview_30d', '/v1/analytics/overview'],
      ['overview_90d', `/v1/analytics/overview?from=${from90}`],
      ['overview_90d_tier_a', `/v1/analytics/overview?from=${from90}&tier=A`],
      ['breakdown_channel_30d', '/v1/analytics/breakdown?by=channel'],
      ['breakdown_campaign_30d', '/v1/analytics/breakdown?by=campaign'],
      ['timeseries_30d', '/v1/analytics/timeseries'],
      ['roi_30d', '/v1/analytics/roi'],
      ['pipeline', '/v1/analytics/pipeline'],
      ['compliance_30d', '/v1/analytics/compliance'],
      ['sdr_stats', '/v1/sdr/stats'],
      ['sdr_stats_sequences', '/v1/sdr/stats/sequences'],
      ['sdr_stats_objections', '/v1/sdr/stats/objections'],
    ];
    for (const [name, url] of endpoints) {
      const first = await app.inject({ method: 'GET', url, headers });
      if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const q0 = performance.now();
        await app.inject({ method: 'GET', url, headers });
        samples.push(performance.now() - q0);
      }
      ctx.report({ metric: `${name}_p95`, value: Number(percentile(samples, 95).toFixed(1)), unit: 'ms', db: 'postgres' });
    }
    await dashboardFirstLoad(ctx, app, key);
    await app.close();
  } finally {
    await database.close();
    // BENCH_KEEP=1 keeps the generated database for EXPLAIN sessions.
    if (process.env.BENCH_KEEP) process.stderr.write(`analytics bench: kept ${fresh.url}\n`);
    else await fresh.drop();
  }
}

/** Navigation → KPI cards and funnel drawn with data, in a fresh browser context each time (no cache). */
async function dashboardFirstLoad(ctx: BenchContext, app: Awaited<ReturnType<typeof buildApp>>, key: string): Promise<void> {
  if (!existsSync('/usr/bin/chromium')) {
    process.stderr.write('analytics bench: /usr/bin/chromium missing — dashboard load not measured\n');
    return;
  }
  await ensureDashboardBuilt();
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  try {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(`sessionStorage.setItem('curb.apiKey', ${JSON.stringify(key)})`);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${base}/app/#/overview`);
      await page.waitForFunction(() => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
        const v = doc.querySelector('[data-testid=kpi-sent] .kpi-value')?.textContent;
        return v !== undefined && v !== null && v !== '—' && doc.querySelector('[data-testid=funnel] .funnel-bar') !== null;
      });
      samples.push(performance.now() - t0);
      await context.close();
    }
    ctx.report({ metric: 'dashboard_first_load_p95', value: Math.round(percentile(samples, 95)), unit: 'ms', db: 'postgres' });
  } finally {
    await browser.close();
  }
}

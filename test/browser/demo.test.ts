/**
 * The demo as a person sees it: a short `curb demo` run (in process, on the demo's own configuration), then
 * the dashboard in real Chromium on its database — the "Demo data" banner, the Overview with the simulated
 * weeks' numbers, and the Inbox: every simulated conversation with its last reply's intent and sentiment, and a
 * handed-off lead's thread message by message — both checked against the demo's database. Screenshots in
 * test-artifacts/dashboard/demo-*.png.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { openDatabase } from '../../src/db/client.js';
import { buildApp } from '../../src/http/app.js';
import { fixedClock, systemClock } from '../../src/lib/clock.js';
import { decryptNullable } from '../../src/lib/crypto.js';
import { createServices } from '../../src/runtime/create-services.js';
import type { AppServices } from '../../src/services/app-services.js';
import { type DemoResult, demoConfig, demoStart, runDemo } from '../../src/services/demo/run-demo.js';
import { ARTIFACTS, ensureDashboardBuilt, hasChromium, launchChromium } from './browser.js';

describe.skipIf(!hasChromium)('curb demo in the dashboard', () => {
  let services: AppServices;
  let result: DemoResult;
  let apiKey: string;
  let base: string;
  let close: () => Promise<void>;
  let browser: Browser;
  const sql = async <T>(text: string, values: unknown[] = []) => (await services.database.executeSql<T>(text, values)).rows;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    const config = demoConfig(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }));
    const clock = fixedClock(demoStart(systemClock.now(), 7));
    const database = await openDatabase(config.database);
    services = { ...(await createServices({ config, database, clock, logger: pino({ level: 'silent' }) })), clock };
    const run = await runDemo({ services: services as AppServices & { clock: typeof clock }, seed: 7, owners: 80, days: 7 });
    result = run.result;
    apiKey = run.apiKey;
    // The dashboard on the wall clock, as `curb demo` serves it.
    const app = await buildApp({ ...services, clock: systemClock });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    close = async () => {
      await app.close();
      await database.close();
    };
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  it('shows the demo banner, the simulated funnel, the labelled threads and a handed-off lead\'s thread', async () => {
    expect(result.complianceViolations).toBe(0);
    expect(result.funnel.contacted).toBeGreaterThan(0);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(`sessionStorage.setItem('curb.apiKey', ${JSON.stringify(apiKey)})`);
    const page = await context.newPage();
    await page.goto(`${base}/app/#/overview`);
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo data');
    expect(await page.locator('.brand').textContent()).toContain('(demo data)');
    // The default range (the last 30 days) holds the simulated week.
    await expect.poll(() => page.getByTestId('kpi-sent').locator('.kpi-value').textContent()).not.toMatch(/^(0|—)?$/);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-overview.png'), fullPage: true });
    await page.goto(`${base}/app/#/inbox`);
    await page.getByTestId('page-inbox').waitFor();

    // The threads: one row per conversation, each with the intent and sentiment of the owner's last reply (the
    // labels as the page draws them: the intent, then `sentiment 0.00`), as the database has them.
    const conversations = await sql<{ contact_id: string; owner_name: string; human_takeover: boolean; intent: string | null; sentiment: number | null }>(
      `select cs.contact_id, c.owner_name, cs.human_takeover, li.intent, li.sentiment_score as sentiment
         from conversation_states cs join contacts c on c.id = cs.contact_id
         left join lateral (select intent, sentiment_score from communications y where y.contact_id = cs.contact_id and y.direction = 'inbound'
                            order by y.occurred_at desc, y.id desc limit 1) li on true`,
    );
    expect(conversations.length).toBeGreaterThan(0);
    expect(conversations.length).toBeLessThanOrEqual(100); // the Inbox's first page: every thread is on screen
    const sentiment = (v: number | null) => (v === null ? '' : `sentiment ${Number(v).toFixed(2)}`);
    const expected = conversations.map((c) => [c.owner_name, c.intent ?? '', sentiment(c.sentiment)].join(' | ')).sort();
    const threadRows = page.getByTestId('table-threads').locator('tbody tr');
    await expect.poll(() => threadRows.count()).toBe(conversations.length);
    const shown = await threadRows.evaluateAll((trs) => trs.map((tr) => [0, 2, 3].map((i) => tr.children[i]?.textContent ?? '').join(' | ')));
    expect(shown.sort()).toEqual(expected);
    // The simulated owners answer every way: hot leads, refusals and opt-outs are all labelled.
    const intents = new Set(conversations.map((c) => c.intent));
    for (const intent of ['interested', 'not_interested', 'opt_out']) expect(intents, intent).toContain(intent);
    expect(conversations.some((c) => c.intent === 'interested' && Number(c.sentiment) > 0.2)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-inbox.png'), fullPage: true });

    // A lead the bot handed to the demo's person, who took it over and answered: opened from its row, every
    // message in order, in and out, with the labels of the owner's replies.
    const hot = conversations.filter((c) => c.human_takeover && c.intent === 'interested').sort((a, b) => a.owner_name.localeCompare(b.owner_name) || a.contact_id.localeCompare(b.contact_id))[0];
    expect(hot).toBeDefined();
    await page.getByTestId('table-threads').locator(`a[href="#/inbox/${hot!.contact_id}"]`).click();
    const thread = page.getByTestId('thread');
    await thread.getByTestId('takeover-on').waitFor();
    expect(await thread.locator('h3').first().textContent()).toBe(hot!.owner_name);
    const messages = await sql<{ direction: string; body_enc: string | null; author: string | null; intent: string | null; sentiment: number | null; objection: string | null }>(
      `select direction, body_enc, author, intent, sentiment_score as sentiment, objection from communications where contact_id = $1 order by occurred_at, id`,
      [hot!.contact_id],
    );
    const bubble = (m: (typeof messages)[number]) => ({
      direction: m.direction,
      body: decryptNullable(services.keyRing, m.body_enc) ?? '(no text)',
      labels: [m.intent ?? '', sentiment(m.sentiment), m.objection ? `objection: ${m.objection}` : ''].filter(Boolean),
    });
    expect(messages.filter((m) => m.direction === 'inbound').length).toBeGreaterThan(0);
    expect(messages.some((m) => m.direction === 'outbound' && m.author === 'human')).toBe(true);
    const bubbles = thread.getByTestId('messages').locator('li');
    await expect.poll(() => bubbles.count()).toBe(messages.length);
    const drawn = await bubbles.evaluateAll((lis) =>
      lis.map((li) => {
        const labels: string[] = [];
        li.querySelectorAll('.bubble-meta .tag').forEach((t: { textContent: string | null }) => labels.push(t.textContent ?? ''));
        return {
          direction: li.classList.contains('inbound') ? 'inbound' : li.classList.contains('outbound') ? 'outbound' : li.className,
          body: li.querySelector('.bubble-body')?.textContent ?? '',
          labels,
        };
      }),
    );
    expect(drawn).toEqual(messages.map(bubble));
    // The chat box opens at the newest message: this thread is longer than the box, and its bottom is in view.
    const chat = thread.getByTestId('messages');
    const box = () => chat.evaluate((el) => ({ top: el.scrollTop, height: el.clientHeight, full: el.scrollHeight }));
    expect((await box()).full).toBeGreaterThan((await box()).height);
    await expect.poll(async () => { const b = await box(); return b.full - b.top - b.height; }).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-thread.png'), fullPage: true });
    await context.close();
  }, 120_000);
});

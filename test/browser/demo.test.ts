/**
 * The demo as a person sees it: a short `curb demo` run (in process, on the demo's own configuration), then
 * the dashboard in real Chromium on its database — the "Demo data" banner, the Overview with the simulated
 * weeks' numbers, and the Inbox with handed-off leads. Screenshots in test-artifacts/dashboard/demo-*.png.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { openDatabase } from '../../src/db/client.js';
import { buildApp } from '../../src/http/app.js';
import { fixedClock, systemClock } from '../../src/lib/clock.js';
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

  it('shows the demo banner, the simulated funnel and the handed-off leads', async () => {
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
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-inbox.png'), fullPage: true });
    await context.close();
  }, 120_000);
});

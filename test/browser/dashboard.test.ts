/**
 * The dashboard in real Chromium against the real server on a test database with the fixed analytics
 * dataset: sign-in, every page with data, a filter that changes the numbers, CSV export, a phone layout,
 * approving a queued message, take over → reply, pausing and resuming a campaign — each checked on the page and
 * in the database.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANGE, seedAnalyticsDataset, type AnalyticsDataset } from '../fixtures/analytics/dataset.js';
import { decrypt, encrypt } from '../../src/lib/crypto.js';
import { createContact } from '../../src/services/contacts/create-contact.js';
import { createTenant, createTestContext, type TestContext } from '../helpers/test-services.js';
import { ARTIFACTS, ensureDashboardBuilt, hasChromium, launchChromium } from './browser.js';

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let ctx: TestContext;
  let key: string;
  let data: AnalyticsDataset;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const shot = (name: string, p: Page = page) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const sql = async <T>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const setRange = async (p: Page = page) => {
    await p.locator('input[name=from]').fill(RANGE.from);
    await p.locator('input[name=to]').fill(RANGE.to);
  };
  const kpi = (id: string) => page.getByTestId(id).locator('.kpi-value');

  beforeAll(async () => {
    await ensureDashboardBuilt();
    ctx = await createTestContext('pglite');
    const tenant = await createTenant(ctx.services);
    key = tenant.key;
    data = await seedAnalyticsDataset(ctx.services, tenant.location.id);
    // A cold owner's first text waiting in the approval queue, as the scheduler leaves it (the dataset's
    // national-list scrub is recent enough for a person's click to send it).
    const cold = await createContact(ctx.services, { locationId: tenant.location.id, input: { ownerName: 'Gail Cold', phone: '4045550177', mailingState: 'GA' } });
    await ctx.services.database.executeSql(
      `insert into touches (id, location_id, contact_id, channel, idempotency_key, status, to_address, body_enc, purpose, initiation, author, error_code, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, 'sms', 'browser-approval-1', 'awaiting_approval', '+14045550177', $3, 'marketing', 'automated', 'template', 'needs_manual_approval', now(), now())`,
      [tenant.location.id, cold.id, encrypt(ctx.services.keyRing, 'Hi Gail, this is Sam with Acme Home Buyers. Would you consider an offer on your house? Reply STOP to opt out.')],
    );
    base = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it('signs in with an API key; a wrong key is refused', async () => {
    await page.goto(`${base}/`);
    await page.locator('input[name=apiKey]').fill('curb_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
    await page.locator('input[name=apiKey]').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('page-overview').waitFor();
    expect(await page.evaluate("sessionStorage.getItem('curb.apiKey')")).toBe(key);
  });

  it('Overview: KPI cards, funnel and channel chart with data; filters change the numbers', async () => {
    await setRange();
    await expect.poll(() => kpi('kpi-sent').textContent()).toBe('8');
    expect(await kpi('kpi-response').textContent()).toBe('62.5%');
    expect(await kpi('kpi-interest').textContent()).toBe('40.0%');
    expect(await kpi('kpi-deals').textContent()).toBe('1');
    await page.getByTestId('funnel').locator('.funnel-bar').first().waitFor();
    expect(await page.getByTestId('funnel').locator('.funnel-row').allTextContents()).toEqual([expect.stringMatching(/^Contacted/), expect.stringMatching(/^Responded/), expect.stringMatching(/^Interested/), expect.stringMatching(/^Deal/)]);
    // The charts come with the chart library, loaded after the first screen.
    await page.getByTestId('channels').locator('.recharts-bar-rectangle').first().waitFor();
    await shot('overview');
    await page.locator('select[name=campaign]').selectOption(data.campaigns.c1);
    await expect.poll(() => kpi('kpi-sent').textContent()).toBe('7');
    await page.locator('select[name=campaign]').selectOption('');
    await page.locator('select[name=market]').selectOption('seminole');
    await expect.poll(() => kpi('kpi-sent').textContent()).toBe('1');
    await page.locator('select[name=market]').selectOption('');
    await page.locator('select[name=tier]').selectOption('A');
    await expect.poll(() => kpi('kpi-sent').textContent()).toBe('4');
    await shot('overview-tier-a');
    await page.locator('select[name=tier]').selectOption('');
    await page.locator('input[name=from]').fill('2025-06-02');
    await page.locator('input[name=to]').fill('2025-06-02');
    await expect.poll(() => kpi('kpi-sent').textContent()).toBe('2');
    await setRange();
    await expect.poll(() => kpi('kpi-sent').textContent()).toBe('8');
  });

  it('CSV export of a table view', async () => {
    const table = page.getByTestId('table-breakdown-campaign');
    await table.locator('tbody tr').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByTestId('csv').click()]);
    expect(download.suggestedFilename()).toBe('breakdown-campaign.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Group,Sent,Leads,Replied,Response,Touch reply,Interested,Opt-out,Deals,Cost');
    expect(csv).toContain('Orange Tier A drip,7,4,3,');
    // c1's deal is the Orange campaign's: one deal, none for Seminole.
    expect(csv.split('\r\n').find((l) => l.startsWith('Orange Tier A drip'))!.split(',')[8]).toBe('1');
    expect(csv.split('\r\n').find((l) => l.startsWith('Seminole probate'))!.split(',')[8]).toBe('0');
  });

  it('Campaigns: list with metrics, detail with the touch-level chart and the A/B test, pause and resume', async () => {
    await ctx.app.inject({ method: 'POST', url: '/v1/sdr/ab-tests', headers: { authorization: `Bearer ${key}` }, payload: { campaignId: data.campaigns.c1, step: 1 } });
    await page.goto(`${base}/app/#/campaigns`);
    await setRange();
    const table = page.getByTestId('table-campaigns');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.textContent()).toContain('Orange Tier A drip');
    // Deals and conversion (deals / leads contacted): c1's deal of the campaign's four leads.
    const orange = await table.locator('tbody tr', { hasText: 'Orange Tier A drip' }).locator('td').allTextContents();
    const header = await table.locator('thead th').allTextContents();
    expect([orange[header.indexOf('Deals')], orange[header.indexOf('Conversion')]]).toEqual(['1', '25.0%']);
    await table.getByRole('link', { name: 'Orange Tier A drip' }).click();
    await page.getByTestId('campaign-detail').waitFor();
    await page.getByTestId('touch-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await expect.poll(() => page.getByTestId('table-campaign-steps').locator('tbody tr').count()).toBe(3);
    await page.getByTestId('ab-test').waitFor();
    expect(await page.getByTestId('ab-test').textContent()).toContain('needs at least 20 leads');
    await shot('campaign-detail');
    // Pause, then resume: the status shown (detail and list) follows, and so does the campaign row.
    const shown = page.getByTestId('campaign-status');
    const listed = table.locator('tbody tr', { hasText: 'Orange Tier A drip' }).locator('.tag');
    const stored = async () => (await sql<{ status: string }>('select status from campaigns where id = $1', [data.campaigns.c1]))[0]?.status;
    expect(await shown.textContent()).toBe('active');
    expect(await stored()).toBe('active');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => shown.textContent()).toBe('paused');
    expect(await listed.textContent()).toBe('paused');
    expect(await page.getByRole('status').textContent()).toBe('Paused.');
    expect(await stored()).toBe('paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => shown.textContent()).toBe('active');
    expect(await listed.textContent()).toBe('active');
    expect(await page.getByRole('status').textContent()).toBe('Resumed.');
    expect(await stored()).toBe('active');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
  });

  it('Leads: pipeline by status, tier filter, the score explained', async () => {
    await page.goto(`${base}/app/#/leads`);
    await expect.poll(() => page.getByTestId('pipeline').locator('h3').textContent()).toBe('Pipeline (9 leads)'); // the dataset's 8 and the cold owner in the approval queue
    await page.locator('select[name=tier]').selectOption('A');
    await expect.poll(() => page.getByTestId('pipeline').locator('h3').textContent()).toBe('Pipeline (4 leads)');
    const leads = page.getByTestId('table-leads');
    await expect.poll(() => leads.locator('tbody tr').count()).toBe(4);
    await leads.locator('tbody tr').first().click();
    await page.getByTestId('score-explained').waitFor();
    expect(await page.getByTestId('score-explained').textContent()).toContain('tax_delinquent');
    await shot('leads');
  });

  it('ROI: cost, profit, ROI and deals', async () => {
    await page.goto(`${base}/app/#/roi`);
    await setRange();
    await expect.poll(() => page.getByTestId('roi-profit').locator('.kpi-value').textContent()).toBe('$12,000');
    await expect.poll(() => page.getByTestId('table-deals').locator('tbody tr').count()).toBe(1);
    await shot('roi');
  });

  it('Compliance: decision log, list dates, opt-outs', async () => {
    await page.goto(`${base}/app/#/compliance`);
    await setRange();
    await expect.poll(() => page.getByTestId('kpi-allow').locator('.kpi-value').textContent()).toBe('9');
    expect(await page.getByTestId('table-dnc-lists').textContent()).toContain('2025-05-20');
    // The log and the opt-outs follow the range: 11 decisions in it (c7's 05-20 send is before it), c4's opt-out.
    await expect.poll(() => page.getByTestId('table-decisions').locator('tbody tr').count()).toBe(11);
    expect(await page.getByTestId('table-opt-outs').textContent()).toContain('Dan Dietz');
    await shot('compliance');
    // June 4 alone: c3's email and c8's block; nobody opted out that day.
    await page.locator('input[name=from]').fill('2025-06-04');
    await page.locator('input[name=to]').fill('2025-06-04');
    await expect.poll(() => page.getByTestId('table-decisions').locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByTestId('table-opt-outs').textContent()).toContain('No opt-outs in this range.');
  });

  it('Settings: location and the doctor checks', async () => {
    await page.goto(`${base}/app/#/settings`);
    await page.getByTestId('location').waitFor();
    expect(await page.getByTestId('location').textContent()).toContain('Acme Home Buyers');
    await expect.poll(() => page.getByTestId('system-status').textContent()).toContain('provider.sms');
    await shot('settings');
  });

  it('Inbox: threads with labels, approval queue', async () => {
    await page.goto(`${base}/app/#/inbox`);
    await page.getByTestId('approvals').waitFor();
    await expect.poll(() => page.getByTestId('table-threads').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('inbox');
  });

  it('take over → reply → the message appears, and is stored as sent', async () => {
    const text = 'Hi Erin, this is Sam. When is a good time to call?';
    await page.goto(`${base}/app/#/inbox/${data.contacts.c5}`);
    const thread = page.getByTestId('thread');
    await thread.getByRole('button', { name: 'Take over' }).click();
    await thread.getByTestId('takeover-on').waitFor();
    await thread.locator('textarea[name=reply]').fill(text);
    await thread.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => thread.getByTestId('messages').textContent()).toContain('When is a good time to call?');
    await shot('inbox-reply');
    // A person's reply goes out as a manual touch (sent through the sandbox SMS) with its outbound communication.
    const replies = await sql<{ body_enc: string; channel: string; touch_status: string; initiation: string }>(
      `select c.body_enc, c.channel, t.status as touch_status, t.initiation
         from communications c join touches t on t.id = c.touch_id
        where c.contact_id = $1 and c.direction = 'outbound' and c.author = 'human'`,
      [data.contacts.c5],
    );
    expect(replies.map((r) => ({ ...r, body_enc: decrypt(ctx.services.keyRing, r.body_enc) }))).toEqual([{ body_enc: text, channel: 'sms', touch_status: 'sent', initiation: 'manual' }]);
    expect(await sql('select human_takeover from conversation_states where contact_id = $1', [data.contacts.c5])).toEqual([{ human_takeover: true }]);
  });

  it('approve a queued message: it leaves the queue and is sent', async () => {
    await page.goto(`${base}/app/#/inbox`);
    const items = page.getByTestId('approval');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Gail Cold');
    await items.first().getByRole('button', { name: 'Approve and send' }).click();
    await expect.poll(() => items.count()).toBe(0);
    await page.getByTestId('approvals').getByText('Nothing waits for approval.').waitFor();
    await shot('approved');
    // The click is a manual send decided again now (11:00 in Georgia, the national list recent): sent through the
    // sandbox SMS, recorded as one outbound message.
    const touch = await sql<{ status: string; initiation: string; approved_by: string | null; outbound: number }>(
      `select t.status, t.initiation, t.approved_by,
              (select count(*)::int from communications c where c.touch_id = t.id and c.direction = 'outbound') as outbound
         from touches t where t.idempotency_key = 'browser-approval-1'`,
    );
    expect(touch).toEqual([{ status: 'sent', initiation: 'manual', approved_by: expect.stringMatching(/^api-key:/), outbound: 1 }]);
  });

  it('is usable on a phone: nothing wider than the screen, the nav a compact bar on top, a tap shows its result', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.addInitScript(`sessionStorage.setItem('curb.apiKey', ${JSON.stringify(key)})`);
    // Wider than the 390 px screen: a mobile browser widens its layout viewport (innerWidth) to a page too wide
    // for it, so the page is measured against the screen, not against innerWidth.
    const overflowOf = (l: Page) => l.evaluate<number>('Math.max(document.documentElement.scrollWidth, window.innerWidth) - 390');
    const navHeight = (l: Page) => l.locator('nav.nav').evaluate((el) => el.getBoundingClientRect().height);
    // How far the page's content reaches (its last block's bottom, in page coordinates): under the screen's height
    // is a short page, the one where a stretching layout would hand the spare height to the nav.
    const contentBottom = (l: Page) => l.locator('main > :last-child').evaluate((el) => el.getBoundingClientRect().bottom + (el.ownerDocument.defaultView?.scrollY ?? 0));
    const shortPages: string[] = [];
    const p = await phone.newPage();
    for (const name of ['overview', 'campaigns', 'leads', 'roi', 'compliance', 'settings', 'inbox']) {
      await p.goto(`${base}/app/#/${name}`);
      await p.getByTestId(`page-${name}`).waitFor();
      if (name === 'overview') {
        await setRange(p);
        // The fixture's 8 sends, plus the inbox reply and the approved message when the tests run in order.
        await expect.poll(async () => Number(await p.getByTestId('kpi-sent').locator('.kpi-value').textContent())).toBeGreaterThanOrEqual(8);
      }
      if (name === 'settings') await p.getByTestId('location').waitFor();
      // Measured once the page's data is in: a table or chart that arrives later is what could overflow.
      await expect.poll(() => p.getByText('Loading…').count(), { timeout: 15_000 }).toBe(0);
      expect(await overflowOf(p), name).toBeLessThanOrEqual(1);
      // One row of 36 px tap targets and 8 px of padding above and below is 52 px; 64 px leaves room for font
      // metrics but not for a second row of links, nor for a bar stretched to fill a short page.
      const innerHeight = await p.evaluate<number>('window.innerHeight');
      if ((await contentBottom(p)) < innerHeight) shortPages.push(name);
      expect(await navHeight(p), name).toBeLessThanOrEqual(64);
      await shot(`phone-${name}`, p);
    }
    // The nav check above held on at least one page shorter than the screen.
    expect(shortPages.length, 'a page shorter than the screen').toBeGreaterThan(0);
    // A tapped thread opens above the thread list, not below the whole list. A fresh page: a full-page screenshot
    // leaves the emulated viewport as tall as the page it took.
    const q = await phone.newPage();
    await q.goto(`${base}/app/#/inbox`);
    const rows = q.getByTestId('table-threads').locator('tbody tr a');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await q.evaluate<number>('window.innerHeight')).toBe(844);
    await rows.first().click();
    const thread = q.getByTestId('thread');
    await thread.waitFor();
    // Above the thread list, right under the approval queue and the filter, where the tap was.
    const top = (l: typeof thread) => l.evaluate((el) => Math.round(el.getBoundingClientRect().top));
    await expect.poll(async () => (await top(thread)) < (await top(q.getByTestId('table-threads')))).toBe(true);
    // And fits the screen: its message table scrolls inside the card, the reply box and buttons stay in view.
    expect(await overflowOf(q)).toBeLessThanOrEqual(1);
    // Take over, or Release when an earlier test took this thread over.
    const right = await thread.locator('header button').first().evaluate((el) => el.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(390);
    await q.screenshot({ path: join(ARTIFACTS, 'phone-thread.png') });
    // A tapped lead shows its score explained on screen (below the list, so the page scrolls to it), its title
    // under the sticky nav, not behind it.
    const l = await phone.newPage();
    await l.goto(`${base}/app/#/leads`);
    const leadRows = l.getByTestId('table-leads').locator('tbody tr');
    await expect.poll(() => leadRows.count()).toBeGreaterThan(0);
    await leadRows.first().click();
    const explained = l.getByTestId('score-explained');
    await explained.waitFor();
    const head = explained.locator('header').first();
    const where = async () => ({
      navBottom: await l.locator('nav.nav').evaluate((el) => el.getBoundingClientRect().bottom),
      ...(await head.evaluate((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom }))),
    });
    await expect.poll(where).toSatisfy((w: { navBottom: number; top: number; bottom: number }) => w.top >= w.navBottom - 1 && w.bottom <= 844);
    await l.screenshot({ path: join(ARTIFACTS, 'phone-score-explained.png') });
    await phone.close();
    // Seven pages loaded with their data and shot, then a thread: on two busy cores (the demo test runs beside) this takes a while.
  }, 90_000);
});

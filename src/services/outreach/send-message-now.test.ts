import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/helpers/test-database.js';
import { createTenant, createTestContext, REFERENCE_INSTANT, type TestContext } from '../../../test/helpers/test-services.js';
import { fixedClock } from '../../lib/clock.js';
import { recordConsent } from '../consent/record-consent.js';
import { createContact } from '../contacts/create-contact.js';
import { importDncFile } from '../suppressions/import-dnc-file.js';
import { channelsFor } from './channels.js';
import { dispatchTouches } from './dispatch-touches.js';
import { sendMessageNow } from './send-message-now.js';
import { stopOutreach } from './stop-outreach.js';

// The pinned clock: 2025-06-10T15:00Z, a Tuesday, 11:00 in Orlando.
describe.each(databaseTargets())('sendMessageNow: one message through compliance and the channel (%s)', (kind) => {
  let ctx: TestContext;
  let dir: string;
  let locationId: string;
  const clock = fixedClock(REFERENCE_INSTANT);

  const contact = (phone: string, extra: Record<string, unknown> = {}) =>
    createContact(ctx.services, { locationId, input: { ownerName: `Owner ${phone}`, phone, mailingState: 'GA', ...extra } });
  const written = (contactId: string) =>
    recordConsent(ctx.services, { locationId, contactId, input: { kind: 'written', channel: 'sms', source: 'web_form', textShown: 'I agree to receive automated marketing texts from Acme Home Buyers at this number.', occurredAt: '2025-05-01T12:00:00Z' } });
  const outbox = () => channelsFor(ctx.services).outbox.list({ channel: 'sms' });

  beforeAll(async () => {
    ctx = await createTestContext(kind, { clock });
    ({ location: { id: locationId } } = await createTenant(ctx.services));
    dir = mkdtempSync(join(tmpdir(), 'curb-send-now-'));
    const path = join(dir, 'national.txt');
    writeFileSync(path, '2145550000\n');
    await importDncFile(ctx.services, { list: 'national_dnc', path, listDate: '2025-06-09' });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('sends an allowed message once: touch, communication and sandbox outbox; the same key again sends nothing', async () => {
    const c = await contact('4045550101');
    await written(c.id);
    const first = await sendMessageNow(ctx.services, { locationId, contactId: c.id, channel: 'sms', body: 'Thanks — what price did you have in mind?', purpose: 'marketing', initiation: 'automated', author: 'template', idempotencyKey: 'reply:test-1' });
    expect(first).toMatchObject({ status: 'sent', duplicate: false, decision: { decision: 'allow' } });
    const again = await sendMessageNow(ctx.services, { locationId, contactId: c.id, channel: 'sms', body: 'Thanks — what price did you have in mind?', purpose: 'marketing', initiation: 'automated', author: 'template', idempotencyKey: 'reply:test-1' });
    expect(again).toMatchObject({ status: 'sent', duplicate: true, touchId: first.touchId });
    const sent = (await outbox()).filter((e) => e.to === '+14045550101');
    expect(sent).toHaveLength(1);
    const comm = await ctx.services.database.executeSql<{ direction: string; touch_id: string; purpose: string }>('select direction, touch_id, purpose from communications where contact_id = $1', [c.id]);
    expect(comm.rows).toEqual([{ direction: 'outbound', touch_id: first.touchId, purpose: 'marketing' }]);
    const status = await ctx.services.database.executeSql<{ status: string }>('select status from lead_statuses where contact_id = $1', [c.id]);
    expect(status.rows[0]?.status).toBe('contacted');
  });

  it('records a block and sends nothing: automated marketing to a cold contact', async () => {
    const c = await contact('4045550202');
    const r = await sendMessageNow(ctx.services, { locationId, contactId: c.id, channel: 'sms', body: 'Would you sell?', purpose: 'marketing', initiation: 'automated', author: 'template' });
    expect(r.status).toBe('blocked');
    expect(r.decision.reasons.map((x) => x.code)).toContain('no_written_consent');
    expect((await outbox()).filter((e) => e.to === '+14045550202')).toHaveLength(0);
    // A person's click is the way to send it (GA has no written-consent statute).
    const manual = await sendMessageNow(ctx.services, { locationId, contactId: c.id, channel: 'sms', body: 'Would you sell?', purpose: 'marketing', initiation: 'manual', author: 'human', actor: 'jane' });
    expect(manual.status).toBe('sent');
  });

  it('queues a deferred message for the first allowed instant and the dispatcher sends it then, decided again', async () => {
    const c = await contact('4045550303');
    await written(c.id);
    clock.set('2025-06-11T02:30:00Z'); // 22:30 in Atlanta: quiet hours
    const r = await sendMessageNow(ctx.services, { locationId, contactId: c.id, channel: 'sms', body: 'Good morning!', purpose: 'marketing', initiation: 'automated', author: 'template' });
    expect(r).toMatchObject({ status: 'queued', decision: { decision: 'defer' } });
    const early = await dispatchTouches(ctx.services, channelsFor(ctx.services));
    expect(early.claimed).toBe(0);
    clock.set(r.decision.notBefore!);
    const later = await dispatchTouches(ctx.services, channelsFor(ctx.services));
    expect(later).toMatchObject({ claimed: 1, sent: 1 });
    const decisions = await ctx.services.database.executeSql<{ decision: string }>('select decision from compliance_decisions where contact_id = $1 order by decided_at', [c.id]);
    expect(decisions.rows.map((d) => d.decision)).toEqual(['defer', 'allow']);
    clock.set(REFERENCE_INSTANT);
  });

  it('stopOutreach cancels queued campaign touches but not conversation messages', async () => {
    const c = await contact('4045550404');
    const res = await stopOutreach(ctx.services, { locationId, contactId: c.id, reason: 'reply' });
    expect(res).toEqual({ enrollmentsStopped: 0, touchesCancelled: 0 });
  });
});

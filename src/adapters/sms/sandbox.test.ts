import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { createFakeSmsChannel } from './fake.js';
import { createMemoryOutboxStore } from './outbox-store.js';
import { createSandboxSmsChannel } from './sandbox.js';

describe('sandbox SMS channel', () => {
  it('records the message in the outbox and answers a stable SB id', async () => {
    const outbox = createMemoryOutboxStore();
    const sms = createSandboxSmsChannel({ outbox, clock: fixedClock('2026-01-05T15:00:00Z'), fromNumbers: ['+14075550100', '+14075550101'] });
    const r = await sms.send({ to: '+13215550123', body: 'Hi there', idempotencyKey: 'c1:SMS_1:2026-01-05', validityPeriodSeconds: 600 });
    expect(r.ok && r.value).toMatchObject({ status: 'queued', segments: 1 });
    expect(r.ok && r.value.providerMessageId).toMatch(/^SB[0-9a-f]{32}$/);
    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]).toMatchObject({ channel: 'sms', to: '+13215550123', createdAt: new Date('2026-01-05T15:00:00Z'), payload: { body: 'Hi there', validityPeriodSeconds: 600 } });
  });

  it('the same idempotency key is recorded once and answers the same id', async () => {
    const outbox = createMemoryOutboxStore();
    const sms = createSandboxSmsChannel({ outbox, clock: fixedClock('2026-01-05T15:00:00Z') });
    const a = await sms.send({ to: '+13215550123', body: 'one', idempotencyKey: 'k' });
    const b = await sms.send({ to: '+13215550123', body: 'one', idempotencyKey: 'k' });
    expect(a.ok && b.ok && a.value.providerMessageId === b.value.providerMessageId).toBe(true);
    expect(await outbox.list({ channel: 'sms' })).toHaveLength(1);
  });

  it('validates like the real channel', async () => {
    const sms = createSandboxSmsChannel({ outbox: createMemoryOutboxStore(), clock: fixedClock('2026-01-05T15:00:00Z') });
    const r = await sms.send({ to: '3215550123', body: '', idempotencyKey: 'k' });
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_request', retry: false });
    expect(!r.ok && r.error.message).toMatch(/to: .*E\.164.*body/);
  });
});

describe('fake SMS channel', () => {
  it('records sends and fails on demand', async () => {
    const sms = createFakeSmsChannel();
    sms.failFor('+13215550123', { code: 'recipient_opted_out', message: '21610', retry: false }, 1);
    const a = await sms.send({ to: '+13215550123', body: 'x', idempotencyKey: 'a' });
    const b = await sms.send({ to: '+13215550123', body: 'x', idempotencyKey: 'b' });
    expect(!a.ok && a.error.code).toBe('recipient_opted_out');
    expect(b.ok).toBe(true);
    expect(sms.sent).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.js';
import { createMemoryOutboxStore } from '../sms/outbox-store.js';
import { createFakeEmailChannel } from './fake.js';
import { parseReplyAddress, replyAddressFor } from './reply-address.js';
import { createSandboxEmailChannel } from './sandbox.js';

const req = {
  to: 'pat@example.com',
  from: 'sam@mail.oakstreet.example',
  replyTo: 'reply+abcdef12@reply.oakstreet.example',
  subject: 'Hello',
  text: 'Body',
  postalFooter: '100 Main St, Orlando, FL 32801',
  listUnsubscribeUrl: 'https://curb.example/u/t',
  idempotencyKey: 'k1',
};

describe('sandbox email channel', () => {
  it('records the built message (footer, headers, Message-ID) once per idempotency key', async () => {
    const outbox = createMemoryOutboxStore();
    const email = createSandboxEmailChannel({ outbox, clock: fixedClock('2026-01-05T15:00:00Z') });
    const a = await email.send(req);
    const b = await email.send(req);
    expect(a.ok && b.ok && a.value.providerMessageId === b.value.providerMessageId).toBe(true);
    expect(outbox.entries).toHaveLength(1);
    expect(outbox.entries[0]!.providerId).toMatch(/^SB/);
    expect(outbox.entries[0]!.payload).toMatchObject({
      text: 'Body\n\n--\n100 Main St, Orlando, FL 32801\n',
      headers: { 'List-Unsubscribe': '<https://curb.example/u/t>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  });
});

describe('reply addresses', () => {
  it('round-trips a token and checks the domain', () => {
    const a = replyAddressFor('cv_9f8e7d6c', 'Reply.Example.com');
    expect(a).toBe('reply+cv_9f8e7d6c@reply.example.com');
    expect(parseReplyAddress(a)).toBe('cv_9f8e7d6c');
    expect(parseReplyAddress(`Curb <${a}>`, 'reply.example.com')).toBe('cv_9f8e7d6c');
    expect(parseReplyAddress(a, 'other.example')).toBeUndefined();
    expect(parseReplyAddress('sam@reply.example.com')).toBeUndefined();
  });

  it('refuses tokens that could inject address syntax', () => {
    expect(() => replyAddressFor('a@b>c', 'reply.example.com')).toThrow();
    expect(() => replyAddressFor('short', 'reply.example.com')).toThrow();
    expect(() => replyAddressFor('abcdef12', 'not a domain')).toThrow();
  });
});

describe('fake email channel', () => {
  it('fails on demand then records', async () => {
    const email = createFakeEmailChannel();
    email.failFor('PAT@example.com', { code: 'invalid_recipient', message: '550', retry: false }, 1);
    expect((await email.send(req)).ok).toBe(false);
    expect((await email.send(req)).ok).toBe(true);
    expect(email.sent).toHaveLength(1);
  });
});

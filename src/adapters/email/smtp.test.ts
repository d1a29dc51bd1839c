import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type FakeSmtpServer } from '../../../test/fakes/smtp.js';
import { fixedClock } from '../../lib/clock.js';
import type { EmailSendRequest } from './interface.js';
import { messageIdFor } from './message-id.js';
import { replyAddressFor } from './reply-address.js';
import { createSmtpEmailChannel, type SmtpEmailChannel, type SmtpEmailOptions } from './smtp.js';

let server: FakeSmtpServer;
const open: SmtpEmailChannel[] = [];
beforeAll(async () => {
  server = await startSmtpServer();
});
afterAll(() => server.close());
afterEach(() => {
  while (open.length) open.pop()!.close();
  server.reset();
});

function channel(extra: Partial<SmtpEmailOptions> = {}): SmtpEmailChannel {
  const c = createSmtpEmailChannel({ smtpUrl: server.url, clock: fixedClock('2026-01-05T15:00:00Z'), sleep: async () => {}, timeoutMs: 3_000, ...extra });
  open.push(c);
  return c;
}

const request = (over: Partial<EmailSendRequest> = {}): EmailSendRequest => ({
  to: 'pat.owner@example.com',
  from: 'Sam at Oak Street Homes <sam@mail.oakstreet.example>',
  replyTo: replyAddressFor('cv_9f8e7d6c', 'reply.oakstreet.example'),
  subject: 'Your property at 12 Oak St',
  text: 'Hi Pat,\n\nWould you consider an offer on 12 Oak St?\n\nSam',
  html: '<p>Hi Pat,</p><p>Would you consider an offer on 12 Oak St?</p>',
  postalFooter: 'Oak Street Homes LLC\n100 Main St, Suite 5\nOrlando, FL 32801\nThis is an advertisement.',
  headers: { 'X-Curb-Touch': 't_123' },
  listUnsubscribeUrl: 'https://curb.example/u/opaque-token-123',
  listUnsubscribeMailto: 'unsubscribe+opaque-token-123@reply.oakstreet.example',
  idempotencyKey: 'c1:EMAIL_1:2026-01-06',
  ...over,
});

describe('SMTP email channel against a real local SMTP server — happy', () => {
  it('sends with Reply-To, derived Message-ID, RFC 8058 headers and the postal footer', async () => {
    const r = await channel().send(request());
    expect(r.ok && r.value.providerMessageId).toBe(messageIdFor('c1:EMAIL_1:2026-01-06', 'mail.oakstreet.example'));
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]!.rcptTo).toEqual(['pat.owner@example.com']);
    const mail = await server.parse(0);
    expect(mail.from?.value[0]).toMatchObject({ address: 'sam@mail.oakstreet.example', name: 'Sam at Oak Street Homes' });
    expect(mail.replyTo?.value[0]?.address).toBe('reply+cv_9f8e7d6c@reply.oakstreet.example');
    expect(mail.messageId).toBe(messageIdFor('c1:EMAIL_1:2026-01-06', 'mail.oakstreet.example'));
    expect(mail.subject).toBe('Your property at 12 Oak St');
    // mailparser folds List-* headers into one `list` object, so read the parsed header lines.
    const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(line('list-unsubscribe')).toBe('List-Unsubscribe: <https://curb.example/u/opaque-token-123>, <mailto:unsubscribe+opaque-token-123@reply.oakstreet.example>');
    expect(server.messages[0]!.raw).toMatch(/^List-Unsubscribe: <https:\/\/curb\.example\/u\/opaque-token-123>,\s*<mailto:unsubscribe\+opaque-token-123@reply\.oakstreet\.example>/m);
    expect(mail.headers.get('x-curb-touch')).toBe('t_123');
    expect(mail.text).toContain('Would you consider an offer');
    expect(mail.text).toContain('100 Main St, Suite 5\nOrlando, FL 32801');
    expect(mail.html).toContain('100 Main St, Suite 5<br>Orlando, FL 32801');
  });

  it('a resend of the same touch carries the same Message-ID', async () => {
    const c = channel();
    await c.send(request());
    await c.send(request());
    const [a, b] = [await server.parse(0), await server.parse(1)];
    expect(a.messageId).toBe(b.messageId);
  });

  it('text-only mail without the mailto alternative', async () => {
    const r = await channel().send(request({ html: undefined, listUnsubscribeMailto: undefined }));
    expect(r.ok).toBe(true);
    const mail = await server.parse(0);
    expect(mail.html).toBe(false);
    expect(server.messages[0]!.raw).toMatch(/^List-Unsubscribe: <https:\/\/curb\.example\/u\/opaque-token-123>\r?$/m);
  });
});

describe('SMTP email channel — errors', () => {
  it('550 unknown user is a non-retryable invalid_recipient, tried once', async () => {
    server.rejectRecipient('pat.owner@example.com', 550);
    const r = await channel({ retries: 3 }).send(request());
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_recipient', retry: false, details: { responseCode: 550, attempts: 1 } });
    expect(server.rcptAttempts()).toBe(1);
  });

  it('552 is a permanent rejection', async () => {
    server.rejectRecipient('pat.owner@example.com', 552);
    const r = await channel().send(request());
    expect(!r.ok && r.error).toMatchObject({ code: 'rejected', retry: false });
  });

  it('451 is retried and then delivered', async () => {
    server.rejectRecipient('pat.owner@example.com', 451, 1);
    const r = await channel({ retries: 2 }).send(request());
    expect(r.ok).toBe(true);
    expect(server.rcptAttempts()).toBe(2);
    expect(server.messages).toHaveLength(1);
  });

  it('451 every time ends retryable', async () => {
    server.rejectRecipient('pat.owner@example.com', 451);
    const r = await channel({ retries: 1 }).send(request());
    expect(!r.ok && r.error).toMatchObject({ code: 'temporary_failure', retry: true, details: { attempts: 2 } });
  });

  it('wrong credentials are non-retryable', async () => {
    const r = await channel({ smtpUrl: server.url.replace('smtp-test-pass', 'wrong'), retries: 2 }).send(request());
    expect(!r.ok && r.error).toMatchObject({ code: 'unauthorized', retry: false });
  });

  it('a refused connection is retryable', async () => {
    const r = await channel({ smtpUrl: 'smtp://127.0.0.1:1', retries: 0 }).send(request());
    expect(!r.ok && r.error).toMatchObject({ code: 'unavailable', retry: true });
  });

  it('refuses a request without https unsubscribe, without a footer, or overriding owned headers', async () => {
    const c = channel();
    const a = await c.send(request({ listUnsubscribeUrl: 'http://curb.example/u/x' }));
    expect(!a.ok && a.error.message).toMatch(/listUnsubscribeUrl/);
    const b = await c.send(request({ postalFooter: ' ' }));
    expect(!b.ok && b.error.message).toMatch(/postalFooter/);
    const d = await c.send(request({ headers: { 'List-Unsubscribe': '<https://evil.example>' } }));
    expect(!d.ok && d.error.message).toMatch(/headers/);
    expect(server.messages).toHaveLength(0);
  });
});

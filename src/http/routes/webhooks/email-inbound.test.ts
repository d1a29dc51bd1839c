import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../../test/helpers/test-database.js';
import { createTenant, createTestContext, type TestContext } from '../../../../test/helpers/test-services.js';
import { createContact } from '../../../services/contacts/create-contact.js';
import { stripQuotedReply } from '../../../services/conversations/parse-inbound-email.js';
import { handleFetchedEmails, imapOptionsFromUrl } from '../../../services/conversations/poll-imap.js';
import { replyToFor } from '../../../services/outreach/deliver-touch.js';

const SECRET = 'inbound-secret-0123456789';

function mime(o: { from: string; to: string; subject: string; text: string; messageId: string }): string {
  return [
    `From: Pat Owner <${o.from}>`,
    `To: ${o.to}`,
    `Subject: ${o.subject}`,
    `Message-ID: ${o.messageId}`,
    'Date: Tue, 10 Jun 2025 15:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.text,
    '',
  ].join('\r\n');
}

describe.each(databaseTargets())('POST /webhooks/email/inbound and IMAP message handling (%s)', (kind) => {
  let ctx: TestContext;
  let locationId: string;
  const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await ctx.services.database.executeSql<T>(text, values)).rows;
  const post = (body: string, headers: Record<string, string> = { 'x-curb-secret': SECRET }) =>
    ctx.app.inject({ method: 'POST', url: '/webhooks/email/inbound', payload: body, headers: { 'content-type': 'message/rfc822', ...headers } });

  beforeAll(async () => {
    ctx = await createTestContext(kind, { env: { INBOUND_EMAIL_SECRET: SECRET, EMAIL_REPLY_DOMAIN: 'reply.acme.example' } });
    ({ location: { id: locationId } } = await createTenant(ctx.services));
  });
  afterAll(async () => ctx.close());

  it('answers 403 without the shared secret or with a wrong one', async () => {
    const raw = mime({ from: 'pat@example.com', to: 'x@reply.acme.example', subject: 'hi', text: 'hello', messageId: '<sec@example.com>' });
    expect((await post(raw, {})).statusCode).toBe(403);
    expect((await post(raw, { 'x-curb-secret': 'wrong-secret-0123456789' })).statusCode).toBe(403);
    expect(await sql('select id from webhook_events')).toHaveLength(0);
  });

  it('files a reply by its signed reply address (not by From), once, with the quoted mail cut off', async () => {
    const c = await createContact(ctx.services, { locationId, input: { ownerName: 'Pat Owner', email: 'pat@owner.example', mailingState: 'GA' } });
    const raw = mime({
      from: 'someone-else@forwarded.example',
      to: `Acme <${replyToFor(ctx.services, c.id)}>`,
      subject: 'Re: Your property at 12 Oak St',
      text: 'Who is this and how did you get my email?\r\n\r\nOn Mon, Jun 9, 2025 at 10:00 AM Sam <outreach@acme.example> wrote:\r\n> Hi Pat, would you consider an offer?',
      messageId: '<reply-1@owner.example>',
    });
    for (let i = 0; i < 3; i++) {
      const r = await post(raw, { authorization: `Bearer ${SECRET}` });
      expect(r.statusCode).toBe(202);
      expect(r.json().status).toBe(i === 0 ? 'accepted' : 'duplicate');
    }
    const comms = await sql<{ contact_id: string; channel: string; subject: string }>("select contact_id, channel, subject from communications where direction = 'inbound'");
    expect(comms).toEqual([{ contact_id: c.id, channel: 'email', subject: 'Re: Your property at 12 Oak St' }]);
    const conv = await ctx.app.inject({ method: 'GET', url: `/v1/conversations/${c.id}`, headers: (await createKeyFor()).auth });
    expect(conv.json().messages[0].body).toBe('Who is this and how did you get my email?');
    expect(await sql('select action from conversation_decisions where contact_id = $1', [c.id])).toHaveLength(1);
  });

  it('opts out an email reply that says unsubscribe', async () => {
    const c = await createContact(ctx.services, { locationId, input: { ownerName: 'Lee', email: 'lee@owner.example', mailingState: 'GA' } });
    const r = await post(mime({ from: 'lee@owner.example', to: 'outreach@acme.example', subject: 'Re: offer', text: 'Unsubscribe me please.', messageId: '<unsub@owner.example>' }), { 'x-curb-secret': SECRET });
    expect(r.statusCode).toBe(202);
    const [row] = await sql<{ opt_out: boolean }>('select opt_out from contacts where id = $1', [c.id]);
    expect(row?.opt_out).toBe(true);
  });

  it('handles fetched IMAP messages the same way (below the IMAP fetch: no IMAP server in the test)', async () => {
    const raws = [
      mime({ from: 'new.owner@example.net', to: 'outreach@acme.example', subject: 'your letter', text: 'I might sell, call me at 404-555-2222', messageId: '<imap-1@example.net>' }),
      mime({ from: 'new.owner@example.net', to: 'outreach@acme.example', subject: 'your letter', text: 'I might sell, call me at 404-555-2222', messageId: '<imap-1@example.net>' }),
    ];
    expect(await handleFetchedEmails(ctx.services, raws)).toEqual({ fetched: 2, stored: 1, duplicates: 1, unroutable: 0 });
    const [c] = await sql<{ source: string; email: string }>("select source, email from contacts where email = 'new.owner@example.net'");
    expect(c).toEqual({ source: 'inbound', email: 'new.owner@example.net' });
    expect(imapOptionsFromUrl('imaps://me%40acme.example:p%40ss@imap.example.com/Replies')).toEqual({ host: 'imap.example.com', port: 993, secure: true, auth: { user: 'me@acme.example', pass: 'p@ss' }, mailbox: 'Replies' });
  });

  it('cuts quoted history from replies', () => {
    expect(stripQuotedReply('Yes, call me.\n\n-----Original Message-----\nFrom: Sam\nWould you sell?')).toBe('Yes, call me.');
    expect(stripQuotedReply('Not now\n> earlier\n> text')).toBe('Not now');
    expect(stripQuotedReply('Sure\nFrom: Sam <s@x.com>\nSent: Monday\nhi')).toBe('Sure');
  });

  async function createKeyFor() {
    const { createApiKey } = await import('../../../services/auth/create-api-key.js');
    const { key } = await createApiKey(ctx.services, { locationId, name: 'email-test' });
    return { auth: { authorization: `Bearer ${key}` } };
  }
});

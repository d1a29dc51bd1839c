/**
 * One-click unsubscribe (RFC 8058, COMPLIANCE.md E2/E4): the link in every marketing email.
 * - POST /u/:token — what mail providers send (`List-Unsubscribe=One-Click`) and what the page's button
 *   posts: opts the contact out of every channel at once. No login, no cookies.
 * - GET /u/:token — a page with one button; a GET alone changes nothing (link scanners follow links).
 * The token is the contact id signed with the server's key; a forged token gets 404.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { contacts } from '../../db/schema/index.js';
import { verifyToken } from '../../lib/crypto.js';
import type { AppServices } from '../../services/app-services.js';
import { optOutContact } from '../../services/contacts/opt-out-contact.js';

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.6rem 1.2rem}</style></head><body>${body}</body></html>`;

async function contactOf(services: AppServices, token: string): Promise<{ id: string; locationId: string } | null> {
  const hex = verifyToken(services.keyRing, 'unsubscribe', token);
  if (!hex || !/^[0-9a-f]{32}$/.test(hex)) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const [c] = await services.db.select({ id: contacts.id, locationId: contacts.locationId }).from(contacts).where(eq(contacts.id, id)).limit(1);
  return c ?? null;
}

export async function unsubscribeRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.get<{ Params: { token: string } }>('/u/:token', { schema: { hide: true } }, async (request, reply) => {
    const c = await contactOf(services, request.params.token);
    reply.type('text/html; charset=utf-8');
    if (!c) return reply.status(404).send(page('Link not found', '<h1>This link is not valid</h1><p>Reply STOP to any text, or write back to any email, and we will not contact you again.</p>'));
    return reply.send(
      page('Unsubscribe', `<h1>Unsubscribe</h1><p>Stop all messages from us — email, texts and calls.</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`),
    );
  });
  app.post<{ Params: { token: string } }>('/u/:token', { schema: { hide: true } }, async (request, reply) => {
    const c = await contactOf(services, request.params.token);
    reply.type('text/html; charset=utf-8');
    if (!c) return reply.status(404).send(page('Link not found', '<h1>This link is not valid</h1>'));
    await optOutContact(services, { locationId: c.locationId, contactId: c.id, source: 'email_unsubscribe', channel: 'email', evidence: 'List-Unsubscribe=One-Click' });
    return reply.send(page('Unsubscribed', '<h1>You are unsubscribed</h1><p>You will not hear from us again, by email, text or phone.</p>'));
  });
}
